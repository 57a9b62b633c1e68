"""Imports as offices make them: Indonesian headers, dd/mm/yyyy dates, XLSX files, and a second upload as an update."""
import io
from datetime import date

from openpyxl import Workbook

from services.personnel.db.models import Appointment, Employee, TrainingRecord
from tests.personnel.conftest import OUTBOX, count
from tests.personnel.test_imports_api import EMPLOYEES, post_csv
from tests.support import seed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PEGAWAI = """NIP;Nama;Jenis;Kode OPD;Tanggal Lahir;Jenis Kelamin;Pangkat;Jabatan;Jenis Jabatan;TMT Jabatan;Status
19660801 198803 1 001;Siti Aminah;PNS;DINKES;01/08/1966;Laki-laki;IV/a;Kepala Dinas;JPT Pratama;01/02/2025;Aktif
197002152000032005;Rina Marpaung;pns;DINKES;;P;III/c;Pengelola Data;pelaksana;;aktif
"""


def test_indonesian_headers_and_day_first_dates_are_read(api):
    resp = post_csv(api, "employees", PEGAWAI)
    assert resp.status_code == 200, resp.get_json()
    siti = api.client.get("/api/v1/employees?q=Siti", headers=api.admin).get_json()["items"][0]
    assert (siti["tmt_jabatan"], siti["position_type"], siti["gender"], siti["status"]) == (
        "2025-02-01", "jpt_pratama", "male", "active")


def test_a_date_that_is_not_one_says_how_to_write_it(api):
    text = PEGAWAI.replace("01/02/2025", "2025/02/01")
    [error] = post_csv(api, "employees", text, dry_run=True).get_json()["errors"]
    assert error["field"] == "tmt_jabatan" and "dd/mm/yyyy" in error["message"]
    assert "31/12/2026" in error["indonesian"]


def test_a_second_upload_updates_the_matching_employees_and_previews_the_changes(api):
    assert post_csv(api, "employees", EMPLOYEES).status_code == 200
    changed = EMPLOYEES.replace("Rina Marpaung,PNS,DINKES,III/c", "Rina Marpaung Siregar,PNS,DINKES,III/d").replace(
        "Budi Santoso,PPPK,DINKES,,,,", "Budi Santoso,PPPK,DINKES,,Pranata Komputer,pelaksana,2026-01-05")
    refused = post_csv(api, "employees", changed, dry_run=True).get_json()
    assert {e["field"] for e in refused["errors"]} == {"nip"} and refused["valid_rows"] == 0
    before = count(api.db, OUTBOX)
    preview = post_csv(api, "employees", changed + "198001012005011099,Baru Sekali,PNS,DINKES,,,,\n",
                       dry_run=True, update=True)
    report = preview.get_json()
    assert (report["new_rows"], report["changed_rows"], report["unchanged_rows"], report["errors"]) == (1, 2, 1, [])
    rows = {row["line"]: row for row in report["preview"]}
    assert [r["status"] for r in report["preview"]] == ["unchanged", "changed", "changed", "new"]
    assert {(c["field"], c["old"], c["new"]) for c in rows[3]["changes"]} == {
        ("name", "Rina Marpaung", "Rina Marpaung Siregar"), ("rank", "III/c", "III/d")}
    assert {c["field"] for c in rows[4]["changes"]} == {"position_title", "position_type", "tmt_jabatan"}
    assert count(api.db, OUTBOX) == before  # a preview writes nothing
    resp = post_csv(api, "employees", changed, update=True)
    assert resp.status_code == 200 and resp.get_json()["imported"] == 2, resp.get_json()
    types = [e["type"] for e in api.events("personnel.employee.")[-2:]]
    assert types == ["personnel.employee.updated", "personnel.employee.appointed"]
    with api.db.sessions() as session:
        assert session.query(Appointment).filter_by(position_title="Pranata Komputer").count() == 1
        assert session.query(Employee).filter_by(name="Rina Marpaung Siregar").one().rank == "III/d"


def test_a_retirement_is_not_imported_without_its_sk(api):
    assert post_csv(api, "employees", EMPLOYEES).status_code == 200
    retired = EMPLOYEES.replace("nip,name,employee_type,department_code,rank,position_title,position_type,tmt_jabatan",
                                "nip,name,employee_type,department_code,rank,position_title,position_type,"
                                "tmt_jabatan,status").replace("2025-02-01", "2025-02-01,pensiun")
    [error] = post_csv(api, "employees", retired, dry_run=True, update=True).get_json()["errors"]
    assert (error["line"], error["field"]) == (2, "status") and "SK" in error["indonesian"]


def sheet(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_file_is_imported_and_a_nip_stored_as_a_number_is_explained(api):
    body = sheet([["NIP", "Nama", "Jenis", "Kode OPD", "Tanggal Lahir"],
                  ["196608011988031001", "Siti Aminah", "PNS", "DINKES", date(1966, 8, 1)],
                  [197002152000032005, "Rina Marpaung", "PNS", "DINKES", None]])
    resp = api.client.post("/api/v1/imports/employees?dry_run=true", data=body, content_type=XLSX,
                           headers=api.admin)
    report = resp.get_json()
    assert resp.status_code == 200 and report["new_rows"] == 1, report
    [error] = report["errors"]
    assert (error["line"], error["field"]) == (3, "nip") and "1.97002E+17" in error["message"]
    assert "format kolom NIP sebagai Teks" in error["indonesian"]
    fixed = sheet([["NIP", "Nama", "Jenis", "Kode OPD"], ["196608011988031001", "Siti Aminah", "PNS", "DINKES"]])
    upload = {"file": (io.BytesIO(fixed), "pegawai.xlsx")}
    resp = api.client.post("/api/v1/imports/employees", data=upload, content_type="multipart/form-data",
                           headers=api.admin)
    assert resp.status_code == 200 and resp.get_json()["imported"] == 1, resp.get_json()


def test_training_is_updated_by_certificate_number_or_by_employee_programme_and_dates(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    emp = api.employee()
    nip = api.client.get(f"/api/v1/employees/{emp['id']}", headers=api.admin).get_json()["nip"]
    first = (f"nip,kode_program,tanggal_mulai,tanggal_selesai,jp,nomor_sertifikat\n"
             f"{nip},TEKNIS-01,09/03/2026,10/03/2026,12,C-1\n{nip},TEKNIS-01,01/04/2026,02/04/2026,8,\n")
    assert post_csv(api, "training-records", first).status_code == 200
    second = (f"nip,kode_program,tanggal_mulai,tanggal_selesai,jp,nomor_sertifikat\n"
              f"{nip},TEKNIS-01,09/03/2026,11/03/2026,16,C-1\n{nip},TEKNIS-01,01/04/2026,02/04/2026,8,C-2\n")
    assert post_csv(api, "training-records", second, dry_run=True).get_json()["valid_rows"] == 0
    report = post_csv(api, "training-records", second, update=True).get_json()
    assert (report["changed_rows"], report["imported"]) == (2, 2), report
    changes = {row["line"]: {c["field"] for c in row["changes"]} for row in report["preview"]}
    assert changes == {2: {"end_date", "jp"}, 3: {"certificate_number"}}
    with api.db.sessions() as session:
        records = {r.certificate_number: (r.end_date, r.jp, r.version) for r in session.query(TrainingRecord)}
    assert records == {"C-1": (date(2026, 3, 11), 16, 2), "C-2": (date(2026, 4, 2), 8, 2)}
    assert [e["type"] for e in api.events("personnel.training.")[-2:]] == ["personnel.training.updated"] * 2
