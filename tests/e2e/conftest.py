"""E2E tier: the services run as separate processes, started with the commands an operator uses.

Real here: every process, HTTP over loopback, and (where a test says so) RabbitMQ and PostgreSQL.

Browser fixtures (for tests/e2e/pages/ and the all-in-one test): one headless Chromium per test
session, a fresh page (phone or desktop) per test.
"""
from __future__ import annotations

import os

import pytest

from tests.e2e.browser import CHROMIUM, DESKTOP, PHONE, launch, new_page


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
