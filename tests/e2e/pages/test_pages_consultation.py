"""A whole round of public consultation in Chromium, against consultation over HTTP, with screenshots:

staff write a 5-article draft and open the consultation; citizens comment on two articles from a phone;
staff accept one (and change that article) and reject the other with a reason; the consultation closes by
its date (the test sets the clock by running the closing job at a chosen moment); staff adopt the revised
text; the public outcome page shows the counts and the changed article; the policy is still listed.

The text is frozen while citizens read it, so the accepted article is changed in the revision that
follows the closing (docs/consultation.md).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest

from services.consultation.domain.working_days import LOCAL_TZ
from services.consultation.workflow.consultation_close import close_due_consultations
from shared.principal import SYSTEM
from tests.consultation import helpers
from tests.e2e.browser import screenshot, serious_accessibility_problems, served
from tests.e2e.signin import sign_in_cookie

ARTICLES = [
    ("Ketentuan umum", "Peraturan Wali Kota ini mengatur tenggat tanggapan ASN atas pengaduan masyarakat."),
    ("Tenggat tanggapan", "ASN menanggapi pengaduan masyarakat paling lambat sepuluh hari kerja sejak diterima."),
    ("Kanal pengaduan", "Pengaduan diterima melalui laman, loket pelayanan dan SP4N-LAPOR!."),
    ("Pelaporan", "Setiap OPD melaporkan tindak lanjut pengaduan kepada BKPSDM setiap bulan."),
    ("Penutup", "Peraturan Wali Kota ini mulai berlaku pada tanggal diundangkan."),
]
ON_DEADLINE = "Sepuluh hari kerja terlalu lama; warga menunggu jawaban paling lama lima hari kerja."
ON_REPORTING = "Laporan bulanan sebaiknya juga diumumkan di laman kota agar warga bisa ikut memantau."
REJECTED_BECAUSE = "Laporan tindak lanjut memuat data pribadi pelapor; ringkasannya diumumkan dalam laporan evaluasi."


@pytest.fixture
def consultation(start_service):
    svc = start_service("consultation", ratelimit_public="1000/minute")
    helpers.seed_departments(svc)  # as personnel's department events would have
    with served(svc.app) as url:
        svc.url = url
        yield svc


def accessible(page, name: str) -> None:
    screenshot(page, name)
    assert serious_accessibility_problems(page) == [], name


def staff_writes_the_draft_and_opens_the_consultation(staff, url: str) -> str:
    staff.goto(f"{url}/kebijakan/kelola")
    staff.fill("#code", "PERWAL-ASN-2026-09")
    staff.fill("#title", "Tenggat tanggapan pengaduan oleh ASN")
    staff.fill("#summary", "Mengatur berapa lama ASN boleh menanggapi pengaduan masyarakat.")
    staff.select_option("#department_code", "BKPSDM")
    staff.get_by_role("button", name="Buat rancangan").click()
    staff.get_by_role("heading", name="Tenggat tanggapan pengaduan oleh ASN").wait_for()
    for heading, body in ARTICLES:
        staff.fill("#heading-baru", heading)
        staff.fill("#body-baru", body)
        staff.get_by_role("button", name="Tambah pasal").click()
        staff.get_by_role("heading", name=f"— {heading}").wait_for()
    assert staff.locator("section[id^=pasal-] h3").all_inner_texts()[:5] == [
        f"Pasal {n} — {heading}" for n, (heading, _body) in enumerate(ARTICLES, start=1)]
    accessible(staff, "consultation-1-staff-draft")
    staff.fill("#reason-in_consultation", "Rancangan dibuka untuk tanggapan warga.")
    staff.get_by_role("button", name="Buka konsultasi publik").click()
    assert staff.locator("#tahap").inner_text() == "Konsultasi publik"
    return staff.url.rstrip("/").split("/")[-1]


def citizen_comments(citizen, url: str) -> None:
    citizen.goto(f"{url}/kebijakan")
    accessible(citizen, "consultation-2-citizen-list")
    citizen.get_by_role("link", name="Baca dan beri tanggapan tentang Tenggat tanggapan pengaduan oleh ASN").click()
    for number, text, name in ((2, ON_DEADLINE, ""), (4, ON_REPORTING, "Siti")):
        article = citizen.locator(f"#pasal-{number}")
        article.get_by_text(f"Tanggapi Pasal {number}").click()
        article.locator("textarea[name=text]").fill(text)
        if name:
            article.locator("input[name=name]").fill(name)
        article.get_by_role("button", name="Kirim tanggapan").click()
        citizen.locator(f"#pasal-{number} .flash").wait_for()
    assert "setelah diperiksa moderator" in citizen.locator("#pasal-4 .flash").inner_text()
    assert ON_DEADLINE not in citizen.locator("main").inner_text()  # not before moderation
    accessible(citizen, "consultation-3-citizen-commented")


def staff_answers(staff, url: str, policy_id: str) -> None:
    staff.goto(f"{url}/kebijakan/kelola/{policy_id}/tanggapan?belum=1")
    cards = staff.locator("article.card")
    assert cards.count() == 2
    for text in (ON_DEADLINE, ON_REPORTING):
        card = staff.locator("article.card", has_text=text)
        card.get_by_role("button", name=re.compile("^Tampilkan")).click()
    deadline = staff.locator("article.card", has_text=ON_DEADLINE)
    deadline.get_by_label("Diterima", exact=True).check()
    assert deadline.locator("input[name=article_number]").input_value() == "2"
    deadline.locator("textarea[name=reason]").fill("Tenggat diperpendek menjadi lima hari kerja.")
    deadline.get_by_role("button", name=re.compile("^Simpan jawaban")).click()
    reporting = staff.locator("article.card", has_text=ON_REPORTING)
    reporting.get_by_label("Ditolak", exact=True).check()
    reporting.locator("textarea[name=reason]").fill(REJECTED_BECAUSE)
    reporting.get_by_role("button", name=re.compile("^Simpan jawaban")).click()
    staff.get_by_text("Tidak ada tanggapan yang belum dijawab").wait_for()
    staff.goto(f"{url}/kebijakan/kelola/{policy_id}/tanggapan")
    accessible(staff, "consultation-4-staff-answers")


def the_clock_passes_the_closing_date(svc, policy_id: str) -> None:
    detail = svc.client.get(f"/api/v1/policies/{policy_id}").get_json()
    day_after = date.fromisoformat(detail["closes_on"]) + timedelta(days=1)
    with svc.db.transaction() as session:
        closed = close_due_consultations(session, SYSTEM, datetime.combine(day_after, time(0, 5), LOCAL_TZ))
    assert closed == ["PERWAL-ASN-2026-09"]


def staff_revise_and_adopt(staff, url: str, policy_id: str) -> None:
    staff.goto(f"{url}/kebijakan/kelola/{policy_id}")
    assert staff.locator("#tahap").inner_text() == "Konsultasi ditutup"
    staff.get_by_role("button", name="Mulai perbaikan rancangan").click()
    assert staff.locator("#tahap").inner_text() == "Perbaikan rancangan"
    article = staff.locator("section[id^=pasal-]", has_text="Pasal 2 — Tenggat tanggapan")
    article.get_by_text("Ubah Pasal 2").click()
    article.locator("textarea[name=body]").fill(
        "ASN menanggapi pengaduan masyarakat paling lambat lima hari kerja sejak diterima.")
    article.get_by_role("button", name="Simpan Pasal 2").click()
    staff.get_by_text("Pasal disimpan.").wait_for()
    staff.goto(f"{url}/kebijakan/kelola/{policy_id}/perbandingan")
    assert "1 pasal berubah dari versi 1 ke versi 2" in staff.locator("#ringkasan-perubahan").inner_text()
    accessible(staff, "consultation-5-staff-comparison")
    staff.goto(f"{url}/kebijakan/kelola/{policy_id}")
    staff.fill("#reason-adopted", "Ditetapkan setelah konsultasi publik.")
    staff.get_by_role("button", name="Tetapkan kebijakan").click()
    assert staff.locator("#tahap").inner_text() == "Ditetapkan"


def public_sees_the_outcome(citizen, url: str, policy_id: str) -> None:
    citizen.goto(f"{url}/kebijakan/{policy_id}/hasil")
    figures = {key: citizen.locator(f"#{key}").inner_text() for key in (
        "diterima-semua", "dijawab", "diakomodasi", "ditolak", "belum-dijawab")}
    assert figures == {"diterima-semua": "2", "dijawab": "2", "diakomodasi": "1", "ditolak": "1",
                       "belum-dijawab": "0"}
    assert citizen.locator("#ringkasan-perubahan").inner_text().startswith("1 pasal berubah")
    change = citizen.locator("section.change", has_text="Pasal 2 — Tenggat tanggapan")
    # Screen readers hear the marks too: the words are wrapped in hidden "[dihapus: …]" / "[ditambahkan: …]".
    assert change.locator("del").text_content() == "[dihapus: sepuluh]"
    assert change.locator("ins").text_content() == "[ditambahkan: lima]"
    accessible(citizen, "consultation-6-public-outcome")

    citizen.goto(f"{url}/kebijakan/{policy_id}")
    deadline = citizen.locator("#pasal-2")
    assert "paling lambat lima hari kerja" in deadline.locator(".article-body").inner_text()
    assert ON_DEADLINE in deadline.inner_text() and "dimasukkan ke versi 2, Pasal 2" in deadline.inner_text()
    assert REJECTED_BECAUSE in citizen.locator("#pasal-4").inner_text()
    assert "Siti" in citizen.locator("#pasal-4").inner_text()
    accessible(citizen, "consultation-7-public-policy-adopted")

    citizen.goto(f"{url}/kebijakan")
    listed = citizen.locator("li", has_text="Tenggat tanggapan pengaduan oleh ASN")
    assert "Ditetapkan" in listed.inner_text() and listed.get_by_role("link", name=re.compile("Hasil konsultasi"))
    accessible(citizen, "consultation-8-public-list-after")


def test_a_whole_round_of_public_consultation(consultation, page, desktop_page):
    url = consultation.url
    # The sign-in itself is tested in test_sign_in.py; here staff start signed in to consultation.
    sign_in_cookie(desktop_page, consultation.app, url, "admin", None, "Rina (BKPSDM)")
    policy_id = staff_writes_the_draft_and_opens_the_consultation(desktop_page, url)
    citizen_comments(page, url)
    staff_answers(desktop_page, url, policy_id)
    the_clock_passes_the_closing_date(consultation, policy_id)
    page.goto(f"{url}/kebijakan/{policy_id}")
    assert page.locator("#tahap").inner_text() == "Konsultasi ditutup" and "Tanggapi Pasal" not in page.content()
    staff_revise_and_adopt(desktop_page, url, policy_id)
    public_sees_the_outcome(page, url, policy_id)
