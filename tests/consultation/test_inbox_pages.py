"""The staff inbox pages: who sees which reports, the filters, and a report's page offering only the steps
this person may take now, each confirmed. Staff sign in only through tests/e2e/signin.py."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from services.consultation.db.models import Feedback
from tests.consultation.helpers import feedback_id, step, submit
from tests.e2e.signin import sign_in_client


def staff_client(svc, role, department=None):
    client = svc.app.test_client()
    sign_in_client(client, role, department)
    return client


def test_the_inbox_needs_a_signed_in_handler(consultation):
    anonymous = consultation.client.get("/petugas/laporan")
    assert anonymous.status_code == 303
    assert anonymous.headers["Location"] == "/akun/consultation/masuk?next=/petugas/laporan"
    assert staff_client(consultation, "viewer").get("/petugas/laporan").status_code == 403


def test_bkpsdm_sees_every_report_and_an_operator_only_what_was_forwarded_to_them(consultation, admin):
    c = consultation.client
    ours, theirs, new = (submit(c)["tracking_id"] for _ in range(3))
    step(c, admin, feedback_id(consultation, ours), "forward", department_code="DINKES")
    step(c, admin, feedback_id(consultation, theirs), "forward", department_code="DISHUB")

    everything = staff_client(consultation, "admin").get("/petugas/laporan").get_data(as_text=True)
    assert all(t in everything for t in (ours, theirs, new)) and "3 laporan" in everything
    dinkes = staff_client(consultation, "operator", "DINKES")
    page = dinkes.get("/petugas/laporan").get_data(as_text=True)
    assert ours in page and theirs not in page and new not in page and "1 laporan" in page
    assert dinkes.get(f"/petugas/laporan/{feedback_id(consultation, theirs)}").status_code == 403


def test_filters_and_the_search_by_tracking_id(consultation, admin):
    c = consultation.client
    late, fresh = (submit(c)["tracking_id"] for _ in range(2))
    aspiration = submit(c, kind="aspirasi", category="sarana_prasarana")["tracking_id"]
    with consultation.db.transaction() as session:
        session.execute(update(Feedback).where(Feedback.tracking_id == late)
                        .values(forward_due=date.today() - timedelta(days=3)))
    staff = staff_client(consultation, "admin")

    def listed(query):
        page = staff.get(f"/petugas/laporan?{query}").get_data(as_text=True)
        return {t for t in (late, fresh, aspiration) if t in page}

    assert listed("tenggat=terlambat") == {late}
    assert listed("kategori=sarana_prasarana") == {aspiration}
    assert listed(f"cari={fresh.lower().replace('-', ' ')}") == {fresh}
    assert listed(f"cari={fresh[-4:]}") == {fresh}
    assert listed("status=forwarded") == set()
    assert listed(f"dari={date.today().isoformat()}&sampai={date.today().isoformat()}") == {late, fresh, aspiration}
    assert listed("sampai=2020-01-01") == set()
    short = staff.get("/petugas/laporan?cari=AB")
    assert short.status_code == 422 and "paling sedikit 4 karakter" in short.get_data(as_text=True)
    assert "terlambat" in staff.get("/petugas/laporan").get_data(as_text=True)


def test_a_report_page_offers_only_the_allowed_steps_and_each_needs_its_confirmation(consultation, admin):
    c = consultation.client
    tracking_id = submit(c)["tracking_id"]
    fid = feedback_id(consultation, tracking_id)
    bkpsdm = staff_client(consultation, "admin")
    page = bkpsdm.get(f"/petugas/laporan/{fid}").get_data(as_text=True)
    assert "Verifikasi dan teruskan ke OPD" in page and "Minta informasi tambahan" in page
    assert "Tulis tindak lanjut" not in page and "Alihkan ke OPD lain" not in page
    assert "siti.aminah@example.id" in page  # BKPSDM sees the contact

    unconfirmed = bkpsdm.post(f"/petugas/laporan/{fid}/forward", data={"department_code": "DINKES"})
    assert unconfirmed.status_code == 422 and "Centang kotak konfirmasi" in unconfirmed.get_data(as_text=True)
    unknown = bkpsdm.post(f"/petugas/laporan/{fid}/forward", data={"department_code": "DINSOS", "konfirmasi": "ya"})
    assert unknown.status_code == 422 and "DINSOS tidak dikenal" in unknown.get_data(as_text=True)
    done = bkpsdm.post(f"/petugas/laporan/{fid}/forward", data={"department_code": "DINKES", "konfirmasi": "ya"})
    assert done.status_code == 303
    after = bkpsdm.get(done.headers["Location"]).get_data(as_text=True)
    assert "Laporan sudah diteruskan." in after and "Alihkan ke OPD lain" in after

    operator = staff_client(consultation, "operator", "DINKES")
    theirs = operator.get(f"/petugas/laporan/{fid}").get_data(as_text=True)
    assert "Tulis tindak lanjut" in theirs and "Alihkan ke OPD lain" not in theirs
    assert "siti.aminah@example.id" not in theirs  # the contact is BKPSDM's alone
    forged = operator.post(f"/petugas/laporan/{fid}/respond", csrf=False,
                           data={"response": "Jam layanan ditambah.", "konfirmasi": "ya"})
    assert forged.status_code in (400, 403)
    other = staff_client(consultation, "operator", "DISHUB")
    assert other.post(f"/petugas/laporan/{fid}/respond",
                      data={"response": "Kami jawab saja laporan ini.", "konfirmasi": "ya"}).status_code == 403


def test_an_admin_response_is_labelled_as_bkpsdms(consultation, admin):
    c = consultation.client
    tracking_id = submit(c)["tracking_id"]
    fid = feedback_id(consultation, tracking_id)
    step(c, admin, fid, "forward", department_code="DINKES")
    bkpsdm = staff_client(consultation, "admin")
    assert "Tulis tanggapan atas nama BKPSDM" in bkpsdm.get(f"/petugas/laporan/{fid}").get_data(as_text=True)
    bkpsdm.post(f"/petugas/laporan/{fid}/respond", data={"response": "Sudah kami koordinasikan.", "konfirmasi": "ya"})
    tracking = c.get(f"/lacak/{tracking_id}").get_data(as_text=True)
    assert "Tanggapan BKPSDM" in tracking and "Tindak lanjut OPD" not in tracking


def test_each_staff_page_has_one_sign_out_button_in_its_header(consultation):
    client = staff_client(consultation, "admin")
    for path in ("/petugas/laporan", "/kebijakan/kelola"):
        page = client.get(path).get_data(as_text=True)
        assert page.count('action="/akun/consultation/keluar"') == 1 and page.count(">Keluar<") == 1, path
        assert "Admin BKPSDM" in page, path
