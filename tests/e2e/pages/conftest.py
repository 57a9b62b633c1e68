"""Browser-test fixtures: one headless Chromium per test session, a fresh page (phone or desktop) per test,
and `suite_site`: the whole suite on one address, signing in at the test OpenID provider.

Real here: Debian's Chromium (never a browser download), the services over HTTP, the OpenID provider
(tests/support/oidc.py); see tests/e2e/browser.py.

    def test_x(suite_site, desktop_page):
        suite_site.url                      # http://127.0.0.1:<port>: /, /lapor, /survei, /laporan, /api/v1/<svc>/...
        suite_site.services["survey"]       # the ServiceUnderTest (its .client, .db, .settings)
        suite_site.provider                 # the OidcProvider: tokens for API calls
        sign_in(desktop_page, suite_site.url, OPERATOR_DINKES, service="survey", next="/survei/<id>/qr")
"""
from __future__ import annotations

import os

import pytest

from shared.web.one_address import SuiteRouter
from tests.e2e.browser import CHROMIUM, DESKTOP, PHONE, launch, new_page, served
from tests.survey.departments import seed_departments

SUITE = ("personnel", "consultation", "survey", "reporting")


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page the size of a phone: citizens answer on their phones."""
    context, page = new_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    """A fresh browser page the size of an office screen, where staff read reports and print."""
    context, page = new_page(browser, DESKTOP)
    yield page
    context.close()


class SuiteSite:
    def __init__(self, services: dict, provider, url: str = ""):
        self.services, self.provider, self.url = services, provider, url


@pytest.fixture
def suite_site(start_service, oidc_provider):
    """All four services on one address (the all-in-one path router), each the realm's client at the provider.

    Survey and consultation know DINKES and DISHUB already, as personnel's events would have told them.
    """
    from tests.consultation.helpers import seed_departments as seed_consultation_departments

    services = {name: start_service(name, ratelimit_public="1000/minute", **oidc_provider.settings(name))
                for name in SUITE}
    seed_departments(services["survey"].db, "DINKES", "DISHUB")
    seed_consultation_departments(services["consultation"])
    router = SuiteRouter({name: svc.app for name, svc in services.items()}, home="consultation")
    with served(router) as url:
        yield SuiteSite(services, oidc_provider, url)
