"""All-in-one mode, as a newcomer runs it (`make run`): the README's first look works on the one address,
and a browser finds the home page, the complaint form, the survey list, the dashboard and the staff sign-in.

The process runs on a free port (PORT), so this test never collides with anyone's `make run`.
"""
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.e2e.browser import DESKTOP, new_page, screenshot, serious_accessibility_problems
from tests.support.oidc import free_port

ROOT = Path(__file__).resolve().parents[2]


def wait_healthy(url, proc, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"all-in-one exited: {proc.stdout.read()}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never became healthy")


@pytest.fixture(scope="module")
def all_in_one(tmp_path_factory):
    port = free_port()
    env = {**os.environ, "VAR_DIR": str(tmp_path_factory.mktemp("all-in-one")), "PORT": str(port)}
    for name in ("DATABASE_URL", "BROKER_URL", "JWT_SECRET", "OIDC_ISSUER"):
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "scripts/all_in_one.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for service in ("personnel", "consultation", "survey", "reporting"):
            wait_healthy(f"{base}/api/v1/{service}/healthz", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def first_look_script() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### A first look"):]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def test_the_readmes_first_look_works_on_the_one_address(all_in_one):
    script = first_look_script().replace("http://localhost:8000", all_in_one).replace(".venv/bin/python", sys.executable)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    token = subprocess.run([sys.executable, "-m", "shared.cli", "token", "--role", "viewer"], cwd=ROOT,
                           capture_output=True, text=True, check=True, env={**os.environ, "JWT_SECRET": ""}).stdout.strip()
    deadline, figure = time.monotonic() + 15, None
    while time.monotonic() < deadline and figure != 12:
        # as staff: the public sees no figure of a department where fewer than 5 people trained
        body = requests.get(f"{all_in_one}/api/v1/reporting/training-hours?year=2026", timeout=5,
                            headers={"Authorization": f"Bearer {token}"}).json()
        figure = {d["department_code"]: d["jp_total"] for d in body["departments"]}.get("DINKES")
        time.sleep(0.2)
    assert figure == 12
    assert '"DINKES"' in done.stdout  # the evaluation report the last command printed
    for service in ("personnel", "consultation", "survey", "reporting"):
        spec = requests.get(f"{all_in_one}/api/v1/{service}/openapi.json", timeout=5).json()
        assert spec["info"]["version"] == "v1" and spec["servers"][0]["url"] == f"/api/v1/{service}"


def test_a_browser_finds_every_service_from_the_home_page(all_in_one, browser):
    context, page = new_page(browser, DESKTOP)
    try:
        page.goto(all_in_one + "/")
        assert page.locator("html").get_attribute("lang") == "id"
        assert serious_accessibility_problems(page) == []
        screenshot(page, "one-address-home")
        page.get_by_role("link", name="Sampaikan aspirasi atau pengaduan").click()
        page.wait_for_url(re.compile(r"/lapor$"))
        assert page.locator("form[method=post] textarea").count() >= 1
        screenshot(page, "one-address-complaint-form")
        page.goto(all_in_one + "/")
        page.get_by_role("link", name="Survei Kepuasan Masyarakat").click()
        page.wait_for_url(re.compile(r"/survei$"))
        screenshot(page, "one-address-survey-list")
        page.goto(all_in_one + "/")
        page.get_by_role("link", name="Laporan evaluasi", exact=True).click()
        page.wait_for_url(re.compile(r"/laporan$"))
        page.get_by_role("button", name="Tampilkan laporan").click()
        page.wait_for_url(re.compile(r"/laporan/kota"))
        page.get_by_role("heading", name="Ringkasan").wait_for()
        screenshot(page, "one-address-dashboard")

        page.goto(all_in_one + "/api/v1/survey/docs")  # Swagger UI from the vendored files: no internet here
        page.locator(".opblock").first.wait_for()
        assert page.locator(".opblock").count() > 5
        screenshot(page, "one-address-api-docs")

        page.goto(all_in_one + "/")
        page.get_by_role("link", name="Masuk petugas").first.click()
        assert "Mode pengembangan" in page.content()
        page.get_by_role("button", name="Masuk sebagai Budi Nasution").click()
        page.get_by_role("heading", name="Halaman petugas").wait_for()
        assert "Budi Nasution" in page.locator(".staff-bar").inner_text()
        page.get_by_role("link", name="Laporan evaluasi kebijakan").click()
        page.goto(all_in_one + "/akun/reporting/masuk?next=/laporan/DINKES%3Fperiode%3D2026")
        assert "Tampilan lengkap" in page.content()  # signed in to reporting too, without choosing again
        screenshot(page, "one-address-dashboard-operator")
        page.locator(".staff-bar").get_by_role("button", name="Keluar").click()
        page.get_by_role("heading", name="Anda sudah keluar").wait_for()
        page.goto(all_in_one + "/petugas")
        assert "Mode pengembangan" in page.content()  # signed out everywhere: the accounts again
    finally:
        context.close()
