"""The evaluation dashboard in Chromium: every section's charts, and a chart that moves by itself when a
training record added in personnel reaches reporting over the real RabbitMQ."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.e2e.browser import screenshot, serious_accessibility_problems, served
from tests.reporting import factories as ev
from tests.reporting.feed import Feed
from tests.support import seed
from tests.support.workers import running, wait_for

CHART_IDS = ("ikm-unsur", "ikm-trend", "jp-departments", "leadership", "response-deadlines", "feedback-category")


def chart_values(page, chart_id: str, series: int = 0) -> list:
    return page.evaluate("([id, i]) => Chart.getChart('chart-' + id).data.datasets[i].data", [chart_id, series])


@pytest.fixture
def reporting_site(start_service):
    svc = start_service("reporting", ratelimit_public="1000/minute")
    with served(svc.app) as url:
        svc.url = url
        yield svc


def test_the_dashboard_shows_each_section_with_its_charts(reporting_site, desktop_page, browser):
    feed = Feed(reporting_site.db)
    for code, name in (("DINKES", "Dinas Kesehatan"), ("DISHUB", "Dinas Perhubungan")):
        feed(ev.department(code, name))
        feed(*[ev.employee(f"{code}-{i}", department_code=code) for i in range(8)])
        feed(*[ev.training(record_id=f"{code}-r{i}", employee_id=f"{code}-{i}", jp=24, department_code=code)
               for i in range(6 if code == "DISHUB" else 3)])
    feed(*[ev.employee(f"head-{i}", position_type="administrator", tmt_jabatan=date(2024, 2, 1)) for i in range(5)])
    feed(ev.results(campaign_id="q2", converted=None, label="2026-S1"),
         ev.results(campaign_id="q1", label="2025-S2", period_start=date(2025, 7, 1), period_end=date(2025, 12, 31),
                    nrr={f"u{i}": 3.4 for i in range(1, 10)}))
    feed(*[ev.feedback(feedback_id=f"fb-{i}", category=("waktu_layanan", "perilaku_petugas")[i % 2], verb="responded",
                       sequence=3, status="responded", forwarded_at=datetime(2026, 3, 3, 2, tzinfo=UTC),
                       responded_at=datetime(2026, 3, 6, 2, tzinfo=UTC), forward_deadline_met=True,
                       follow_up_deadline_met=i % 3 != 0) for i in range(9)])

    desktop_page.goto(f"{reporting_site.url}/laporan")
    assert serious_accessibility_problems(desktop_page) == []
    desktop_page.get_by_label("Cakupan laporan").select_option("kota")
    desktop_page.get_by_label("Periode").select_option("2026")
    desktop_page.get_by_role("button", name="Tampilkan laporan").click()
    desktop_page.wait_for_function("() => typeof Chart !== 'undefined' && Chart.getChart('chart-ikm-unsur')")
    assert desktop_page.url.endswith("/laporan/kota?periode=2026")
    for chart_id in CHART_IDS:
        assert desktop_page.locator(f"#chart-{chart_id}").is_visible(), chart_id
    assert chart_values(desktop_page, "jp-departments") == [23.1, 75]  # 3 of 13 and 6 of 8 PNS
    assert chart_values(desktop_page, "leadership", 2) == [0, 5, 0]  # five administrators overdue
    assert desktop_page.locator(".recommendations li").count() >= 2
    screenshot(desktop_page, "dashboard-city")
    assert serious_accessibility_problems(desktop_page) == []

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    phone = context.new_page()
    phone.goto(f"{reporting_site.url}/laporan/DINKES?periode=2026")
    phone.wait_for_function("() => typeof Chart !== 'undefined' && Chart.getChart('chart-jp-departments')")
    screenshot(phone, "dashboard-department-phone")
    context.close()


def test_a_chart_changes_when_a_training_record_reaches_reporting(start_service, personnel, tokens, desktop_page):
    reporting = start_service("reporting", ratelimit_public="1000/minute")
    admin = tokens("admin")
    c = personnel.client
    with running(relay=personnel.relay()), running(consumer=reporting.consumer()), served(reporting.app) as url:
        seed.department(c, admin)
        staff = [seed.employee(c, admin) for _ in range(5)]
        seed.programme(c, admin, code="DIGI-01", jp=20)

        def headcount():
            body = reporting.client.get("/api/v1/reports/DINKES?period=2026", headers=admin).get_json()
            return body.get("sections", {}).get("competence", {}).get("headcount", {}).get("n") == 5

        wait_for(headcount, message="five PNS of DINKES in reporting")
        desktop_page.goto(f"{url}/laporan/kota?periode=2026&interval=1")
        desktop_page.wait_for_function("() => typeof Chart !== 'undefined' && Chart.getChart('chart-jp-departments')")
        assert chart_values(desktop_page, "jp-departments") == [0]
        before = desktop_page.locator("#revisi").inner_text()

        seed.training(c, admin, staff[0]["id"], programme_code="DIGI-01")
        desktop_page.wait_for_function(
            "() => { const c = Chart.getChart('chart-jp-departments'); return c && c.data.datasets[0].data[0] === 20; }",
            timeout=15_000)
        assert int(desktop_page.locator("#revisi").inner_text()) > int(before)
        assert "diperbarui ke revisi" in desktop_page.locator("#status-pembaruan").inner_text()
        desktop_page.locator("#bagian-kompetensi").scroll_into_view_if_needed()
        screenshot(desktop_page, "dashboard-chart-after-training")
