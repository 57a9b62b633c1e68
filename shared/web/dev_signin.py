"""The development sign-in of all-in-one mode: pick a demo account, no password, no identity provider.

It exists only where Settings.dev_sign_in is true (all-in-one mode, whose broker lives in the
process, and no OIDC_ISSUER): shared/web/signin.py adds its routes nowhere else, so a deployed
service answers 404 at /akun/<service>/dev. Like a provider's session, the choice is remembered
for every service of the suite (the `asn_dev_sso` cookie), so signing in once is enough.

The demo accounts: a BKPSDM admin, an operator of DINKES (which scripts/all_in_one.py seeds)
and a report viewer.
"""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from shared.principal import Principal
from shared.web import staff_session
from shared.web.pages import safe_next

SSO_COOKIE = "asn_dev_sso"
# Public on purpose: anyone at this computer may pick any demo account anyway.
_SSO_KEY = "all-in-one-development-sign-in"  # noqa: S105
DEPARTMENT = {"code": "DINKES", "name": "Dinas Kesehatan", "type": "dinas"}
ACCOUNTS = {
    "admin": (Principal(subject="demo-admin-bkpsdm", role="admin", name="Rina Siregar"),
              "Admin BKPSDM: semua perangkat daerah, semua data"),
    "operator": (Principal(subject="demo-operator-dinkes", role="operator", department=DEPARTMENT["code"],
                           name="Budi Nasution"),
                 f"Operator {DEPARTMENT['name']} ({DEPARTMENT['code']}): data perangkat daerahnya saja"),
    "viewer": (Principal(subject="demo-viewer", role="viewer", name="Sari Harahap"),
               "Pembaca laporan: membaca laporan evaluasi, tanpa mengubah data"),
}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(_SSO_KEY, salt="asn-dev-sso")


def remembered() -> Principal | None:
    """The demo account chosen earlier in this browser, for any service of the suite."""
    try:
        key = _serializer().loads(request.cookies.get(SSO_COOKIE, ""))
    except BadSignature:
        return None
    return ACCOUNTS[key][0] if key in ACCOUNTS else None


def sign_in(target: str):
    """Sign in silently with the account chosen before, or show the accounts to choose from."""
    principal = remembered()
    if principal is None:
        return redirect(url_for("asn_signin.dev_accounts", next=target), 303)
    staff_session.remember(principal)
    return redirect(target, 303)


def forget(response):
    response.delete_cookie(SSO_COOKIE, path="/", httponly=True, samesite="Lax")
    return response


def add_routes(blp) -> None:
    @blp.get("/dev")
    def dev_accounts():
        return render_template("asn/dev_sign_in.html", accounts=ACCOUNTS, next=safe_next(request.args.get("next")))

    @blp.post("/dev")
    def dev_choose():
        key = request.form.get("akun", "")
        if key not in ACCOUNTS:
            abort(422, description="Pilih salah satu akun demo.")
        staff_session.remember(ACCOUNTS[key][0])
        response = redirect(safe_next(request.form.get("next")), 303)
        response.set_cookie(SSO_COOKIE, _serializer().dumps(key), httponly=True, samesite="Lax", path="/",
                            secure=request.is_secure)
        return response
