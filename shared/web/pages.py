"""HTML pages beside the JSON API: the blueprint kind for pages, the shared look, staff sign-in and HTML errors.

Citizens and staff read server-rendered pages in Bahasa Indonesia. Each service keeps its own
pages and templates; this module holds only what all of them share:

- `PageBlueprint`: a Flask blueprint that the service's API registry accepts but keeps out of
  the OpenAPI document (pages are not part of the JSON API);
- `look_blueprint`: the base template `asn/base.html`, the error page and `asn.css`, plus the
  Indonesian date and number filters (`tanggal`, `angka`, `persen`);
- who is signed in: `page_principal()` for pages that anyone may read and staff see more of,
  `require_staff(*roles)` for staff-only pages (sign-in itself: shared/web/signin.py);
- `html_errors`: errors inside page blueprints render as a page, not as problem+json.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from shared.errors import WorkflowError
from shared.principal import Principal
from shared.web import staff_session
from shared.web.auth import current_principal

WIB = timezone(timedelta(hours=7), "WIB")  # the city's clock: every page shows WIB
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
TITLES = {400: "Permintaan tidak valid", 401: "Khusus petugas", 403: "Akses ditolak",
          404: "Halaman tidak ditemukan", 405: "Cara akses tidak diizinkan", 409: "Tidak dapat diproses",
          413: "Isian terlalu besar", 422: "Isian tidak valid", 429: "Terlalu banyak permintaan"}
EXPLANATIONS = {
    401: "Halaman ini hanya untuk petugas. Silakan masuk terlebih dahulu.",
    403: "Akun Anda tidak berwenang membuka halaman ini.",
    404: "Halaman atau data yang Anda cari tidak ada, atau belum dibuka untuk umum.",
    409: "Permintaan ini bertentangan dengan keadaan data saat ini.",
    422: "Isian tidak memenuhi aturan.",
    429: "Anda mengirim terlalu banyak permintaan. Silakan tunggu satu menit, lalu coba lagi.",
}


class PageBlueprint(Blueprint):
    """A blueprint of HTML pages; the API registry takes it, the OpenAPI document leaves it out."""

    def __init__(self, *args, description: str = "HTML pages", **kwargs):
        super().__init__(*args, **kwargs)
        self.description = description

    def register_views_in_doc(self, *args, **kwargs) -> None:
        """Pages are not part of the JSON API, so there is nothing to document."""


def look_blueprint() -> PageBlueprint:
    """The shared base template, error page, stylesheet (/asn-static/asn.css) and filters."""
    here = Path(__file__).parent
    blp = PageBlueprint("asn_look", __name__, template_folder=str(here / "templates"),
                        static_folder=str(here / "static"), static_url_path="/asn-static",
                        description="The shared look of the HTML pages")
    blp.add_app_template_filter(tanggal)
    blp.add_app_template_filter(angka)
    blp.add_app_template_filter(persen)
    blp.add_app_template_global(role_name)
    blp.app_context_processor(signed_in_staff)
    return blp


def tanggal(value, with_time: bool = True) -> str:
    """28 November 2026, 20.53 WIB (a datetime, shown in WIB) or 28 November 2026 (a date or ISO text)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        moment = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(WIB)
        day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
        return f"{day}, {moment:%H.%M} WIB" if with_time else day
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def angka(value, digits: int = 2) -> str:
    """A number the Indonesian way: 1.234,56; a missing or hidden figure is a dash."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def persen(share, digits: int = 1) -> str:
    """A share (0..1) as a percentage: 0.8 -> 80,0 %."""
    return "—" if share is None else f"{angka(share * 100, digits)} %"


def html_errors(blueprint: Blueprint) -> None:
    """Render HTTP errors raised by this blueprint's views as pages (with the right status code)."""

    def render_error(exc: HTTPException):
        status = exc.code or 500
        own = exc.description if exc.description != type(exc).description else None
        message = own or EXPLANATIONS.get(status) or "Permintaan tidak dapat diproses."
        response = current_app.make_response(
            (render_template("asn/error.html", status=status, title=TITLES.get(status, "Terjadi kesalahan"),
                             message=message), status))
        for key, value in (getattr(exc, "data", None) or {}).get("headers", {}).items():
            response.headers[key] = value
        if status == 429:
            response.headers.setdefault("Retry-After", "60")
        return response

    def render_refusal(exc: WorkflowError):
        # The one place where a use case's typed error becomes an Indonesian page.
        message = exc.indonesian or EXPLANATIONS.get(exc.status) or "Permintaan tidak dapat diproses."
        return render_template("asn/error.html", status=exc.status, title=TITLES.get(exc.status, "Terjadi kesalahan"),
                               message=message, detail=None if exc.indonesian else exc.detail), exc.status

    blueprint.register_error_handler(HTTPException, render_error)
    blueprint.register_error_handler(WorkflowError, render_refusal)


def safe_next(target: str | None) -> str:
    """A path on this address to return to after signing in; anything else (another site) becomes the home page."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return request.script_root + "/"
    return target


def current_path() -> str:
    """This request's path and query, as the browser sees them (behind the proxy's prefix too)."""
    path = request.script_root + request.path
    return f"{path}?{request.query_string.decode()}" if request.query_string else path


def sign_in_url(next_path: str | None = None) -> str:
    """Where a page sends someone who must sign in first, to come back to `next_path` (default: here)."""
    return url_for("asn_signin.sign_in", next=next_path or current_path())


def page_principal() -> Principal | None:
    """The signed-in staff member, or None for the public.

    A bearer token in the Authorization header counts as for the API (tests and scripts use it);
    otherwise the sign-in kept in the service's session (shared/web/staff_session.py). An ended
    sign-in is simply the public view. The result is also what `current_principal()` returns from
    then on, so a workflow called from a page sees the same person.
    """
    if "principal" in g:
        return g.principal
    if request.headers.get("Authorization"):
        return current_principal()
    g.principal = staff_session.signed_in()
    return g.principal


def _same_origin() -> bool:
    # The cookie is SameSite=Lax and forms carry a CSRF token; this also refuses a cross-site post in older browsers.
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent:
        return True
    origin = urlsplit(sent)
    return f"{origin.scheme}://{origin.netloc}" == request.host_url.rstrip("/")


def require_staff(*roles: str) -> Principal:
    """The signed-in staff member for a staff-only page, whose role is one of `roles`.

    Nobody signed in: a GET (or HEAD) is sent to the sign-in and back here afterwards; any other
    method gets the Indonesian 401 page (a form posted after the sign-in ended). A staff member
    of another role gets the 403 page. Call it first thing in the view.
    """
    principal = page_principal()
    if principal is None:
        if request.method in ("GET", "HEAD"):
            abort(redirect(sign_in_url(), 303))
        abort(401)
    if principal.role not in roles:
        abort(403)
    if request.method not in ("GET", "HEAD") and not _same_origin():
        abort(403, description="Formulir ini hanya dapat dikirim dari halaman layanan ini sendiri.")
    return principal


def role_name(principal: Principal | None) -> str:
    """The role as staff read it: Admin BKPSDM, Operator DINKES, Pembaca laporan."""
    if principal is None:
        return ""
    if principal.role == "operator":
        return f"Operator {principal.department}"
    return {"admin": "Admin BKPSDM", "viewer": "Pembaca laporan"}.get(principal.role, principal.role)


def signed_in_staff() -> dict:
    """Template context: `staff`, the signed-in staff member (or None), for the header and the sign-out form."""
    try:
        return {"staff": page_principal()}
    except HTTPException:
        return {"staff": None}  # a bad bearer token: its own error page is being rendered
