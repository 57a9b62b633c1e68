"""Import pages: upload a CSV or XLSX file, see what each row would do (a dry run), then confirm.

The upload is kept for its preview (post/redirect/get); confirming imports exactly that file, all
rows or none. "Perbarui data yang sudah ada" matches employees by NIP and training by certificate
number or by employee, programme and dates.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.personnel.pages import wording
from services.personnel.pages.blueprint import staff, uploads, window
from services.personnel.workflow.imports.staged import confirm_import, stage_import, staged_preview
from shared.db import utcnow
from shared.errors import Invalid
from shared.web.app_factory import service_context

MAX_SHOWN = 500  # rows of a preview listed on the page; the counts cover them all


@uploads.get("")
def upload():
    staff()
    return render_template("kepegawaian/import_form.html", values={"kind": "employees"}, errors={})


@uploads.post("")
def stage():
    principal = staff()
    upload_file = request.files.get("file")
    raw = upload_file.read() if upload_file is not None else b""
    kind = request.form.get("kind", "")
    try:
        with service_context().transaction() as session:
            staged = stage_import(session, principal, utcnow(), kind, upload_file.filename if upload_file else "",
                                  raw, request.form.get("update") in ("1", "on"))
    except Invalid as exc:
        return render_template("kepegawaian/import_form.html", values=request.form,
                               errors=wording.field_errors(exc)), 422
    return redirect(url_for(".preview", staged_id=staged.id), 303)


def _preview_page(principal, staged_id: str, errors: dict | None = None, status: int = 200):
    with service_context().transaction() as session:  # a dry run reads in a transaction it never commits to
        preview = staged_preview(session, principal, utcnow(), staged_id, window())
        report = preview["report"]
        rows = [row for row in report.get("preview", []) if row["status"] != "unchanged"]
        return render_template("kepegawaian/import_preview.html", staged=preview["staged"], report=report,
                               rows=rows[:MAX_SHOWN], more=max(0, len(rows) - MAX_SHOWN),
                               errors=errors or {}), status


@uploads.get("/<staged_id>")
def preview(staged_id):
    return _preview_page(staff(), staged_id)


@uploads.post("/<staged_id>")
def confirm(staged_id):
    principal = staff()
    try:
        with service_context().transaction() as session:
            report = confirm_import(session, principal, utcnow(), staged_id, window())
    except Invalid as exc:
        return _preview_page(principal, staged_id, {"file": exc.indonesian or exc.detail}, 422)
    flash(f"{report['imported']} baris diimpor ({report['new_rows']} baru, {report['changed_rows']} diperbarui).")
    return redirect(url_for(".preview", staged_id=staged_id), 303)
