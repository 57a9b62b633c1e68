"""The staff workspace in Chromium, against the personnel service over HTTP on PostgreSQL: a BKPSDM admin and two
department operators, each signed in as the identity provider signs staff in (tests/e2e/signin.py)."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from services.personnel.handlers import SUBSCRIPTIONS
from shared.envelope import Envelope
from tests.e2e.browser import screenshot, serious_accessibility_problems, served
from tests.e2e.signin import sign_in_cookie
from tests.support import seed

TODAY = date.today()
PEGAWAI = """nip;nama;jenis;kode_opd;pangkat;jabatan;jenis_jabatan;tmt_jabatan
198203142006042001;Rina Marpaung;PNS;DINKES;III/c;Pengelola Data;pelaksana;02/01/2024
198511202010011002;Andi Lubis;PNS;DINKES;III/b;Analis Kepegawaian;pelaksana;02/01/2024
199001052019032003;Maya Sari;PNS;DINKES;III/a;Perawat;fungsional;01/03/2025
"""


def no_problems(page):
    assert serious_accessibility_problems(page) == []


def hear_policy(db, policy_id="pol-disiplin"):
    """consultation.policy.adopted as personnel's consumer applies it."""
    event_type = "consultation.policy.adopted"
    env = Envelope(type=event_type, source="/asn/consultation", subject=policy_id, sequence=1, data={
        "policy_id": policy_id, "code": "PERWALI-2026-07", "title": "Perwali Disiplin ASN", "version": 1,
        "state": "adopted", "department_code": "BKPSDM", "changed_at": "2026-05-02T03:00:00Z", "reason": None})
    subscription = SUBSCRIPTIONS[event_type]
    with db.transaction() as session:
        subscription.handle(session, env, subscription.schema.load(env.data))


@pytest.fixture
def personnel_site(start_service, tokens):
    svc = start_service("personnel", ratelimit_public="1000/minute")
    svc.admin = tokens("admin")
    for code, name in (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan")):
        seed.department(svc.client, svc.admin, code, name)
    with served(svc.app) as url:
        svc.url = url
        yield svc


def nip_of(svc, emp) -> str:
    return svc.client.get(f"/api/v1/employees/{emp['id']}", headers=svc.admin).get_json()["nip"]


def upload(page, svc, text: str, update: bool):
    page.goto(f"{svc.url}/kepegawaian/impor")
    page.get_by_label("Data pegawai").check()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(
        {"name": "pegawai-dinkes.csv", "mimeType": "text/csv", "buffer": text.encode()})
    if update:
        page.get_by_label("Perbarui data yang sudah ada").check()
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    page.get_by_role("heading", name="Pratinjau impor").wait_for()


def test_a_bkpsdm_admin_adds_an_employee_appoints_a_new_head_and_imports_twice(personnel_site, desktop_page):
    svc, page = personnel_site, desktop_page
    head = seed.employee(svc.client, svc.admin, name="dr. Siti Aminah, M.Kes")
    resp = svc.client.post(f"/api/v1/employees/{head['id']}/appointments", headers=svc.admin, json={
        "position_title": "Kepala Dinas Kesehatan", "position_type": "jpt_pratama", "head_of_unit": True,
        "tmt_jabatan": (TODAY - timedelta(days=700)).isoformat(), "decree_number": "821.2/010/BKPSDM/2024"})
    assert resp.status_code == 201, resp.get_json()
    sign_in_cookie(page, svc.app, svc.url, "admin", None, "Admin BKPSDM")

    # Add an employee; a wrong NIP first gets its message beside the field.
    page.goto(f"{svc.url}/kepegawaian/pegawai/baru")
    no_problems(page)
    page.get_by_label("NIP").fill("19750612 200003 1 00")
    page.get_by_label("Nama lengkap (dengan gelar)").fill("dr. Budi Santoso, M.P.H.")
    page.get_by_label("Perangkat daerah").select_option("DINKES")
    page.get_by_role("button", name="Simpan pegawai").click()
    assert "NIP terdiri atas 18 angka" in page.locator("#nip-error").inner_text()
    assert page.evaluate("document.activeElement.id") == "ringkasan-kesalahan"
    screenshot(page, "personnel-admin-nip-message")
    no_problems(page)
    page.get_by_label("NIP").fill("19750612 200003 1 002")
    page.get_by_label("Pangkat/golongan").select_option("IV/b")
    page.get_by_role("button", name="Simpan pegawai").click()
    page.get_by_role("heading", name="dr. Budi Santoso, M.P.H.").wait_for()
    assert "197506122000031002" in page.locator(".lead").inner_text()

    # Appoint him kepala dinas with an SK: refused while dr. Siti heads DINKES, then replacing her.
    page.get_by_role("link", name="Angkat ke jabatan").click()
    page.get_by_label("Nama jabatan").fill("Kepala Dinas Kesehatan")
    page.get_by_label("Jenis jabatan").select_option("jpt_pratama")
    page.get_by_label("TMT jabatan").fill(TODAY.isoformat())
    page.get_by_label("Nomor SK").fill("821.2/045/BKPSDM/2026")
    page.get_by_label("Tanggal SK").fill(TODAY.isoformat())
    page.get_by_label("Jabatan ini adalah kepala unit").check()
    page.get_by_role("button", name="Simpan pengangkatan").click()
    message = page.locator("#head_of_unit-error").inner_text()
    assert "dr. Siti Aminah, M.Kes" in message
    screenshot(page, "personnel-admin-head-taken")
    no_problems(page)
    page.get_by_label("Akhiri jabatan kepala sebelumnya").check()
    page.get_by_role("button", name="Simpan pengangkatan").click()
    page.get_by_role("heading", name="dr. Budi Santoso, M.P.H.").wait_for()
    history = page.locator("table", has=page.get_by_role("columnheader", name="Nomor SK"))
    assert "821.2/045/BKPSDM/2026" in history.inner_text() and "Kepala unit" in history.inner_text()
    assert "PKN Tingkat II" in page.locator("#kepemimpinan + .card").inner_text()
    screenshot(page, "personnel-admin-employee-file")
    no_problems(page)

    # Import a CSV (Indonesian headers, dd/mm/yyyy), then the same people again as an update.
    upload(page, svc, PEGAWAI, update=False)
    assert page.locator("#jumlah-baru").inner_text() == "3"
    assert page.locator("#pratinjau .status-new").count() == 3
    no_problems(page)
    page.get_by_role("button", name=re.compile("Konfirmasi impor 3 baris")).click()
    page.get_by_role("heading", name="Hasil impor").wait_for()
    assert "3 baris diimpor" in page.locator(".success").first.inner_text()

    changed = PEGAWAI.replace("Rina Marpaung;PNS;DINKES;III/c", "Rina Marpaung, S.Kom;PNS;DINKES;III/d").replace(
        "Maya Sari;PNS;DINKES;III/a;Perawat;fungsional;01/03/2025",
        f"Maya Sari;PNS;DINKES;III/a;Kepala Seksi Pelayanan;pengawas;{TODAY:%d/%m/%Y}")
    upload(page, svc, changed, update=True)
    assert (page.locator("#jumlah-berubah").inner_text(), page.locator("#jumlah-tetap").inner_text()) == ("2", "1")
    changed_rows = page.locator("#pratinjau tr.row-changed")
    assert changed_rows.count() == 2
    assert "III/c → III/d" in changed_rows.first.inner_text().replace("\n", " ")
    assert "Kepala Seksi Pelayanan" in changed_rows.nth(1).inner_text()
    screenshot(page, "personnel-admin-import-update-preview")
    no_problems(page)
    page.get_by_role("button", name=re.compile("Konfirmasi impor 2 baris")).click()
    page.get_by_role("heading", name="Hasil impor").wait_for()
    page.goto(f"{svc.url}/kepegawaian/pegawai?q=Maya")
    page.get_by_role("link", name="Maya Sari").click()
    assert "Kepala Seksi Pelayanan" in page.locator("dl.facts").inner_text()
    assert "PKP" in page.locator("#kepemimpinan + .card").inner_text()


def test_a_department_operator_records_a_class_attendance_and_downloads_the_competence_xlsx(personnel_site, page):
    svc = personnel_site
    seed.programme(svc.client, svc.admin, "TEKNIS-07", jp=24)
    people = [seed.employee(svc.client, svc.admin, name=name) for name in
              ("Ani Siregar", "Beni Harahap", "Cici Nasution", "Dedi Tanjung")]
    nips = [nip_of(svc, p) for p in people]
    hear_policy(svc.db)
    held = svc.client.post("/api/v1/socialization-sessions", headers=svc.admin, json={
        "policy_id": "pol-disiplin", "format": "workshop", "title": "Sosialisasi Perwali Disiplin ASN",
        "held_on": TODAY.isoformat(), "department_codes": ["DINKES"]}).get_json()
    before = svc.client.post(f"/api/v1/socialization-sessions/{held['id']}/attendance", headers=svc.admin,
                             json={"nips": nips[:2]})
    assert before.status_code == 201, before.get_json()
    sign_in_cookie(page, svc.app, svc.url, "operator", "DINKES", "Sari (DINKES)")

    # A class's training, NIPs pasted one per line (spaced as they are printed on an ID card).
    page.goto(f"{svc.url}/kepegawaian/pelatihan")
    no_problems(page)
    spaced = [f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}" for n in nips[:3]]
    page.get_by_label("NIP peserta").fill("\n".join(spaced))
    page.get_by_label("Program pelatihan").select_option("TEKNIS-07")
    page.get_by_label("Tanggal mulai").fill((TODAY - timedelta(days=3)).isoformat())
    page.get_by_label("Tanggal selesai").fill((TODAY - timedelta(days=1)).isoformat())
    screenshot(page, "personnel-operator-class-form")
    page.get_by_role("button", name="Catat pelatihan").click()
    assert "3 catatan pelatihan tersimpan" in page.locator(".success").inner_text()
    # The same class again: refused, each person named with the existing record.
    page.get_by_label("NIP peserta").fill("\n".join(spaced[:2]))
    page.get_by_label("Program pelatihan").select_option("TEKNIS-07")
    page.get_by_label("Tanggal mulai").fill((TODAY - timedelta(days=3)).isoformat())
    page.get_by_label("Tanggal selesai").fill((TODAY - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Catat pelatihan").click()
    refusals = page.locator(".refusals li")
    assert refusals.count() == 2 and "sudah tercatat" in refusals.first.inner_text()
    screenshot(page, "personnel-operator-class-duplicate")
    no_problems(page)

    # Attendance by NIP, two of them recorded before: skipped and named, the others recorded.
    page.goto(f"{svc.url}/kepegawaian/sosialisasi")
    page.get_by_role("link", name="Sosialisasi Perwali Disiplin ASN").click()
    page.get_by_label("NIP peserta").fill(", ".join(nips))
    page.get_by_role("button", name="Catat kehadiran").click()
    notice = page.locator(".success").inner_text()
    assert "2 kehadiran tercatat" in notice and "2 sudah tercatat sebelumnya" in notice
    assert "Ani Siregar" in notice and "Beni Harahap" in notice
    assert page.locator("#hadir + ol li").count() == 4
    screenshot(page, "personnel-operator-attendance")
    no_problems(page)

    # The competence page, and its XLSX.
    page.goto(f"{svc.url}/kepegawaian/kompetensi")
    assert page.locator("[data-figure=pns_reached_minimum]").inner_text().startswith("3 dari 4")
    screenshot(page, "personnel-operator-competence")
    no_problems(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(book["Kompetensi"].iter_rows(values_only=True))
    assert rows[0][:2] == ("NIP", "Nama")
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {"Ani Siregar", "Beni Harahap", "Cici Nasution", "Dedi Tanjung"}
    assert (by_name["Ani Siregar"][0], by_name["Ani Siregar"][5], by_name["Ani Siregar"][7]) == (
        nips[0], 24, "Tercapai")
    assert by_name["Dedi Tanjung"][7] == "Kurang 20 JP"
    summary = dict(book["Ringkasan"].iter_rows(values_only=True))
    assert (summary["Jumlah ASN"], summary["PNS mencapai minimal JP"]) == (4, 3)


def test_the_second_operator_cannot_open_the_first_ones_employees(personnel_site, page):
    svc = personnel_site
    theirs = seed.employee(svc.client, svc.admin, name="Ani Siregar")
    sign_in_cookie(page, svc.app, svc.url, "operator", "DISDIK", "Rudi (DISDIK)")
    page.goto(f"{svc.url}/kepegawaian/pegawai/{theirs['id']}")
    assert page.get_by_role("heading", name="Akses ditolak").is_visible()
    assert "perangkat daerah lain" in page.locator(".lead").inner_text()
    page.goto(f"{svc.url}/kepegawaian/pegawai/{theirs['id']}/angkat")
    assert page.get_by_role("heading", name="Akses ditolak").is_visible()
    page.goto(f"{svc.url}/kepegawaian/pegawai?q=Ani")
    assert page.get_by_role("heading", name="0 pegawai").is_visible()
    screenshot(page, "personnel-other-operator-refused")
    no_problems(page)
