"""One error format for every service: application/problem+json (RFC 9457)."""
from __future__ import annotations

import logging

from flask import Response, json, render_template, request
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from shared.errors import Conflict, Invalid, WorkflowError

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"


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


def handle_integrity_error(exc: IntegrityError) -> Response:
    # Views check business keys first; this catches the race where two requests both passed.
    log.info("integrity error mapped to 409: %s", exc.orig)
    return problem(409, "Conflict", "The record conflicts with an existing one (a duplicate key).")


def handle_unexpected(exc: Exception) -> Response:
    log.exception("unhandled error")
    return problem(500, "Internal Server Error", "An unexpected error occurred; it has been logged.")


def register(app) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(WorkflowError, handle_workflow_error)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(Exception, handle_unexpected)
