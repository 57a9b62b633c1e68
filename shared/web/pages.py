"""HTML pages beside the JSON API: the blueprint kind for pages, the shared look, staff sign-in and HTML errors.

Citizens and staff read server-rendered pages in Bahasa Indonesia. Each service keeps its own
pages and templates; this module holds only what all of them share:

- `PageBlueprint`: a Flask blueprint that the service's API registry accepts but keeps out of
  the OpenAPI document (pages are not part of the JSON API);
- `look_blueprint`: the base template `asn/base.html`, the error page and `asn.css`, plus the
  Indonesian date and number filters (`tanggal`, `angka`, `persen`);
- staff sign-in for pages: a bearer token in the `Authorization` header as for the API, or a
  token given once as `?token=...` on a staff page, which is moved into an HttpOnly cookie
  (`asn_staff`, SameSite=Lax, limited to the service's page path) and dropped from the address;
- `html_errors`: errors inside page blueprints render as a page, not as problem+json.
"""
from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jwt
from flask import Blueprint, abort, current_app, g, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from shared.errors import WorkflowError
from shared.web.auth import Principal, current_principal, decode_token

COOKIE = "asn_staff"
WIB = timezone(timedelta(hours=7), "WIB")  # the city's clock: every page shows WIB
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
TITLES = {400: "Permintaan tidak valid", 401: "Khusus petugas", 403: "Akses ditolak",
          404: "Halaman tidak ditemukan", 405: "Cara akses tidak diizinkan", 409: "Tidak dapat diproses",
          413: "Isian terlalu besar", 422: "Isian tidak valid", 429: "Terlalu banyak permintaan"}
EXPLANATIONS = {
    401: "Halaman ini hanya untuk petugas. Buka tautan masuk bertoken dari BKPSDM.",
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


def _decode(token: str) -> Principal | None:
    try:
        return decode_token(token, current_app.extensions["asn"].settings)
    except jwt.PyJWTError:
        return None


def page_principal() -> Principal | None:
    """The signed-in staff member (header first, then the sign-in cookie), or None for the public.

    An expired or broken cookie falls back to the public view instead of an error page: the
    sign-in simply ended. The result is also what `current_principal()` returns from then on.
    """
    if "principal" in g:
        return g.principal
    if request.headers.get("Authorization"):
        return current_principal()
    token = request.cookies.get(COOKIE)
    g.principal = _decode(token) if token else None
    return g.principal


def accepts_sign_in(cookie_path: str):
    """Decorate a staff-readable page: `?token=` is checked, kept in the cookie, and removed from the URL."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            token = request.args.get("token")
            if token is None:
                return view(*args, **kwargs)
            if _decode(token) is None:
                abort(401, description="Tautan masuk ini tidak valid atau sudah kedaluwarsa. "
                                       "Mintalah tautan baru kepada BKPSDM.")
            rest = [(key, value) for key, value in request.args.items(multi=True) if key != "token"]
            response = redirect(request.path + (f"?{urlencode(rest)}" if rest else ""), 303)
            # A session cookie: the token's own expiry still applies every time it is read.
            response.set_cookie(COOKIE, token, httponly=True, samesite="Lax", secure=request.is_secure,
                                path=cookie_path)
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

        return wrapper

    return decorator


def sign_out(target: str, cookie_path: str):
    response = redirect(target, 303)
    response.delete_cookie(COOKIE, path=cookie_path)
    return response


def _same_origin() -> bool:
    # The cookie is SameSite=Lax already; this also refuses a cross-site form post in older browsers.
    sent = request.headers.get("Origin") or request.headers.get("Referer")
    if not sent:
        return True
    origin = urlsplit(sent)
    return f"{origin.scheme}://{origin.netloc}" == request.host_url.rstrip("/")


def require_staff(*roles: str) -> Principal:
    """The staff member for a staff-only page, or an error page (401 without sign-in, 403 otherwise)."""
    principal = page_principal()
    if principal is None:
        abort(401)
    if principal.role not in roles:
        abort(403)
    if request.method not in ("GET", "HEAD") and not _same_origin():
        abort(403, description="Formulir ini hanya dapat dikirim dari halaman layanan ini sendiri.")
    return principal
