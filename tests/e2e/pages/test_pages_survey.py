"""A citizen answers the SKM survey on a phone, in Chromium, against the survey service over HTTP."""
from __future__ import annotations

import re

import pytest

from tests.e2e.browser import screenshot, serious_accessibility_problems, served
from tests.e2e.signin import sign_in_cookie
from tests.survey.departments import seed_departments

ANSWERS = {"u1": "Sesuai", "u2": "Sangat mudah", "u3": "Cepat", "u4": "Gratis", "u5": "Sangat sesuai",
           "u6": "Kompeten", "u7": "Sangat sopan dan ramah", "u8": "Dikelola dengan baik", "u9": "Baik"}


@pytest.fixture
def survey(start_service, tokens):
    svc = start_service("survey", ratelimit_public="1000/minute")
    seed_departments(svc.db, "DINKES")  # as personnel's department event would
    svc.admin = tokens("admin")
    with served(svc.app) as url:
        svc.url = url
        yield svc


def open_campaign(svc, **fields) -> dict:
    body = {"department_code": "DINKES", "service_unit": "Puskesmas Rambutan", "period_type": "quarterly",
            "period_year": 2026, "period_index": 4, "population": 300, **fields}
    campaign = svc.client.post("/api/v1/campaigns", json=body, headers=svc.admin).get_json()
    assert svc.client.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=svc.admin).status_code == 200
    return campaign


def answer(page, answers: dict) -> None:
    for key, label in answers.items():
        page.locator(f"#q-{key}").get_by_label(label, exact=True).check()


def test_a_citizen_fills_in_and_sends_the_survey(survey, page):
    campaign = open_campaign(survey)
    page.goto(f"{survey.url}/survei")
    assert serious_accessibility_problems(page) == []
    page.get_by_role("link", name="Puskesmas Rambutan").click()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("fieldset legend").count() == 9
    assert serious_accessibility_problems(page) == []
    answer(page, ANSWERS)
    page.get_by_label("Jenis kelamin").select_option("perempuan")
    page.get_by_label("Usia").select_option("30-39")
    page.get_by_label("Saran untuk perbaikan pelayanan").fill("Ruang tunggu perlu kipas angin.")
    screenshot(page, "survey-form-filled")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("heading", name="Terima kasih!").wait_for()
    screenshot(page, "survey-thank-you")
    assert serious_accessibility_problems(page) == []
    results = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/results", headers=survey.admin).get_json()
    assert results["respondents"] == 1 and results["nrr"]["u4"] == 4.0 and results["nrr"]["u1"] == 3.0


def test_a_missing_answer_is_explained_beside_its_question(survey, page):
    campaign = open_campaign(survey)
    page.goto(f"{survey.url}/survei/{campaign['id']}")
    page.focus("#u1-1")
    page.keyboard.press("ArrowDown")  # a keyboard user moves through a question's answers with the arrows
    assert page.is_checked("#u1-2")
    answer(page, {k: v for k, v in ANSWERS.items() if k not in ("u1", "u5")})
    page.get_by_label("Saran untuk perbaikan pelayanan").fill("Antrean tertib.")
    page.get_by_role("button", name="Kirim jawaban").click()
    summary = page.locator("#ringkasan-kesalahan")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "ringkasan-kesalahan"
    message = " ".join(page.locator("#u5-error").text_content().split())
    assert message == "Kesalahan: Pilih salah satu dari empat jawaban."
    assert page.locator("#u1-error").count() == 0 and page.is_checked("#u1-2")
    assert page.is_checked("#u9-3") and page.input_value("#suggestion") == "Antrean tertib."
    summary.get_by_role("link").click()
    assert page.evaluate("location.hash") == "#u5-1"
    screenshot(page, "survey-validation-message")
    assert serious_accessibility_problems(page) == []


def test_staff_print_a_token_sheet_whose_codes_fill_in_the_token(survey, desktop_page):
    campaign = open_campaign(survey, requires_token=True, service_unit="Mal Pelayanan Publik")
    sign_in_cookie(desktop_page, survey.app, survey.url, "operator", "DINKES", name="Sari (DINKES)")
    desktop_page.goto(f"{survey.url}/survei/kelola/{campaign['id']}/poster")
    assert desktop_page.get_by_role("img", name=re.compile("Kode QR menuju kuesioner")).is_visible()
    screenshot(desktop_page, "survey-qr-poster")
    desktop_page.goto(f"{survey.url}/survei/kelola/{campaign['id']}")
    desktop_page.get_by_label("Jumlah token baru").fill("6")
    desktop_page.get_by_role("button", name="Buat token dan lembar cetaknya").click()
    desktop_page.get_by_role("heading", name=re.compile("Lembar token")).wait_for()
    assert desktop_page.locator(".slip img").count() == 6
    token = desktop_page.locator(".slip .token").first.inner_text()
    desktop_page.goto(f"{survey.url}/survei/{campaign['id']}#token={token}")
    assert desktop_page.input_value("#token") == token
