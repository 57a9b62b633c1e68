"""Staff sign in at the real OpenID provider's login page, work on staff pages, and sign out, in Chromium,
with the whole suite on one address. No address the browser visits, and no redirect, carries a token."""
from __future__ import annotations

import re

import requests

from tests.e2e.browser import screenshot, serious_accessibility_problems
from tests.e2e.signin import sign_in, sign_out
from tests.reporting import factories as ev
from tests.reporting.feed import Feed
from tests.support.oidc import ADMIN, OPERATOR_DINKES

TOKENISH = re.compile(r"(access_token|id_token|refresh_token|[?&#]token=)|eyJ[A-Za-z0-9_-]{10,}\.", re.I)


def watch_addresses(page) -> list[str]:
    """Every address the browser goes to, and every redirect target on the way."""
    seen: list[str] = []
    page.on("framenavigated", lambda frame: seen.append(frame.url))
    page.on("response", lambda response: seen.append(response.headers.get("location", "")))
    return seen


def open_campaign(site) -> str:
    """A campaign of DINKES made through the one address's API with the admin's access token from the provider."""
    api = f"{site.url}/api/v1/survey"
    admin = {"Authorization": f"Bearer {site.provider.user_token(ADMIN, 'asn-survey')}"}
    made = requests.post(f"{api}/campaigns", headers=admin, timeout=10, json={
        "department_code": "DINKES", "service_unit": "Puskesmas Rambutan", "period_type": "yearly",
        "period_year": 2026, "population": 300, "requires_token": True})
    assert made.status_code == 201, made.text
    assert requests.post(f"{api}/campaigns/{made.json()['id']}/open", headers=admin, timeout=10).status_code == 200
    return made.json()["id"]


def test_an_operator_signs_in_works_on_staff_pages_signs_out_and_must_sign_in_again(suite_site, desktop_page):
    page = desktop_page
    addresses = watch_addresses(page)
    campaign = open_campaign(suite_site)
    qr = f"/survei/{campaign}/qr"
    Feed(suite_site.services["reporting"].db)(ev.department("DINKES"), *[ev.employee(f"e{i}") for i in range(6)])

    page.goto(suite_site.url + qr)  # not signed in: the provider's login page
    assert page.url.startswith(suite_site.provider.issuer + "/interaction/")
    screenshot(page, "sign-in-provider-login")
    sign_in(page, suite_site.url, OPERATOR_DINKES, service="survey", next=qr)
    assert page.locator(".staff-bar").inner_text().startswith("Masuk sebagai Budi Nasution")
    assert serious_accessibility_problems(page) == []
    page.get_by_label("Jumlah token").fill("4")
    page.get_by_role("button", name="Buat lembar token").click()
    page.get_by_role("heading", name=re.compile("Lembar token")).wait_for()
    assert page.locator(".slip img").count() == 4

    # Another service: the provider's session signs the operator in without the login page.
    sign_in(page, suite_site.url, OPERATOR_DINKES, service="reporting", next="/laporan/DINKES?periode=2026")
    assert "Budi Nasution" in page.locator(".staff-bar").inner_text()
    assert "Tampilan lengkap" in page.content()  # an operator's own department
    screenshot(page, "sign-in-dashboard-staff-view")

    sign_out(page)
    screenshot(page, "sign-in-signed-out")
    page.goto(suite_site.url + qr)
    assert page.url.startswith(suite_site.provider.issuer + "/interaction/"), "signed out of the provider too"
    page.goto(suite_site.url + "/laporan/DINKES?periode=2026")
    assert "Tampilan publik" in page.content()  # and of reporting, by the same sign-out

    assert [a for a in addresses if TOKENISH.search(a)] == []


def test_a_person_without_a_role_here_is_refused_after_the_provider_vouched_for_them(suite_site, desktop_page):
    from tests.support.oidc import Account

    stranger = suite_site.provider.add_account(Account("tamu", "tamu-password-123", "Tamu Dinas", roles=("other-app-user",)))
    desktop_page.goto(f"{suite_site.url}/akun/survey/masuk?next=/survei")
    desktop_page.get_by_label("Username or email").fill(stranger.username)
    desktop_page.get_by_label("Password", exact=True).fill(stranger.password)
    desktop_page.get_by_role("button", name="Sign In").click()
    desktop_page.get_by_role("heading", name="Akses ditolak").wait_for()
    assert "belum diberi peran" in desktop_page.content()
