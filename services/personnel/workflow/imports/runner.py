"""A CSV import's two modes: a dry run reports every bad row by line; a real run writes every row, or none."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from services.personnel.workflow import access
from services.personnel.workflow.imports.csv_file import CsvRow, ImportFileError, RowError, decode, read_csv
from shared.errors import Invalid
from shared.principal import Principal


@dataclass
class Batch:
    """The rows of a file that passed every check, ready to write, and what is wrong with the others."""

    valid: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


CheckRows = Callable[[Session, Principal, datetime, list[CsvRow]], Batch]
WriteRows = Callable[[Session, datetime, list], int]


def run_import(session: Session, principal: Principal, now: datetime, raw: bytes, dry_run: bool, *,
               columns: tuple[str, ...], required: tuple[str, ...], check_rows: CheckRows,
               write: WriteRows) -> dict:
    """Check every row of the file; in a dry run report, else write all of them (with their events) or refuse."""
    access.ensure_writer(principal)
    try:
        rows = read_csv(decode(raw), columns, required)
    except ImportFileError as exc:
        raise Invalid("file", str(exc), detail=str(exc)) from None
    batch = check_rows(session, principal, now, rows)
    errors = sorted(batch.errors, key=lambda e: e.line)
    report = {"dry_run": dry_run, "rows": len(rows), "valid_rows": len(batch.valid), "imported": 0,
              "errors": errors}
    if dry_run:
        return report
    if errors:
        raise Invalid(errors={f"line {e.line}": [f"{e.field}: {e.message}"] for e in errors},
                      detail=f"{len(rows) - len(batch.valid)} of {len(rows)} rows are not valid; nothing was "
                             "imported. A dry run (?dry_run=true) reports every row.")
    report["imported"] = write(session, now, batch.valid)
    return report
