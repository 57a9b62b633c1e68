"""Signing in and out in browser tests, through the real sign-in pages.

With the test OpenID provider (the `oidc_provider` fixture, tests/support/oidc.py) a test signs
in exactly as staff do: the service sends the browser to the provider's login page, the test
types the account's user name and password there, and the provider sends it back:

    from tests.e2e.signin import sign_in, sign_out
    from tests.support.oidc import OPERATOR_DINKES

    def test_something(suite_site, desktop_page):          # fixtures: tests/e2e/pages/conftest.py
        sign_in(desktop_page, suite_site.url, OPERATOR_DINKES, service="survey", next="/survei/c1/qr")
        ...                                                   # the page is now /survei/c1/qr, signed in
        sign_out(desktop_page)                                # every service, and the provider

`account` is a `tests.support.oidc.Account` (ADMIN, OPERATOR_DINKES, VIEWER, or one made with
`oidc_provider.add_account(...)`). Signing in to a second service of the same browser context
needs no typing: the provider's session makes it silent, as in production, and `sign_in`
handles that too. In all-in-one mode (no provider) pass the development account's key instead
("admin", "operator", "viewer"): the development sign-in page is used.

Without a provider (a service served alone, HS256 `tokens` for its API), `sign_in_cookie(page,
app, base_url, "operator", "DINKES")` gives the browser the session cookie the real sign-in would
have set: quicker, for tests about what a staff page does rather than about signing in.

For API calls in tests, see `oidc_provider.client_token(...)` and `oidc_provider.user_token(...)`
in tests/support/oidc.py, or the HS256 `tokens` fixture for tests that are not about sign-in.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from tests.support.oidc import Account
from tests.support.signin import sign_in_client


def sign_in(page, base_url: str, account: Account | str, *, service: str = "reporting", next: str = "/") -> None:
    """Sign in to `service` on the suite at `base_url`, and wait until the browser is back at `next`."""
    page.goto(f"{base_url}/akun/{service}/masuk?next={quote(next)}")
    target = re.compile(re.escape(base_url + next) + r"([?#].*)?$")
    if isinstance(account, str):  # the development sign-in of all-in-one mode
        if not target.match(page.url):
            page.get_by_role("button", name=re.compile(r"^Masuk sebagai")).nth(
                list(("admin", "operator", "viewer")).index(account)).click()
    elif not target.match(page.url):
        page.get_by_label("Username or email").fill(account.username)
        page.get_by_label("Password", exact=True).fill(account.password)
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(target)


def sign_in_cookie(page, app, base_url: str, role: str, department: str | None = None, name: str | None = None):
    """Put a signed-in staff session of `app` into the browser, as its sign-in would; returns the Principal."""
    client = app.test_client()
    principal = sign_in_client(client, role, department, name)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url, "httpOnly": True,
                               "sameSite": "Lax"}])
    return principal


def sign_out(page) -> None:
    """Press "Keluar" in the header, confirm at the provider if it asks, and wait for the signed-out page."""
    page.locator(".staff-bar").get_by_role("button", name="Keluar").click()
    page.wait_for_url(lambda url: "/session/end" in url or re.search(r"/akun/[a-z]+/keluar$", url) is not None)
    if "/session/end" in page.url:  # the provider asks whether to end its session too
        page.get_by_role("button", name="Yes, sign me out").click()
    page.get_by_role("heading", name="Anda sudah keluar").wait_for()
