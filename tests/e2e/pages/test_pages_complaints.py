"""A complaint's whole life in Chromium, as SP4N-LAPOR! users live it: a citizen files a public complaint with a
photo from a phone; BKPSDM verifies and forwards it; the department's operator responds; the citizen is not
satisfied; it comes back to the department, is re-routed by BKPSDM, answered and closed; and every step's
e-mail reaches the test SMTP server. Staff sign in only through tests/e2e/signin.py."""
from __future__ import annotations

import dataclasses
import io
import threading

import pytest
from PIL import Image

from services.consultation.config import Smtp
from services.consultation.workflow.notifications import mail_loop
from tests.consultation import helpers
from tests.e2e.browser import screenshot, serious_accessibility_problems, served
from tests.e2e.signin import sign_in_cookie
from tests.support.smtp import MailServer

COMPLAINT = "Lampu penerangan jalan di depan SD Negeri Berohol mati sejak sebulan; anak-anak pulang les dalam gelap."


def phone_photo() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (3.0, 19.0, 0.0), 3: "E", 4: (99.0, 9.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 40, 60)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def consultation(start_service, tmp_path):
    svc = start_service("consultation", ratelimit_public="1000/minute")
    helpers.seed_departments(svc)
    mail = MailServer().start()
    context = svc.app.extensions["asn"]
    with served(svc.app) as url:
        context.config = dataclasses.replace(
            context.config, attachments_dir=str(tmp_path / "lampiran"), public_base_url=url, mail_seconds=0.2,
            smtp=Smtp(host="127.0.0.1", port=mail.port, sender="Pengaduan <lapor@tebingtinggikota.go.id>"))
        stop = threading.Event()
        sender = threading.Thread(target=mail_loop(svc.db, context.config), args=(stop,), daemon=True)
        sender.start()  # the worker's mail loop, as the consultation worker runs it
        svc.url, svc.mail = url, mail
        try:
            yield svc
        finally:
            stop.set()
            sender.join(timeout=10)
            mail.stop()


def staff_step(page, title: str, fill: dict | None = None, select: dict | None = None):
    """Open a step's form on the report's page, fill it, tick its confirmation and send it."""
    form = page.locator("details", has=page.get_by_text(title, exact=True))
    form.locator("summary").click()
    for label, value in (select or {}).items():
        form.get_by_label(label).select_option(value)
    for label, value in (fill or {}).items():
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_role("checkbox").check()
    form.get_by_role("button").click()


def open_report(page, url: str, tracking_id: str):
    page.goto(f"{url}/petugas/laporan?cari={tracking_id}")
    page.get_by_role("link", name=tracking_id).click()
    page.get_by_role("heading", name=f"Laporan {tracking_id}").wait_for()


def test_a_public_complaint_with_a_photo_from_a_phone_to_its_closing(consultation, page, desktop_page):
    url = consultation.url
    # The citizen, on a phone.
    page.goto(f"{url}/lapor")
    page.get_by_role("radio", name="Pengaduan").check()
    page.get_by_label("Kategori").select_option(label="Sarana dan prasarana")
    page.get_by_label("Isi laporan").fill(COMPLAINT)
    page.get_by_label("Lokasi kejadian").select_option(label="Kelurahan Berohol")
    page.get_by_label("Lampiran").set_input_files([{"name": "IMG_20260302_1905.jpg", "mimeType": "image/jpeg",
                                                     "buffer": phone_photo()}])
    page.get_by_role("radio", name="Terbuka untuk umum").check()
    page.get_by_label("Alamat email").fill("warga.berohol@example.id")
    screenshot(page, "complaint-1-citizen-form")
    assert serious_accessibility_problems(page) == []
    page.get_by_role("button", name="Kirim laporan").click()
    page.get_by_role("heading", name="Laporan Anda sudah masuk").wait_for()
    tracking_id = page.locator("#nomor-pelacakan").inner_text().strip()
    screenshot(page, "complaint-2-citizen-receipt")

    # BKPSDM's verifier forwards it to the health department... which is the wrong one.
    staff = desktop_page
    sign_in_cookie(staff, consultation.app, url, "admin", None, "Rina Lubis (BKPSDM)")
    staff.goto(f"{url}/petugas/laporan")
    assert tracking_id in staff.locator("table").inner_text()
    screenshot(staff, "complaint-3-bkpsdm-inbox")
    assert serious_accessibility_problems(staff) == []
    open_report(staff, url, tracking_id)
    assert COMPLAINT in staff.locator("#teks").inner_text()
    assert "IMG_20260302_1905.jpg" in staff.locator("#lampiran").inner_text()
    staff_step(staff, "Verifikasi dan teruskan ke OPD", select={"Perangkat daerah tujuan": "DINKES"})
    staff.get_by_text("Laporan sudah diteruskan.").wait_for()
    staff_step(staff, "Tampilkan isi laporan kepada umum")
    assert staff.locator("#status").inner_text() == "Diteruskan ke OPD"
    screenshot(staff, "complaint-4-bkpsdm-forwarded")
    assert serious_accessibility_problems(staff) == []

    # The department's operator responds.
    sign_in_cookie(staff, consultation.app, url, "operator", "DINKES", "Sari (DINKES)")
    staff.goto(f"{url}/petugas/laporan")
    assert tracking_id in staff.locator("table").inner_text()
    open_report(staff, url, tracking_id)
    assert staff.locator("#kontak").count() == 0  # the contact is BKPSDM's alone
    staff_step(staff, "Tulis tindak lanjut", fill={"Tindak lanjut": "Kami sudah menghubungi PLN untuk lampu itu."})
    staff.get_by_text("Tindak lanjut sudah dikirim.").wait_for()
    screenshot(staff, "complaint-5-operator-responded")

    # The citizen is not satisfied.
    page.goto(f"{url}/lacak/{tracking_id}")
    assert COMPLAINT in page.locator("#teks").inner_text()  # public, and let through by the moderator
    assert page.get_by_role("heading", name="Tindak lanjut OPD").is_visible()
    page.get_by_label("Belum puas — minta ditindaklanjuti lagi").check()
    page.get_by_label("Komentar").fill("Lampu masih mati sampai malam ini.")
    screenshot(page, "complaint-6-citizen-not-satisfied")
    page.get_by_role("button", name="Kirim penilaian").click()
    page.get_by_text("dibuka kembali").first.wait_for()
    assert page.locator("#status").inner_text() == "Diteruskan ke OPD"
    assert serious_accessibility_problems(page) == []

    # Back with the department; BKPSDM sees it is the city's lighting, not health, and re-routes it.
    staff.goto(f"{url}/petugas/laporan/{helpers.feedback_id(consultation, tracking_id)}")
    assert staff.locator("#status").inner_text() == "Diteruskan ke OPD"
    sign_in_cookie(staff, consultation.app, url, "admin", None, "Rina Lubis (BKPSDM)")
    open_report(staff, url, tracking_id)
    staff_step(staff, "Alihkan ke OPD lain", select={"Perangkat daerah tujuan": "DISHUB"},
               fill={"Alasan (ditampilkan kepada pelapor)": "Penerangan jalan ditangani Dinas Perhubungan."})
    staff.get_by_text("Laporan sudah dialihkan.").wait_for()
    assert "Dinas Perhubungan" in staff.locator("#opd").inner_text()
    screenshot(staff, "complaint-7-bkpsdm-rerouted")

    # The new department answers, and the citizen closes it, satisfied.
    sign_in_cookie(staff, consultation.app, url, "operator", "DISHUB", "Andi (DISHUB)")
    open_report(staff, url, tracking_id)
    staff_step(staff, "Tulis tindak lanjut", fill={"Tindak lanjut": "Lampu sudah diganti petugas Dishub kemarin."})
    staff.get_by_text("Tindak lanjut sudah dikirim.").wait_for()
    page.goto(f"{url}/lacak/{tracking_id}")
    page.get_by_label("Puas — laporan selesai").check()
    page.get_by_role("button", name="Kirim penilaian").click()
    page.get_by_text("Laporan Anda sudah selesai.").wait_for()
    assert page.locator("#status").inner_text() == "Selesai"
    history = page.locator(".timeline").inner_text()
    assert "Penerangan jalan ditangani Dinas Perhubungan." in history and "warga.berohol" not in history
    screenshot(page, "complaint-8-citizen-closed")

    # Every step's e-mail reached the test SMTP server, in Bahasa Indonesia, with the tracking link.
    subjects = [m["Subject"] for m in consultation.mail.wait_for(7, timeout=20)]
    assert subjects == [f"[{tracking_id}] {label}" for label in (
        "Masuk", "Diteruskan ke OPD", "Ditindaklanjuti", "Diteruskan ke OPD", "Diteruskan ke OPD",
        "Ditindaklanjuti", "Selesai")]
    assert f"{url}/lacak/{tracking_id}" in consultation.mail.messages[0].get_content()
    assert all(r == ["warga.berohol@example.id"] for r in consultation.mail.recipients)


def test_another_departments_operator_is_refused_the_report_its_files_and_its_steps(consultation, desktop_page,
                                                                                   tokens):
    url = consultation.url
    fid = helpers.feedback_id(consultation, helpers.submit(consultation.client)["tracking_id"])
    helpers.step(consultation.client, tokens("admin"), fid, "forward", department_code="DINKES")
    sign_in_cookie(desktop_page, consultation.app, url, "operator", "DISHUB")
    response = desktop_page.goto(f"{url}/petugas/laporan/{fid}")
    assert response.status == 403 and "Laporan ini belum diteruskan" in desktop_page.locator("main").inner_text()
    screenshot(desktop_page, "complaint-9-other-department-refused")
