"""Employees named by NIP in a batch (a class's training, a session's attendance): found, or each refusal named.

An unknown NIP and one of a department the caller may not write get the same answer, so that
the answer never tells whether (or where) a NIP exists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.personnel.db.models import Employee
from services.personnel.domain.nip import NipError, normalize_nip
from services.personnel.workflow import access
from services.personnel.workflow.imports.chunks import in_chunks
from services.personnel.workflow.imports.csv_file import ImportFileError, csv_lines
from services.personnel.workflow.imports.xlsx_file import is_xlsx, xlsx_lines
from shared.errors import Invalid
from shared.principal import Principal

MAX_NIPS = 1000
# Pasted lists separate NIPs by lines, commas, semicolons or tabs; spaces inside one NIP are kept.
_SEPARATORS = re.compile(r"[\n\r,;\t]+")


def split_nips(text: str) -> list[str]:
    """The NIPs of a pasted or typed list, in order, each as written."""
    return [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]


def nips_from_file(raw: bytes) -> list[str]:
    """The NIPs of an uploaded list (CSV or XLSX): its `nip` column, or else its first column."""
    try:
        lines = [cells for _, cells in (xlsx_lines(raw) if is_xlsx(raw) else csv_lines(raw))]
    except ImportFileError as exc:
        raise Invalid("file", str(exc), indonesian=exc.indonesian) from None
    rows = [[cell.strip() for cell in cells] for cells in lines if any(cell.strip() for cell in cells)]
    if not rows:
        return []
    header = [cell.lower() for cell in rows[0]]
    if "nip" in header:
        column = header.index("nip")
        rows = rows[1:]
    else:
        column = 0
    return [row[column] for row in rows if len(row) > column and row[column]]


@dataclass
class Refusals:
    """Why each NIP of a batch cannot be taken: in English for the API and in Indonesian for the pages."""

    english: dict[str, list[str]] = field(default_factory=dict)
    indonesian: list[str] = field(default_factory=list)

    def add(self, nip: str, message: str, indonesian: str) -> None:
        self.english.setdefault(nip, []).append(message)
        self.indonesian.append(f"{nip}: {indonesian}")

    def raise_if_any(self, field_name: str, what: str) -> None:
        if self.english:
            raise Invalid(errors={field_name: self.english},
                          detail=f"{len(self.english)} NIP(s) cannot be taken; no {what} was recorded.",
                          indonesian="\n".join(self.indonesian))


def employees_by_nip(session: Session, principal: Principal, raw_nips: list[str], refusals: Refusals) -> dict:
    """{NIP: Employee} for the NIPs this caller may write for, in the order given (repeats once)."""
    if not raw_nips:
        raise Invalid("nips", "Give at least one NIP.", indonesian="Tuliskan paling sedikit satu NIP.")
    if len(raw_nips) > MAX_NIPS:
        raise Invalid("nips", f"At most {MAX_NIPS} NIPs at once.",
                      indonesian=f"Paling banyak {MAX_NIPS} NIP sekaligus.")
    nips = []
    for raw in raw_nips:
        try:
            nips.append(normalize_nip(raw))
        except NipError as exc:
            refusals.add(raw, exc.message, exc.indonesian or exc.message)
    nips = list(dict.fromkeys(nips))
    found = {}
    for chunk in in_chunks(nips):
        found.update((e.nip, e) for e in session.execute(select(Employee).where(Employee.nip.in_(chunk))).scalars())
    result = {}
    for nip in nips:
        employee = found.get(nip)
        if employee is None or not access.may_write(principal, employee.department_code):
            refusals.add(nip, f"No employee you may record for has NIP {nip}.",
                         "tidak ada pegawai dengan NIP ini yang dapat Anda catat.")
        else:
            result[nip] = employee
    return result
