"""What a citizen gives and who sees it: privacy levels, the location, attachments checked by content and
stripped of their GPS tag, served only to the staff who handle the report, erased with its retention."""
from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

from PIL import Image
from sqlalchemy import select, update

from services.consultation.db.models import Feedback, FeedbackAttachment, MailNotification
from services.consultation.domain.retention import Retention
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.retention import purge_expired
from shared.db import utcnow
from shared.principal import SYSTEM
from tests.consultation.helpers import COMPLAINT, events, feedback_id, step
from tests.e2e.signin import sign_in_client

GPS_IFD = 0x8825


def photo_with_gps(size=(800, 600)) -> bytes:
    """A phone photo: a JPEG whose EXIF holds a GPS position (3°19' N, 99°9' E: Tebing Tinggi)."""
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (3.0, 19.0, 0.0), 3: "E", 4: (99.0, 9.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", size, (120, 160, 200)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def form(**changes) -> dict:
    return {"kind": "pengaduan", "category": "sarana_prasarana", "text": "Lampu jalan di depan sekolah mati sebulan.",
            "privacy": "public", "lokasi": "bajenis/berohol", "contact_email": "warga@example.id", **changes}


def send(client, files=(), expect=303, **changes):
    data = form(**changes)
    if files:
        data["lampiran"] = [(io.BytesIO(content), name) for name, content in files]
    resp = client.post("/lapor", data=data, content_type="multipart/form-data")
    assert resp.status_code == expect, resp.get_data(as_text=True)[:2000]
    return resp


def tracking_id_of(resp) -> str:
    return resp.headers["Location"].rsplit("/", 1)[1]


def test_a_photos_gps_tag_is_gone_after_upload_and_only_the_handlers_get_the_file(consultation, admin, dinkes,
                                                                                   dishub):
    raw = photo_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)  # the phone did tag it
    c = consultation.client
    resp = send(c, files=[("IMG_20260302_0815.jpg", raw)])
    fid = feedback_id(consultation, tracking_id_of(resp))
    detail = c.get(f"/api/v1/feedback/{fid}", headers=admin).get_json()
    [attachment] = detail["attachments"]
    assert (attachment["filename"], attachment["content_type"]) == ("IMG_20260302_0815.jpg", "image/jpeg")

    url = f"/api/v1/feedback/{fid}/attachments/{attachment['id']}"
    got = c.get(url, headers=admin)
    assert got.status_code == 200 and got.mimetype == "image/jpeg"
    assert got.headers["Content-Disposition"].startswith("attachment;")
    kept = Image.open(io.BytesIO(got.data))
    assert kept.size == (800, 600) and not kept.getexif() and "exif" not in kept.info
    assert b"Phone maker" not in got.data
    # Stored outside the database, under the configured directory.
    assert (Path(consultation.config.attachments_dir) / attachment["id"][:2] / attachment["id"]).is_file()

    assert c.get(url, headers=dinkes).status_code == 403  # not forwarded to anyone yet
    assert c.get(url).status_code == 401
    step(c, admin, fid, "forward", department_code="DINKES")
    assert c.get(url, headers=dinkes).status_code == 200
    assert c.get(url, headers=dishub).status_code == 403  # another department's operator
    # The staff pages' door is the same rule.
    page_url = f"/petugas/laporan/{fid}/lampiran/{attachment['id']}"
    for department, status in (("DINKES", 200), ("DISHUB", 403)):
        staff = consultation.app.test_client()
        sign_in_client(staff, "operator", department)
        assert staff.get(page_url).status_code == status, department


def test_a_file_that_claims_to_be_a_jpeg_but_is_not_is_refused(consultation):
    fake = b"MZ\x90\x00" + b"\x00" * 200  # a Windows program, renamed
    resp = send(consultation.client, files=[("foto.jpg", fake)], expect=422)
    page = resp.get_data(as_text=True)
    assert "Lampiran harus berupa foto JPEG/PNG atau dokumen PDF." in page
    assert "Lampu jalan di depan sekolah mati sebulan." in page  # the citizen's typing is kept
    broken = b"\xff\xd8\xff\xe0" + b"not the rest of a picture" * 10  # the right first bytes, then nothing
    assert "bukan gambar" in send(consultation.client, files=[("foto.jpg", broken)], expect=422).get_data(True)
    with consultation.db.sessions() as session:
        assert session.execute(select(Feedback)).first() is None
        assert session.execute(select(FeedbackAttachment)).first() is None


def test_at_most_three_files_of_five_megabytes(consultation):
    pdf = b"%PDF-1.4\n%%EOF\n"
    assert "paling banyak 3" in send(consultation.client, files=[(f"{i}.pdf", pdf) for i in range(4)],
                                     expect=422).get_data(as_text=True)
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
    assert "paling besar 5 MB" in send(consultation.client, files=[("besar.pdf", big)],
                                       expect=422).get_data(as_text=True)
    send(consultation.client, files=[(f"{i}.pdf", pdf) for i in range(3)])


def test_an_anonymous_report_keeps_no_contact(consultation, admin):
    c = consultation.client
    refused = send(c, privacy="anonymous", expect=422)
    assert "Laporan anonim tidak menyimpan kontak" in refused.get_data(as_text=True)
    via_api = c.post("/api/v1/feedback", json={**COMPLAINT, "privacy": "anonymous"})
    assert via_api.status_code == 422 and "contact" in via_api.get_json()["errors"]

    resp = send(c, privacy="anonymous", contact_email="")
    fid = feedback_id(consultation, tracking_id_of(resp))
    with consultation.db.sessions() as session:
        fb = session.get(Feedback, fid)
        assert (fb.contact_name, fb.contact_phone, fb.contact_email, fb.privacy) == (None, None, None, "anonymous")
        assert session.execute(select(MailNotification)).first() is None
    assert c.get(f"/api/v1/feedback/{fid}", headers=admin).get_json()["contact"] is None


def test_a_confidential_reports_text_is_never_on_a_public_page_nor_in_an_event(consultation, admin, dinkes):
    c = consultation.client
    secret = "Petugas loket meminta uang pelicin Rp50.000 agar KTP cepat jadi."
    resp = send(c, privacy="confidential", text=secret)
    tracking_id = tracking_id_of(resp)
    fid = feedback_id(consultation, tracking_id)
    step(c, admin, fid, "forward", department_code="DINKES")
    step(c, dinkes, fid, "respond", response="Petugas yang bersangkutan sudah diperiksa Inspektorat.")
    assert c.get(f"/api/v1/feedback/{fid}", headers=dinkes).get_json()["text"] == secret  # staff read it
    for public in (f"/lacak/{tracking_id}", "/lapor/publik", f"/api/v1/feedback/track/{tracking_id}",
                   f"/lapor/diterima/{tracking_id}"):
        assert secret not in c.get(public).get_data(as_text=True), public
    assert step(c, admin, fid, "publish", expect=409)["status"] == 409  # it was never the citizen's wish
    assert events(consultation) and secret not in json.dumps(events(consultation))
    assert "warga@example.id" not in json.dumps(events(consultation))
    assert all("tracking_id" not in e["data"] and "kecamatan" not in e["data"] for e in events(consultation))


def test_a_public_report_shows_its_text_only_after_moderation(consultation, admin):
    c = consultation.client
    text = "Jalan berlubang di Jalan Sudirman membahayakan pengendara motor."
    tracking_id = tracking_id_of(send(c, text=text))
    fid = feedback_id(consultation, tracking_id)
    assert text not in c.get(f"/lacak/{tracking_id}").get_data(as_text=True)
    assert text not in c.get("/lapor/publik").get_data(as_text=True)
    step(c, admin, fid, "publish")
    assert text in c.get(f"/lacak/{tracking_id}").get_data(as_text=True)
    listed = c.get("/lapor/publik").get_data(as_text=True)
    assert text in listed and "Kel. Berohol, Kec. Bajenis" in listed and "warga@example.id" not in listed
    step(c, admin, fid, "hide", reason="Menyebut nama orang.")
    assert text not in c.get("/lapor/publik").get_data(as_text=True)
    assert text not in c.get(f"/lacak/{tracking_id}").get_data(as_text=True)


def test_a_location_must_be_a_kelurahan_of_its_kecamatan(consultation):
    resp = send(consultation.client, lokasi="bajenis/pasar_baru", expect=422)
    assert "Pilih lokasi dari daftar." in resp.get_data(as_text=True)
    areas = consultation.client.get("/api/v1/areas").get_json()
    assert len(areas["kecamatan"]) == 5 and sum(len(k["kelurahan"]) for k in areas["kecamatan"]) == 35
    assert areas["kelurahan_confirmed"] is False


def test_retention_erases_the_text_contact_files_and_mail_but_keeps_the_record(consultation, admin):
    c = consultation.client
    tracking_id = tracking_id_of(send(c, files=[("foto.jpg", photo_with_gps((40, 30)))]))
    fid = feedback_id(consultation, tracking_id)
    step(c, admin, fid, "close", reason="Sudah ditangani langsung oleh kelurahan.")
    with consultation.db.sessions() as session:
        [attachment_id] = session.execute(select(FeedbackAttachment.id)).scalars().all()
    store = AttachmentStore(consultation.config.attachments_dir)
    assert store.path(attachment_id).is_file()

    retention = Retention(days=30)
    with consultation.db.transaction() as session:
        assert purge_expired(session, SYSTEM, utcnow(), retention, store) == 0  # closed just now: kept
    with consultation.db.transaction() as session:
        session.execute(update(Feedback).where(Feedback.id == fid).values(closed_at=utcnow() - timedelta(days=31)))
    with consultation.db.transaction() as session:
        assert purge_expired(session, SYSTEM, utcnow(), retention, store) == 1
    assert not store.path(attachment_id).exists()
    with consultation.db.sessions() as session:
        fb = session.get(Feedback, fid)
        assert (fb.text, fb.contact_email, fb.purged_at is not None) == ("", None, True)
        assert session.execute(select(MailNotification)).first() is None
    staff = c.get(f"/api/v1/feedback/{fid}", headers=admin).get_json()
    assert staff["attachments"] == [] and "dihapus" in staff["text"] and staff["close_reason"]
    assert c.get(f"/api/v1/feedback/track/{tracking_id}").get_json()["status"] == "closed"
