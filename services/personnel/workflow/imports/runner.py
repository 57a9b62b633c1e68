"""An import's two modes: a dry run previews every row (new, changed, unchanged, error); a real run writes every
row, or none. "Update existing rows" turns a row that matches a stored one into a change of it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from services.personnel.domain.competence import LeadershipWindow
from services.personnel.workflow import access
from services.personnel.workflow.imports.csv_file import CsvRow, ImportFileError, RowError
from services.personnel.workflow.imports.table import Columns, read_table
from shared.errors import Invalid
from shared.principal import Principal


@dataclass
class Batch:
    """What each row of a file would do: insert, change a stored row, nothing; or why it cannot be imported."""

    new: list = field(default_factory=list)  # (line, values)
    changed: list = field(default_factory=list)  # (line, stored id, {field: (old, new)}, values)
    unchanged: list = field(default_factory=list)  # lines
    errors: list[RowError] = field(default_factory=list)
    keys: dict[int, str] = field(default_factory=dict)  # line -> what the row is about (a NIP)

    @property
    def valid(self) -> int:
        return len(self.new) + len(self.changed) + len(self.unchanged)


CheckRows = Callable[[Session, Principal, datetime, list[CsvRow], bool], Batch]
WriteRows = Callable[[Session, Principal, datetime, Batch, LeadershipWindow], int]


def _shown(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def preview(rows: list[CsvRow], batch: Batch) -> list[dict]:
    """One entry per row, in file order: its status and what it changes or why it is refused."""
    status = {line: "new" for line, _ in batch.new}
    status.update({line: "unchanged" for line in batch.unchanged})
    changes = {line: [{"field": name, "old": _shown(old), "new": _shown(new)}
                      for name, (old, new) in diff.items()] for line, _, diff, _ in batch.changed}
    status.update(dict.fromkeys(changes, "changed"))
    errors: dict[int, list] = {}
    for error in batch.errors:
        errors.setdefault(error.line, []).append(error)
        status[error.line] = "error"
    return [{"line": row.line, "status": status.get(row.line, "error"), "key": batch.keys.get(row.line),
             "changes": changes.get(row.line, []), "errors": errors.get(row.line, [])} for row in rows]


def run_import(session: Session, principal: Principal, now: datetime, raw: bytes, dry_run: bool, *,
               update: bool, columns: Columns, check_rows: CheckRows, write: WriteRows,
               window: LeadershipWindow) -> dict:
    """Check every row of the file; in a dry run report, else write all of them (with their events) or refuse."""
    access.ensure_writer(principal)
    try:
        rows = read_table(raw, columns)
    except ImportFileError as exc:
        raise Invalid("file", str(exc), detail=str(exc), indonesian=exc.indonesian) from None
    batch = check_rows(session, principal, now, rows, update)
    errors = sorted(batch.errors, key=lambda e: e.line)
    report = {"dry_run": dry_run, "update": update, "rows": len(rows), "valid_rows": batch.valid,
              "new_rows": len(batch.new), "changed_rows": len(batch.changed), "unchanged_rows": len(batch.unchanged),
              "imported": 0, "errors": errors, "preview": preview(rows, batch)}
    if dry_run:
        return report
    if errors:
        refused = len(rows) - batch.valid
        raise Invalid(errors={f"line {e.line}": [f"{e.field}: {e.message}"] for e in errors},
                      detail=f"{refused} of {len(rows)} rows are not valid; nothing was imported. A dry run "
                             "(?dry_run=true) reports every row.",
                      indonesian=f"{refused} dari {len(rows)} baris tidak valid; tidak ada yang diimpor.")
    report["imported"] = write(session, principal, now, batch, window)
    return report
