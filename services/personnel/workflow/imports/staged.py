"""An import as the import page runs it: upload (kept, unread by anyone else), preview (a dry run), confirm.

The uploaded file waits in `staged_imports` so that the preview is a page of its own (post/redirect/get)
and the confirmation imports exactly the file that was previewed. Only the uploader sees or confirms it.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from services.personnel.db.models import StagedImport
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.workflow import access
from services.personnel.workflow.imports import employees, training
from services.personnel.workflow.imports.csv_file import ImportFileError
from services.personnel.workflow.imports.table import read_table
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal

KINDS = {"employees": (employees.COLUMNS, employees.import_employees),
         "training": (training.COLUMNS, training.import_training_records)}
UNCONFIRMED_KEPT = timedelta(days=1)  # an upload nobody confirmed is dropped after this
SUMMARY = ("rows", "new_rows", "changed_rows", "unchanged_rows", "imported", "update")


def stage_import(session: Session, principal: Principal, now: datetime, kind: str, filename: str, raw: bytes,
                 update: bool) -> StagedImport:
    """Keep an uploaded file for its preview, once it reads as a table of the kind's columns."""
    access.ensure_writer(principal)
    if kind not in KINDS:
        raise Invalid("kind", f"Unknown kind of import {kind!r}.", indonesian="Pilih jenis data yang diimpor.")
    if not raw:
        raise Invalid("file", "Choose a CSV or XLSX file.", indonesian="Pilih berkas CSV atau XLSX.")
    try:
        read_table(raw, KINDS[kind][0])
    except ImportFileError as exc:
        raise Invalid("file", str(exc), indonesian=exc.indonesian) from None
    session.execute(delete(StagedImport).where(StagedImport.imported_at.is_(None),
                                               StagedImport.created_at < now - UNCONFIRMED_KEPT))
    row = StagedImport(kind=kind, update_existing=update, filename=(filename or "berkas")[:200], content=raw,
                       owner=principal.subject, created_at=now)
    session.add(row)
    session.flush()
    return row


def _own(session: Session, principal: Principal, staged_id: str, for_update: bool = False) -> StagedImport:
    access.ensure_writer(principal)
    row = session.get(StagedImport, staged_id, with_for_update=for_update)
    if row is None or row.owner != principal.subject:
        raise NotFound("No such upload.", indonesian="Unggahan ini tidak ditemukan atau sudah kedaluwarsa.")
    return row


def staged_preview(session: Session, principal: Principal, now: datetime, staged_id: str,
                   window: LeadershipWindow) -> dict:
    """The upload and what importing it would do (a dry run), or, once imported, what it did."""
    row = _own(session, principal, staged_id)
    if row.imported_at is not None:
        return {"staged": row, "report": row.result}
    run = KINDS[row.kind][1]
    return {"staged": row, "report": run(session, principal, now, row.content, True, update=row.update_existing,
                                         window=window)}


def confirm_import(session: Session, principal: Principal, now: datetime, staged_id: str,
                   window: LeadershipWindow) -> dict:
    """Import the previewed file, all rows or none; the upload then keeps only the summary."""
    row = _own(session, principal, staged_id, for_update=True)
    if row.imported_at is not None:
        raise Conflict("This upload was imported already.", indonesian="Berkas ini sudah diimpor.")
    report = KINDS[row.kind][1](session, principal, now, row.content, False, update=row.update_existing,
                                window=window)
    row.result = {key: report[key] for key in SUMMARY}
    row.imported_at, row.content = now, None
    return report
