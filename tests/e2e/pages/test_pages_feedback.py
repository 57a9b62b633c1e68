"""A citizen sends a complaint and follows it by its tracking id, in Chromium, against consultation over HTTP."""
from __future__ import annotations

import pytest

from tests.consultation import helpers
from tests.e2e.browser import screenshot, serious_accessibility_problems, served

COMPLAINT = "Antrean di loket KTP Kecamatan Bajenis sangat lama, tiga jam belum dilayani."


@pytest.fixture
def consultation(start_service, tokens):
    svc = start_service("consultation", ratelimit_public="1000/minute")
    helpers.seed_departments(svc)  # as personnel's department events would have
    svc.admin = tokens("admin")
    with served(svc.app) as url:
        svc.url = url
        yield svc


def test_a_complaint_gets_a_tracking_id_and_can_be_followed(consultation, page):
    page.goto(f"{consultation.url}/lapor")
    assert serious_accessibility_problems(page) == []
    page.get_by_role("radio", name="Pengaduan").check()
    page.get_by_label("Kategori").select_option(label="Waktu penyelesaian layanan")
    page.get_by_label("Isi laporan").fill("Lama")
    page.get_by_label("Nomor ponsel").fill("081234567890")
    page.get_by_role("button", name="Kirim laporan").click()
    page.locator("#text-error").wait_for()
    assert page.input_value("#contact_phone") == "081234567890" and page.is_checked("#kind-pengaduan")
    screenshot(page, "feedback-validation-message")
    assert serious_accessibility_problems(page) == []

    page.get_by_label("Isi laporan").fill(COMPLAINT)
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_role("heading", name="Laporan Anda sudah masuk").wait_for()
    tracking_id = page.locator("#nomor-pelacakan").inner_text().strip()
    assert tracking_id.startswith("TBT-")
    screenshot(page, "feedback-confirmation")
    assert serious_accessibility_problems(page) == []

    feedback_id = helpers.feedback_id(consultation, tracking_id)
    resp = consultation.client.post(f"/api/v1/feedback/{feedback_id}/forward", headers=consultation.admin,
                                    json={"department_code": "DISDUKCAPIL", "note": "Diteruskan ke Disdukcapil"})
    assert resp.status_code == 200, resp.get_json()

    page.goto(f"{consultation.url}/lacak")
    assert serious_accessibility_problems(page) == []
    page.get_by_label("Nomor pelacakan").fill(tracking_id.lower().replace("-", " "))
    page.get_by_role("button", name="Lacak").click()
    page.get_by_role("heading", name=f"Laporan {tracking_id}").wait_for()
    assert page.locator("#status").inner_text() == "Diteruskan ke OPD"
    body = page.locator("main").inner_text()
    assert "Diteruskan ke Disdukcapil" in body and "Laporan masuk" in body
    assert COMPLAINT not in body and "081234567890" not in body
    screenshot(page, "feedback-tracking")
    assert serious_accessibility_problems(page) == []

