"""One error format for every service: application/problem+json (RFC 9457)."""
from __future__ import annotations

import logging
import traceback

from flask import Response, g, json, render_template, request
from marshmallow import Schema, fields
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from werkzeug.exceptions import HTTPException

from shared.errors import Conflict, Invalid, WorkflowError

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"


class ProblemSchema(Schema):
    """An error, as application/problem+json (RFC 9457): what every error response of the API is."""

    type = fields.String(metadata={"example": "about:blank#404"})
    title = fields.String(metadata={"example": "Not Found"})
    status = fields.Integer(metadata={"example": 404})
    detail = fields.String(metadata={"example": "No campaign has this id."})
    errors = fields.Dict(metadata={"description": "per field, the reasons it was refused (422)"})
    allowed = fields.List(fields.String(), metadata={"description": "the moves allowed from the current state (409)"})


TITLES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 422: "Unprocessable Entity"}


def problem(status: int, title: str, detail: str | None = None, errors: dict | None = None,
            headers: dict | None = None, **extra) -> Response:
    body = {"type": f"about:blank#{status}" if status != 422 else "about:blank#validation",
            "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update({key: value for key, value in extra.items() if value is not None})
    resp = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM)
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def _field_errors(data: dict) -> dict | None:
    messages = data.get("messages") or data.get("errors")
    if not isinstance(messages, dict):
        return None
    # webargs nests by location ({"json": {...}}); a client only cares about the field.
    if set(messages) <= {"json", "query", "form", "files", "headers", "view_args"}:
        merged: dict = {}
        for value in messages.values():
            merged.update(value if isinstance(value, dict) else {"_schema": value})
        return merged
    return messages


def wants_a_page() -> bool:
    """A browser asking for a page (not the API, not the OpenAPI document): it gets an Indonesian page."""
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return False
    best = request.accept_mimetypes.best_match(["application/json", PROBLEM, "text/html"])
    return best == "text/html"


def error_page(exc: HTTPException) -> Response:
    from shared.web.pages import EXPLANATIONS, TITLES

    status = exc.code or 500
    message = EXPLANATIONS.get(status) or "Permintaan tidak dapat diproses."
    if status == 405:
        message = "Alamat ini tidak menerima cara akses tersebut. Buka halamannya dari menu layanan."
    resp = Response(render_template("asn/error.html", status=status, title=TITLES.get(status, "Terjadi kesalahan"),
                                    message=message), status=status, mimetype="text/html")
    if getattr(exc, "valid_methods", None):
        resp.headers["Allow"] = ", ".join(exc.valid_methods)
    return resp


def handle_http_exception(exc: HTTPException) -> Response:
    if exc.code in (404, 405) and wants_a_page():
        return error_page(exc)
    data = getattr(exc, "data", None) or {}
    errors = _field_errors(data)
    detail = data.get("message") or exc.description
    if exc.code == 422 and errors and detail == exc.description:
        detail = "The input is not valid; see `errors` for each field."
    headers = dict(data.get("headers") or {})
    if exc.code == 429:
        headers.setdefault("Retry-After", "60")
    return problem(exc.code or 500, exc.name, detail, errors, headers)


def handle_workflow_error(exc: WorkflowError) -> Response:
    """A use case's refusal, as problem+json: the one place where typed errors become HTTP."""
    errors = exc.errors if isinstance(exc, Invalid) else None
    allowed = exc.allowed if isinstance(exc, Conflict) else None
    return problem(exc.status, TITLES.get(exc.status, "Bad Request"), exc.detail, errors, allowed=allowed)


def _quiet(exc: Exception) -> str:
    """What may be logged of a database error: its kind and SQLSTATE, never the server's message,
    which quotes the values of the row (a NIP in a duplicate key, a citizen's words in a bad value)."""
    orig = getattr(exc, "orig", None)
    return f"{type(orig or exc).__name__} (SQLSTATE {getattr(orig, 'sqlstate', None) or '?'})"


def handle_integrity_error(exc: IntegrityError) -> Response:
    # Views check business keys first; this catches the race where two requests both passed.
    log.info("integrity error mapped to 409: %s", _quiet(exc))
    return problem(409, "Conflict", "The record conflicts with an existing one (a duplicate key).")


def handle_data_error(exc: DataError) -> Response:
    # Schemas bound every number and length; this catches a bound that one forgot (a value out of
    # the column's range), so that it is still the client's 422 and not a 500.
    log.warning("data error mapped to 422: %s", _quiet(exc))
    return problem(422, "Unprocessable Entity", "A value is out of the range this field can hold.")


def handle_unexpected(exc: Exception) -> Response:
    if isinstance(exc, DBAPIError):  # the traceback's frames, without the message that quotes row values
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("unhandled database error %s (request %s)\n%s", _quiet(exc), g.get("request_id", "?"), frames)
    else:
        log.exception("unhandled error (request %s)", g.get("request_id", "?"))
    return problem(500, "Internal Server Error", "An unexpected error occurred; it has been logged.")


def register(app) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(WorkflowError, handle_workflow_error)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(Exception, handle_unexpected)
