"""Nothing of an open SKM campaign is public: the public report, dashboard, PDF and announcements read closed
campaigns only; staff views show open ones labelled provisional ("sementara")."""
from __future__ import annotations

from datetime import date

from services.reporting.domain.periods import parse_period
from services.reporting.domain.rules import ReportRules
from services.reporting.reports.headline import headlines
from tests.reporting import factories as ev

OPEN_NRR = {f"u{i}": 2.4 for i in range(1, 10)}  # converted 60.00, grade D: a figure nobody may see yet


def feed_unit(feed, *, open_now: bool = True, earlier: bool = False):
    feed(ev.department("DINKES"))
    if earlier:
        feed(ev.results("cmp-2025", period_start=date(2025, 7, 1), period_end=date(2025, 12, 31), label="2025-S2",
                        nrr={f"u{i}": 3.2 for i in range(1, 10)}, respondents=150))
    feed(ev.results("cmp-2026", nrr=OPEN_NRR, respondents=40, status="open" if open_now else "closed",
                    mutu="D", sequence=2 if open_now else 3))


def test_the_public_report_and_dashboard_show_nothing_of_an_open_campaign(client, feed, tokens):
    feed_unit(feed)
    public = client.get("/api/v1/reports/DINKES?period=2026").get_json()["sections"]["satisfaction"]
    assert (public["n"], public["converted"], public["nrr"], public["units"]) == (0, None, [], 0)
    page = client.get("/laporan/DINKES?periode=2026").get_data(as_text=True)
    assert "60,00" not in page and "sementara" not in page.lower()
    staff = client.get("/api/v1/reports/DINKES?period=2026", headers=tokens("viewer")).get_json()
    section = staff["sections"]["satisfaction"]
    assert (section["n"], section["converted"], section["provisional_units"]) == (40, 60.0, 1)
    assert any(r["rule"] == "weakest_unsur" for r in staff["recommendations"])


def test_a_staff_dashboard_labels_open_figures_provisional(client, feed, tokens):
    feed_unit(feed)
    page = client.get("/laporan/DINKES?periode=2026", headers=tokens("admin")).get_data(as_text=True)
    assert 'id="ikm-sementara"' in page and "1 unit layanan masih membuka survei" in page
    assert "sementara: survei masih dibuka" in page and "60,00" in page


def test_the_public_sees_the_last_closed_campaign_until_the_new_one_closes(client, feed):
    feed_unit(feed, earlier=True)
    before = client.get("/api/v1/reports/DINKES?period=2026").get_json()["sections"]["satisfaction"]
    assert before["converted"] == 80.0 and before["period_labels"] == ["2025-S2"]
    feed(ev.results("cmp-2026", nrr=OPEN_NRR, respondents=40, status="closed", mutu="D", sequence=3))
    after = client.get("/api/v1/reports/DINKES?period=2026").get_json()["sections"]["satisfaction"]
    assert after["converted"] == 60.0 and after["period_labels"] == ["2026-S1"] and not after["provisional"]
    assert after["trend"]["delta"] == -20.0


def test_announced_headlines_carry_closed_campaigns_only(rdb, feed):
    feed_unit(feed, earlier=True)
    with rdb.sessions() as session:
        figures = headlines(session, parse_period("2026"), {"DINKES", "CITY"}, ReportRules())
    assert figures["DINKES"]["ikm_converted"] == 80.0 and figures["CITY"]["survey_respondents"] == 150
