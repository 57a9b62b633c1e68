"""Consultation's pages, through the Flask client: the report form, its confirmation and tracking.

The pages of policies are tested in test_policy_pages.py."""
from __future__ import annotations

import re

from tests.consultation import helpers

REPORT = {"kind": "pengaduan", "category": "waktu_layanan",
          "text": "Antrean di puskesmas sangat lama, sudah tiga jam belum dilayani.",
          "contact_name": "Siti Aminah", "contact_phone": "081234567890", "contact_email": ""}


def send(client, **changes):
    return client.post("/lapor", data={**REPORT, **changes})


def tracking_id_of(html: str) -> str:
    return re.search(r'id="nomor-pelacakan">(TBT-[0-9A-Z-]+)<', html).group(1)


def test_a_report_gets_its_tracking_id_on_a_confirmation_page(consultation):
    sent = send(consultation.client)
    assert sent.status_code == 303 and "/lapor/diterima/TBT-" in sent.headers["Location"]
    page = consultation.client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Laporan Anda sudah masuk" in page and "Privasi: <strong>Rahasia</strong>" in page
    tracking_id = tracking_id_of(page)
    assert helpers.feedback_id(consultation, tracking_id)


def test_invalid_fields_get_messages_beside_them_and_the_typing_is_kept(consultation):
    page = send(consultation.client, kind="", text="Lama", contact_phone="12345")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'id="kind-error"' in html and "Pilih jenis laporan" in html
    assert 'id="text-error"' in html and "paling sedikit 10" in html
    assert 'id="contact_phone-error"' in html and "081234567890" in html
    assert 'id="category-error"' not in html
    assert ">Lama</textarea>" in html and 'value="Siti Aminah"' in html
    assert '<option value="waktu_layanan" selected>' in html


def test_the_tracking_page_shows_the_follow_up_but_nothing_private(consultation, admin):
    tracking_id = tracking_id_of(consultation.client.get(send(consultation.client).headers["Location"])
                                 .get_data(as_text=True))
    fid = helpers.feedback_id(consultation, tracking_id)
    c = consultation.client
    assert c.post(f"/api/v1/feedback/{fid}/forward", json={"department_code": "DINKES",
                                                           "note": "Diteruskan ke Dinas Kesehatan"},
                  headers=admin).status_code == 200
    assert c.post(f"/api/v1/feedback/{fid}/respond", json={"response": "Loket tambahan dibuka mulai Senin."},
                  headers=admin).status_code == 200
    page = c.get(f"/lacak/{tracking_id.lower()}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Ditindaklanjuti" in html and "Loket tambahan dibuka mulai Senin." in html
    assert "Diverifikasi dan diteruskan" in html and "Diteruskan ke Dinas Kesehatan" in html
    for private in ("Siti Aminah", "081234567890", REPORT["text"]):
        assert private not in html


def test_a_wrong_or_unknown_tracking_id_is_explained(consultation):
    c = consultation.client
    bad = c.get("/lacak?nomor=12345")
    assert bad.status_code == 422 and "tidak dikenali" in bad.get_data(as_text=True)
    unknown = c.get("/lacak/TBT-2026-AAAA-BBBB")
    assert unknown.status_code == 404 and "Tidak ada laporan" in unknown.get_data(as_text=True)
    typed = c.get("/lacak?nomor=tbt 2026 aaaa bbbb")
    assert typed.status_code == 303 and typed.headers["Location"].endswith("/lacak/TBT-2026-AAAA-BBBB")


def test_a_confirmation_for_an_unknown_tracking_id_is_an_indonesian_error_page(consultation):
    page = consultation.client.get("/lapor/diterima/TBT-2026-AAAA-BBBB")
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and "text/html" in page.content_type
    assert "Tidak ada laporan dengan nomor pelacakan ini" in html


def test_an_oversized_form_is_refused_with_a_page(consultation):
    # The form may carry 3 attachments of 5 MB; a body beyond that is no citizen's form.
    page = send(consultation.client, text="x" * (16 * 1024 * 1024))
    assert page.status_code == 413 and "text/html" in page.content_type
    assert "Isian terlalu besar" in page.get_data(as_text=True)
    assert helpers.events(consultation) == []
