"""The staff pages through a Flask test client: who may open them, messages beside fields, post/redirect/get,
the import preview, the attendance file and the competence CSV."""
import csv
import io
import re
from datetime import date

from services.personnel.db.models import Employee, StagedImport
from tests.e2e.signin import sign_in_client
from tests.personnel.conftest import count
from tests.personnel.test_socialization_api import create_session, hear
from tests.support import seed


def text(resp) -> str:
    return re.sub(r"\s+", " ", resp.get_data(as_text=True))


def test_the_pages_are_for_signed_in_admins_and_operators(api):
    anonymous = api.client.get("/kepegawaian/pegawai")
    assert anonymous.status_code == 303
    assert anonymous.headers["Location"] == "/akun/personnel/masuk?next=/kepegawaian/pegawai"
    sign_in_client(api.client, "viewer")
    assert api.client.get("/kepegawaian/pegawai").status_code == 403
    sign_in_client(api.client, "operator", "DINKES")
    resp = api.client.get("/kepegawaian/pegawai")
    assert resp.status_code == 200 and 'lang="id"' in text(resp)
    assert text(resp).count(">Keluar<") == 1 and "Operator DINKES" in text(resp)  # one sign-out, in the header


def test_a_forged_form_is_refused(api):
    sign_in_client(api.client, "admin")
    resp = api.client.post("/kepegawaian/pegawai/baru", data={"nip": "x"}, csrf=False)
    assert resp.status_code == 400 and count(api.db, Employee) == 0


def test_an_operator_finds_only_their_own_departments_people(api):
    api.employee(name="Ani Kesehatan")
    api.employee("DISDIK", name="Ani Pendidikan")
    sign_in_client(api.client, "operator", "DINKES")
    page = text(api.client.get("/kepegawaian/pegawai?q=Ani&opd=DISDIK"))
    assert "Ani Kesehatan" in page and "Ani Pendidikan" not in page


def test_adding_an_employee_shows_messages_beside_the_fields_then_redirects(api):
    sign_in_client(api.client, "operator", "DINKES")
    form = {"nip": "1.98502E+17", "name": "B", "employee_type": "PNS", "department_code": "DINKES",
            "tmt_jabatan": "31/02/2026"}
    page = api.client.post("/kepegawaian/pegawai/baru", data=form)
    assert page.status_code == 422
    body = text(page)
    assert 'id="name-error"' in body and 'id="tmt_jabatan-error"' in body and 'aria-invalid="true"' in body
    form.update(name="Budi Santoso", tmt_jabatan="")
    body = text(api.client.post("/kepegawaian/pegawai/baru", data=form))
    assert "terpotong oleh aplikasi lembar kerja" in body  # the NIP rule's own words, in Indonesian
    form["nip"] = "19800101 200501 1 777"
    resp = api.client.post("/kepegawaian/pegawai/baru", data=form)
    assert resp.status_code == 303 and "/kepegawaian/pegawai/" in resp.headers["Location"]
    assert "Budi Santoso telah ditambahkan" in text(api.client.get(resp.headers["Location"]))


def test_a_dismissal_needs_its_reason_and_sk_on_the_page_too(api):
    emp = api.employee(name="Cici Nasution")
    sign_in_client(api.client, "admin")
    url = f"/kepegawaian/pegawai/{emp['id']}/status"
    refused = api.client.post(url, data={"status": "dismissed", "decree_number": "SK-9"})
    assert refused.status_code == 422 and "Tuliskan alasan pemberhentian" in text(refused)
    done = api.client.post(url, data={"status": "dismissed", "status_reason": "Hukuman disiplin berat",
                                      "decree_number": "800/77/BKPSDM/2026", "decree_date": "2026-11-02"})
    assert done.status_code == 303
    file = text(api.client.get(done.headers["Location"]))
    assert "Hukuman disiplin berat" in file and "800/77/BKPSDM/2026" in file and "2 November 2026" in file


def test_an_import_is_previewed_then_confirmed_once_by_its_uploader_only(api):
    sign_in_client(api.client, "admin")
    body = ("nip;nama;jenis;kode_opd;tmt_jabatan\n"
            "198203142006042001;Rina Marpaung;PNS;DINKES;02/01/2024\n"
            "1.98511E+17;Andi Lubis;PNS;DINKES;02/01/2024\n"
            "199001052019032003;Maya Sari;PNS;DINKES;2024-13-01\n")
    resp = api.client.post("/kepegawaian/impor", data={"kind": "employees", "file": (io.BytesIO(body.encode()),
                                                                                     "pegawai.csv")})
    assert resp.status_code == 303
    preview = text(api.client.get(resp.headers["Location"]))
    assert "Baru" in preview and "Salah" in preview and "Kolom <code>nip</code>: NIP ini terpotong" in preview
    assert "Kolom <code>tmt_jabatan</code>" in preview and "Konfirmasi impor" not in preview
    good = body.splitlines()[:2]
    resp = api.client.post("/kepegawaian/impor", data={"kind": "employees", "file": (
        io.BytesIO("\n".join(good).encode()), "pegawai.csv")})
    staged_url = resp.headers["Location"]
    assert "Konfirmasi impor 1 baris" in text(api.client.get(staged_url))
    sign_in_client(api.client, "operator", "DINKES")
    assert api.client.get(staged_url).status_code == 404  # another person's upload
    sign_in_client(api.client, "admin")
    confirmed = api.client.post(staged_url, data={})
    assert confirmed.status_code == 303 and count(api.db, Employee) == 1
    assert "1 baris diimpor" in text(api.client.get(staged_url))
    assert api.client.post(staged_url, data={}).status_code == 409
    with api.db.sessions() as session:
        assert session.query(StagedImport).filter(StagedImport.content.is_not(None)).count() == 1  # the failed one


def test_a_file_that_is_not_a_table_is_refused_beside_the_file_field(api):
    sign_in_client(api.client, "admin")
    resp = api.client.post("/kepegawaian/impor", data={"kind": "employees", "file": (
        io.BytesIO(b"nip,salary\n1,2\n"), "gaji.csv")})
    assert resp.status_code == 422 and 'id="file-error"' in text(resp) and "Kolom tidak dikenal" in text(resp)


def test_attendance_comes_from_a_file_too(api):
    hear(api)
    held = create_session(api).get_json()
    people = [api.employee(name=n) for n in ("Ani", "Beni")]
    nips = [api.client.get(f"/api/v1/employees/{p['id']}", headers=api.admin).get_json()["nip"] for p in people]
    sign_in_client(api.client, "operator", "DINKES")
    sheet = "no;nama;nip\n1;Ani;" + nips[0] + "\n2;Beni;" + nips[1] + "\n"
    resp = api.client.post(f"/kepegawaian/sosialisasi/{held['id']}/hadir",
                           data={"nips": "", "file": (io.BytesIO(sheet.encode()), "hadir.csv")})
    assert resp.status_code == 303
    assert "2 kehadiran tercatat" in text(api.client.get(resp.headers["Location"]))
    refused = api.client.post(f"/kepegawaian/sosialisasi/{held['id']}/hadir", data={"nips": "123"})
    assert refused.status_code == 422 and "NIP terdiri atas 18 angka" in text(refused)


def test_the_competence_csv_has_a_row_per_employee(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=24)
    emp = api.employee(name="Ani Siregar")
    api.employee(name="Beni Harahap")
    seed.training(api.client, api.admin, emp["id"], end=date.today().isoformat(), start_date=date.today().isoformat())
    sign_in_client(api.client, "operator", "DINKES")
    resp = api.client.get(f"/kepegawaian/kompetensi.csv?tahun={date.today().year}")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["NIP", "Nama"]
    assert {(r[1], r[5], r[7]) for r in rows[1:]} == {("Ani Siregar", "24", "Tercapai"),
                                                     ("Beni Harahap", "0", "Kurang 20 JP")}
