"""Browser-test fixtures: `suite_site`, the whole suite on one address, signing in at the test OpenID provider
(`browser`, `page` and `desktop_page` are in tests/e2e/conftest.py).

Real here: Debian's Chromium (never a browser download), the services over HTTP, the OpenID provider
(tests/support/oidc.py); see tests/e2e/browser.py.

    def test_x(suite_site, desktop_page):
        suite_site.url                      # http://127.0.0.1:<port>: /, /lapor, /survei, /laporan, /api/v1/<svc>/...
        suite_site.services["survey"]       # the ServiceUnderTest (its .client, .db, .settings)
        suite_site.provider                 # the OidcProvider: tokens for API calls
        sign_in(desktop_page, suite_site.url, OPERATOR_DINKES, service="survey", next="/survei/<id>/qr")
"""
from __future__ import annotations

import pytest

from shared.web.one_address import SuiteRouter
from tests.e2e.browser import served
from tests.survey.departments import seed_departments

SUITE = ("personnel", "consultation", "survey", "reporting")


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
