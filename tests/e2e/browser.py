"""Browser-test tools: Debian's Chromium driven by Playwright, services served over real HTTP, screenshots
and an axe-core accessibility check.

Real here: Chromium, HTTP over loopback (each service is a werkzeug server on a free port, in a
thread of the test process, built by `start_service` on PostgreSQL), and where a test says so
RabbitMQ with the services' relay and consumer. Nothing is downloaded at test time: Chromium is
the system package (/usr/bin/chromium, never a test tool's own browser download) and axe-core is
vendored in tests/e2e/vendor/. Every test saves screenshots into test-artifacts/screenshots/.

The fixtures (`browser`, `page`, `desktop_page`) are in tests/e2e/pages/conftest.py.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextlib.contextmanager
def served(app) -> Iterator[str]:
    """Serve a Flask app over real HTTP on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_page(browser, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta",
                                  device_scale_factor=1)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules)."""
    # Evaluated over the DevTools protocol, which the pages' Content-Security-Policy does not govern;
    # a <script> tag would be refused, as it should be.
    page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text())
    violations = page.evaluate("""async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        resultTypes: ['violations']})).violations""")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in violations if v["impact"] in ("serious", "critical")]
