"""The staff workspace's blueprints: forms and pages under /kepegawaian, and file uploads (imports) with a larger
body limit. Errors render as Indonesian pages; the shared look comes from shared.web.pages."""
from __future__ import annotations

from flask import g

from services.personnel.pages import wording
from services.personnel.workflow.departments import list_departments
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors, page_principal, require_staff
from shared.web.security import limit_body

STAFF = ("admin", "operator")
UPLOAD_BYTES = 20 * 1024 * 1024  # an import file: about 100,000 rows

blp = PageBlueprint("personnel_pages", __name__, url_prefix="/kepegawaian", template_folder="templates",
                    static_folder="static", static_url_path="/kepegawaian-statis",
                    description="Staff pages: employees, training, socialization, competence (HTML)")
uploads = PageBlueprint("personnel_upload_pages", __name__, url_prefix="/kepegawaian/impor",
                        template_folder="templates", description="Staff pages: CSV/XLSX imports (HTML)")
html_errors(blp)
html_errors(uploads)
limit_body(uploads, UPLOAD_BYTES)


def staff():
    """The signed-in admin or operator (401/403 page otherwise)."""
    return require_staff(*STAFF)


def departments(session) -> list:
    """The active departments, for the forms' choices (cached for the request)."""
    if "personnel_departments" not in g:
        page = list_departments(session, {"page": 1, "page_size": 1000})
        g.personnel_departments = [d for d in page["items"] if d.status == "active"]
    return g.personnel_departments


def department_options(session) -> list[tuple[str, str]]:
    return [(d.code, f"{d.code} — {d.name}") for d in departments(session)]


def window():
    return service_context().config.leadership


def _context():
    return {"principal": page_principal(), "w": wording}


blp.context_processor(_context)
uploads.context_processor(_context)
