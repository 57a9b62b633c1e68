"""Reporting's pages, through the Flask client: the dashboard per view, its revision, and the PDF's text."""
from __future__ import annotations

import io
import json
import re
from datetime import date

from pypdf import PdfReader

from tests.reporting import factories as ev
from tests.support.signin import sign_in_client


def seed(feed):
    feed(ev.department("DINKES"))
    feed(*[ev.employee(f"e{i}") for i in range(6)])
    feed(ev.employee("boss", position_type="jpt_pratama", tmt_jabatan=date(2024, 1, 2), name="Ir. Sutan Batubara"))
    feed(ev.training(record_id="r1", employee_id="e1", jp=24))
    feed(ev.results(converted=78.25))
    feed(*[ev.feedback(feedback_id=f"fb-{i}") for i in range(5)])


def chart_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="data-grafik">(.*?)</script>', html, re.S)
                      .group(1))


def test_the_public_dashboard_shows_aggregates_with_their_charts_and_no_names(client, feed):
    seed(feed)
    page = client.get("/laporan/kota?periode=2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="id"' in html
    assert "Tampilan publik" in html and "Ir. Sutan Batubara" not in html
    assert "chart.umd.min.js" in html and "78,25" in html
    charts = chart_data(html)
    ids = {c["id"] for section in charts.values() for c in section}
    assert ids == {"ikm-unsur", "ikm-trend", "jp-departments", "leadership", "response-deadlines",
                   "feedback-category"}
    jp = charts["competence"][0]
    assert jp["labels"] == ["Dinas Kesehatan"] and jp["series"][0]["data"] == [round(100 / 7, 1)]
    leadership = charts["competence"][1]
    assert leadership["series"][0]["data"] == [None, None, None]  # one official: suppressed for the public
    unsur = charts["satisfaction"][0]
    assert unsur["bands"][0]["grade"] == "D" and unsur["bands"][-1]["to"] == 4.0


def test_signed_in_staff_see_the_full_view_and_the_public_view_after_signing_out(client, feed):
    seed(feed)
    public = client.get("/laporan/DINKES?periode=2026").get_data(as_text=True)
    assert "Tampilan publik" in public and 'href="/akun/reporting/masuk?next=/laporan/DINKES?periode%3D2026"' in public
    sign_in_client(client, "admin", name="Rina Siregar")
    html = client.get("/laporan/DINKES?periode=2026").get_data(as_text=True)
    assert "Tampilan lengkap" in html and "Ir. Sutan Batubara" in html and "Rina Siregar" in html
    assert client.post("/akun/reporting/keluar", data={}).status_code == 303
    assert "Tampilan publik" in client.get("/laporan/DINKES?periode=2026").get_data(as_text=True)


def test_a_header_token_works_too(client, feed, tokens):
    seed(feed)
    viewer = client.get("/laporan/DINKES?periode=2026", headers=tokens("viewer")).get_data(as_text=True)
    assert "Tampilan internal" in viewer and "Ir. Sutan Batubara" not in viewer


def test_refusals_are_indonesian_error_pages_that_say_why(client, feed, tokens):
    seed(feed)
    other = client.get("/laporan/DINKES?periode=2026", headers=tokens("operator", "DISHUB"))
    text = other.get_data(as_text=True)
    assert other.status_code == 403 and "Akses ditolak" in text
    assert "Operator DISHUB hanya dapat membuka laporan perangkat daerahnya sendiri" in text
    bad_period = client.get("/laporan/kota?periode=kemarin")
    assert bad_period.status_code == 422 and "2026-Q3" in bad_period.get_data(as_text=True)
    bad_scope = client.get("/laporan/dinas!kesehatan/pdf?periode=2026")
    assert bad_scope.status_code == 422 and "bukan kode perangkat daerah" in bad_scope.get_data(as_text=True)
    missing = client.get("/laporan/NOPE?periode=2026")
    assert missing.status_code == 404
    assert "Belum ada laporan untuk perangkat daerah NOPE" in missing.get_data(as_text=True)
    assert missing.content_type.startswith("text/html")


def test_the_revision_endpoint_moves_when_an_event_arrives(client, feed):
    seed(feed)
    before = client.get("/laporan/kota/revisi?periode=2026").get_json()
    feed(ev.training(record_id="r2", employee_id="e2", jp=20))
    after = client.get("/laporan/kota/revisi?periode=2026").get_json()
    assert after["revision"] == before["revision"] + 1 and after["as_of"]


def test_the_pdf_carries_letterhead_period_ikm_and_revision(client, feed):
    seed(feed)
    revision = client.get("/laporan/kota/revisi?periode=2026").get_json()["revision"]
    resp = client.get("/laporan/kota/pdf?periode=2026")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert 'filename="laporan-evaluasi-kota-2026.pdf"' in resp.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(resp.data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "PEMERINTAH KOTA TEBING TINGGI" in text
    assert "Tahun 2026" in text and "1 Januari 2026 s.d. 31 Desember 2026" in text
    assert "78,25" in text and "Nilai IKM" in text
    assert re.search(rf"Revisi\s*{revision}\b", text)
    assert "Data per (as_of)" in text
    assert "Ir. Sutan Batubara" not in text
