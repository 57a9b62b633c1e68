"""CSV bulk import of employees and training records: a dry run reports every bad row; a real import
writes all rows with their events in one transaction, or nothing.

The CSV is sent as the body (Content-Type: text/csv) or as the `file` of a multipart form.
"""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from services.personnel.api import idempotency
from services.personnel.api.schemas.imports import ImportArgsSchema, ImportReportSchema
from services.personnel.imports import employees as employee_import
from services.personnel.imports import training as training_import
from services.personnel.imports.csv_file import ImportFileError, decode, read_csv
from shared.web.app_factory import service_context
from shared.web.auth import current_principal, require_roles

blp = Blueprint("imports", __name__, url_prefix="/api/v1/imports", description="CSV bulk import")

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # about 100,000 rows; the app-wide limit is for JSON bodies
CSV_TYPES = ("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel")
CSV_BODY = {"requestBody": {"required": True, "content": {
    "text/csv": {"schema": {"type": "string"}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string",
                                                                                 "format": "binary"}}}},
}}}


def uploaded_text() -> str:
    request.max_content_length = MAX_UPLOAD_BYTES
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            abort(422, message="Attach the CSV as the form field 'file'.", errors={"file": ["Missing."]})
        raw = upload.read()
    elif request.mimetype in CSV_TYPES:
        raw = request.get_data()
    else:
        abort(415, message="Send the CSV as text/csv, or as the field 'file' of multipart/form-data.")
    try:
        return decode(raw)
    except ImportFileError as exc:
        abort(422, message=str(exc), errors={"file": [str(exc)]})


def run_import(module, dry_run: bool, scope: str, key: str | None):
    """Check every row; in a dry run report, else write all of them in one transaction or refuse."""
    text = uploaded_text()
    try:
        rows = read_csv(text, module.COLUMNS, module.REQUIRED)
    except ImportFileError as exc:
        abort(422, message=str(exc), errors={"file": [str(exc)]})
    once = idempotency.Idempotency(scope, {"dry_run": dry_run, "csv": text}, key)
    with service_context().transaction() as session:
        replayed = once.replay(session)
        if replayed is not None:
            return replayed
        batch = module.check_rows(session, rows, current_principal())
        errors = sorted(batch.errors, key=lambda e: e.line)
        report = {"dry_run": dry_run, "rows": len(rows), "valid_rows": len(batch.valid), "imported": 0,
                  "errors": errors}
        if dry_run:
            return report
        if errors:
            abort(422, message=f"{len(rows) - len(batch.valid)} of {len(rows)} rows are not valid; nothing was "
                               "imported. Run with ?dry_run=true for the full report.",
                  errors={f"line {e.line}": [f"{e.field}: {e.message}"] for e in errors})
        report["imported"] = module.write(session, batch.valid)
        return once.answer(session, 200, ImportReportSchema().dump(report))


@blp.route("/employees")
class EmployeeImport(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ImportArgsSchema, location="query")
    @blp.response(200, ImportReportSchema)
    @blp.arguments(idempotency.IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    @blp.doc(**CSV_BODY)
    def post(self, args, idempotency_key=None):
        """Import employees from CSV (columns: nip, name, employee_type, department_code, and optional ones)"""
        return run_import(employee_import, args["dry_run"], "imports:employees", idempotency_key)


@blp.route("/training-records")
class TrainingImport(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ImportArgsSchema, location="query")
    @blp.response(200, ImportReportSchema)
    @blp.arguments(idempotency.IdempotencyHeaderSchema, location="headers", as_kwargs=True)
    @blp.doc(**CSV_BODY)
    def post(self, args, idempotency_key=None):
        """Import training records from CSV (columns: nip, programme_code, start_date, end_date, and optional ones)"""
        return run_import(training_import, args["dry_run"], "imports:training-records", idempotency_key)
