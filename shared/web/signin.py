"""Staff sign-in and sign-out for a service's pages, at /akun/<service>/...

- `GET /akun/<service>/masuk?next=/path` begins a sign-in: OpenID Connect's Authorization Code
  flow with PKCE (Authlib) at the identity provider, whose own session makes it silent when the
  person already signed in to another service of the suite. In all-in-one mode without a
  provider, the development sign-in (shared/web/dev_signin.py) stands in for it.
- `GET /akun/<service>/selesai` is where the provider sends the person back: the code is
  exchanged, the ID token verified (signature, issuer, audience, expiry, nonce), its claims
  mapped to a Principal (shared/identity.py) and kept in the session (shared/web/staff_session.py).
- `POST /akun/<service>/keluar` signs out of every service on this address and then of the
  provider (RP-initiated logout), which sends the person back to `GET /akun/<service>/keluar`.

Each service is a client of its own at the provider (OIDC_CLIENT_ID/OIDC_CLIENT_SECRET), so no
department holds another's secret; docs/operations.md says why and how to register them.
"""
from __future__ import annotations

from urllib.parse import urlencode

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, abort, current_app, redirect, render_template, request, session, url_for
from joserfc.errors import JoseError

from shared.identity import ClaimMapping, UnmappedIdentity
from shared.web import dev_signin, staff_session
from shared.web.pages import PageBlueprint, html_errors, safe_next

PROVIDER_TIMEOUT_SECONDS = 10
NEXT = "asn_next"  # the page to return to, kept in the session while the person is at the provider


def install(app: Flask, settings) -> PageBlueprint:
    """The sign-in blueprint of this service, with its OpenID client (or the development sign-in)."""
    blp = PageBlueprint("asn_signin", __name__, url_prefix=f"/akun/{settings.service}",
                        description="Staff sign-in and sign-out (HTML)")
    html_errors(blp)
    if settings.oidc_issuer:
        oauth = OAuth(app)
        app.extensions["asn_oidc"] = oauth.register(
            "provider", client_id=settings.oidc_client_id, client_secret=settings.oidc_client_secret,
            server_metadata_url=settings.metadata_url,
            client_kwargs={"scope": settings.oidc_scope, "code_challenge_method": "S256",
                           "default_timeout": PROVIDER_TIMEOUT_SECONDS})
    elif settings.dev_sign_in:
        dev_signin.add_routes(blp)

    @blp.get("/masuk")
    def sign_in():
        target = safe_next(request.args.get("next"))
        if settings.dev_sign_in:
            return dev_signin.sign_in(target)
        client = app.extensions.get("asn_oidc")
        if client is None:
            abort(503, description="Masuk petugas belum disiapkan di layanan ini (OIDC_ISSUER belum diisi).")
        session[NEXT] = target
        try:
            return client.authorize_redirect(url_for(".finish", _external=True))
        except OSError:
            abort(503, description="Penyedia identitas kota tidak dapat dihubungi. Silakan coba beberapa saat lagi.")

    @blp.get("/selesai")
    def finish():
        client = app.extensions.get("asn_oidc")
        if client is None:
            abort(404)
        if request.args.get("error"):
            abort(401, description="Proses masuk dibatalkan atau ditolak oleh penyedia identitas. Silakan coba lagi.")
        try:
            token = client.authorize_access_token(leeway=settings.token_leeway_seconds)
        except (OAuthError, JoseError, ValueError, KeyError) as exc:
            current_app.logger.info("sign-in not completed: %r", exc)
            abort(400, description="Proses masuk tidak dapat diselesaikan (tautannya sudah dipakai atau kedaluwarsa). "
                                   "Silakan masuk lagi.")
        try:
            principal = ClaimMapping.from_settings(settings).principal(token["userinfo"])
        except UnmappedIdentity as exc:
            current_app.logger.info("sign-in refused: %s", exc)
            abort(403, description="Akun Anda dikenal, tetapi belum diberi peran untuk layanan ini. Hubungi BKPSDM.")
        target = safe_next(session.get(NEXT))
        staff_session.remember(principal)
        return redirect(target, 303)

    @blp.post("/keluar")
    def sign_out():
        if settings.dev_sign_in:
            return dev_signin.forget(staff_session.forget_everywhere(redirect(url_for(".signed_out"), 303)))
        response = redirect(url_for(".signed_out"), 303)
        client = app.extensions.get("asn_oidc")
        if client is not None:
            try:
                end = client.load_server_metadata().get("end_session_endpoint")
            except OSError:
                end = None
            if end:
                query = urlencode({"client_id": settings.oidc_client_id,
                                   "post_logout_redirect_uri": url_for(".signed_out", _external=True)})
                response = redirect(f"{end}?{query}", 303)
        return staff_session.forget_everywhere(response)

    @blp.get("/keluar")
    def signed_out():
        return render_template("asn/signed_out.html", sign_in=url_for(".sign_in"))

    return blp
