"""The improvement section on the dashboard and in the PDF; "Jadikan tindak lanjut" for BKPSDM only."""
from __future__ import annotations

import io
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

from pypdf import PdfReader

from tests.reporting import factories as ev
from tests.support.signin import sign_in_client


def seed(feed):
    feed(ev.department("DINKES"))
    feed(*[ev.employee(f"e{i}") for i in range(10)])
    feed(*[ev.training(record_id=f"a{i}", employee_id=f"e{i}", jp=20, end=date(2026, 5, 1)) for i in range(4)])
    done = ev.improvement_action(state="done", done_at=datetime(2027, 2, 1, 3, tzinfo=UTC), done_on_time=True)
    feed(ev.improvement(done, sequence=5))
    feed(*[ev.training(record_id=f"b{i}", employee_id=f"e{i}", jp=20, end=date(2027, 5, 1)) for i in range(9)])


def test_bkpsdm_can_turn_a_recommendation_into_an_action_and_the_public_cannot(client, feed):
    seed(feed)
    public = client.get("/laporan/DINKES?periode=2026").get_data(as_text=True)
    assert "Rencanakan pelatihan" in public and "Jadikan tindak lanjut" not in public
    sign_in_client(client, "admin")
    html = client.get("/laporan/DINKES?periode=2026").get_data(as_text=True)
    link = html.split('href="/kebijakan/kelola/tindak-lanjut/baru?')[1].split('"')[0].replace("&amp;", "&")
    asked = {key: values[0] for key, values in parse_qs(urlsplit("?" + link).query).items()}
    assert (asked["cakupan"], asked["periode"], asked["aturan"], asked["nilai"], asked["ambang"]) == \
        ("DINKES", "2026", "pns_training", "0.4", "0.8")


def test_the_later_report_shows_the_action_and_the_figure_before_and_after(client, feed):
    seed(feed)
    public = client.get("/laporan/DINKES?periode=2027").get_data(as_text=True)
    assert "Tindak lanjut rekomendasi periode sebelumnya" in public
    assert "Pelatihan 20 JP bagi seluruh PNS" not in public  # the public sees counts per policy only
    sign_in_client(client, "admin")
    html = client.get("/laporan/DINKES?periode=2027").get_data(as_text=True)
    assert "Pelatihan 20 JP bagi seluruh PNS" in html and "Tepat waktu" in html
    assert "40,0 % → 90,0 % (ambang 80,0 %), kesenjangan tertutup" in html
    assert "DINKES, tenggat 1 Maret 2027)" in html and "2027-03-01" not in html  # dates as staff read them
    assert "(selesai 1 Februari 2027)" in html
    pdf = client.get("/laporan/DINKES/pdf?periode=2027")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "5. Tindak lanjut rekomendasi periode sebelumnya" in text and "kesenjangan tertutup" in text
    assert "tenggat 1 Maret 2027" in text and "2027-03-01" not in text


def test_a_repeated_recommendation_says_its_action_is_still_open(client, feed):
    feed(ev.department("DINKES"))
    feed(*[ev.employee(f"e{i}") for i in range(10)])
    feed(ev.improvement(ev.improvement_action(state="in_progress"), verb="action_started", sequence=4))
    sign_in_client(client, "admin")
    html = client.get("/laporan/DINKES?periode=2027").get_data(as_text=True)
    assert "Berulang: sudah ditindaklanjuti dalam rencana PERWALI-7 (2026)" in html
    assert "sedang dikerjakan, tenggat 1 Maret 2027." in html
    assert "Jadikan tindak lanjut<span" not in html.split("Berulang")[1].split("</li>")[0]
