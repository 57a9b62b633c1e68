"""CSV/XLSX bulk import of employees and training records: a dry run previews every row (new, changed,
unchanged, error); a real import writes all rows with their events in one transaction, or nothing.
`update=true` changes the stored rows a file's rows match instead of refusing them as duplicates.

The file is sent as the body (Content-Type: text/csv, or the XLSX type) or as the `file` of a multipart form.
"""
from __future__ import annotations

import functools

from flask import request
from flask.views import MethodView
from flask_smorest import abort

from services.personnel.api.schemas.imports import ImportArgsSchema, ImportReportSchema
from services.personnel.workflow.imports.employees import import_employees
from services.personnel.workflow.imports.training import import_training_records
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent
from shared.web.security import limit_body

blp = ApiBlueprint("imports", __name__, url_prefix="/api/v1/imports", description="CSV bulk import")

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # about 100,000 rows; the app-wide limit is for JSON bodies
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPES = ("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", XLSX_TYPE)
CSV_BODY = {"requestBody": {"required": True, "content": {
    "text/csv": {"schema": {"type": "string"}},
    XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string",
                                                                                 "format": "binary"}}}},
}}}


limit_body(blp, MAX_UPLOAD_BYTES)


def uploaded_bytes() -> bytes:
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            abort(422, message="Attach the CSV or XLSX file as the form field 'file'.", errors={"file": ["Missing."]})
        return upload.read()
    if request.mimetype in CSV_TYPES:
        return request.get_data()
    abort(415, message="Send the CSV as text/csv (an XLSX as its own type), or as the field 'file' of "
                       "multipart/form-data.")


def idempotent_unless_dry_run(scope: str):
    """The shared idempotency handling for a real import; a dry run writes nothing, so it needs none.

    So a client may preview with the key it will then send with the real import, and the key is
    spent only by the import that writes.
    """
    def decorator(view):
        once = idempotent(scope)(view)

        @functools.wraps(once)
        def wrapper(self, args, **kwargs):
            if not args["dry_run"]:
                return once(self, args, **kwargs)
            with service_context().transaction() as session:
                return view(self, args, session=session, **kwargs)

        return wrapper

    return decorator


@blp.route("/employees")
class EmployeeImport(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ImportArgsSchema, location="query")
    @idempotent_unless_dry_run("imports:employees")
    @blp.response(200, ImportReportSchema)
    @blp.doc(**CSV_BODY)
    def post(self, args, session):
        """Import employees from CSV or XLSX (columns: nip, name, employee_type, department_code, and optional ones)"""
        return import_employees(session, acting_principal(), utcnow(), uploaded_bytes(), args["dry_run"],
                                update=args["update"], window=service_context().config.leadership)


@blp.route("/training-records")
class TrainingImport(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ImportArgsSchema, location="query")
    @idempotent_unless_dry_run("imports:training-records")
    @blp.response(200, ImportReportSchema)
    @blp.doc(**CSV_BODY)
    def post(self, args, session):
        """Import training records from CSV or XLSX (columns: nip, programme_code, start_date, end_date, and optional
        ones)"""
        return import_training_records(session, acting_principal(), utcnow(), uploaded_bytes(), args["dry_run"],
                                       update=args["update"], window=service_context().config.leadership)
