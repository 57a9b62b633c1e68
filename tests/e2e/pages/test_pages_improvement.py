"""The improvement loop in Chromium, with screenshots: the 2026 report recommends more training, BKPSDM turns
it into an action for DISDIK due in three months, DISDIK's operator starts it and finishes it with a note,
training records arrive for 2027, and the 2027 report shows the action done on time with the figure before
and after.

Real here: the four services on one address, the OpenID provider, Chromium; consultation's events reach
reporting over the real RabbitMQ (its relay and reporting's consumer). The training records are applied to
reporting as personnel would announce them (a completed training cannot end in the future in personnel).
"""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from services.reporting.db.models import ImprovementActionFact
from shared.web.pages import tanggal
from tests.consultation.helpers import department_event, policy
from tests.e2e.browser import screenshot
from tests.e2e.signin import sign_in
from tests.reporting import factories as ev
from tests.reporting.feed import Feed
from tests.support.oidc import ADMIN, OPERATOR_DISDIK
from tests.support.workers import running, wait_for

STAFF = 10


def teachers_trained(feed: Feed, year: int, trained: int) -> None:
    """DISDIK's ten PNS, and `trained` of them with 20 JP completed in `year`."""
    feed(*[ev.employee(f"guru-{i}", department_code="DISDIK") for i in range(STAFF)])
    feed(*[ev.training(record_id=f"jp-{year}-{i}", employee_id=f"guru-{i}", jp=20, department_code="DISDIK",
                       end=date(year, 5, 20)) for i in range(trained)])


def test_a_recommendation_is_followed_up_and_measured_the_next_year(suite_site, desktop_page, browser):
    url, consultation, reporting = suite_site.url, suite_site.services["consultation"], suite_site.services["reporting"]
    department_event(consultation, "DISDIK", "Dinas Pendidikan")
    feed = Feed(reporting.db)
    feed(ev.department("DISDIK", "Dinas Pendidikan"))
    teachers_trained(feed, 2026, 4)
    admin_api = {"Authorization": f"Bearer {suite_site.provider.user_token(ADMIN, 'asn-consultation')}"}
    training_policy = policy(consultation.client, admin_api, code="PERWAL-JP-2026", state="under_evaluation",
                             department_code="DISDIK")

    with running(relay=consultation.relay(), consumer=reporting.consumer()):
        # 1. The 2026 report recommends more training.
        staff = desktop_page
        sign_in(staff, url, ADMIN, service="consultation", next="/kebijakan/kelola")
        sign_in(staff, url, ADMIN, service="reporting", next="/laporan/DISDIK?periode=2026")
        recommendation = staff.locator(".recommendations li", has_text="Rencanakan pelatihan")
        assert "40,0 %" in recommendation.inner_text()
        screenshot(staff, "improvement-1-report-2026")

        # 2. BKPSDM turns it into an action for DISDIK, due in three months.
        recommendation.get_by_role("link", name=re.compile("Jadikan tindak lanjut")).click()
        staff.wait_for_url(re.compile(r".*/kebijakan/kelola/tindak-lanjut/baru\?.*"))
        assert staff.get_by_label("Perangkat daerah pelaksana").input_value() == "DISDIK"
        assert staff.get_by_label("Kebijakan yang ditindaklanjuti").input_value() == training_policy["id"]
        due = date.fromisoformat(staff.get_by_label("Tenggat").input_value())
        staff.get_by_label("Apa yang akan dikerjakan").fill("Pelatihan pembelajaran digital 20 JP bagi guru PNS")
        screenshot(staff, "improvement-2-new-action")
        staff.get_by_role("button", name="Simpan tindak lanjut").click()
        staff.get_by_role("button", name="Tetapkan rencana tindak lanjut").click()
        assert "Rencana tindak lanjut ditetapkan" in staff.locator(".flash").inner_text()
        screenshot(staff, "improvement-3-plan-adopted")

        # 3. DISDIK's operator marks it in progress, then done with a note.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
        operator = context.new_page()
        sign_in(operator, url, OPERATOR_DISDIK, service="consultation", next="/kebijakan/kelola/tindak-lanjut")
        action = operator.locator("article", has_text="Pelatihan pembelajaran digital")
        action.get_by_role("button", name="Mulai kerjakan").click()
        action = operator.locator("article", has_text="Pelatihan pembelajaran digital")
        assert "Sedang dikerjakan" in action.inner_text()
        action.get_by_label("Bukti pelaksanaan (catatan)").fill("Pelatihan selesai 20 Mei: 9 dari 10 guru PNS hadir.")
        action.get_by_role("button", name="Tandai selesai").click()
        done = operator.locator("article", has_text="Pelatihan pembelajaran digital")
        assert "Selesai" in done.inner_text() and "tepat waktu" in done.inner_text()
        screenshot(operator, "improvement-4-operator-done")
        context.close()

        def reporting_knows_it_is_done() -> bool:
            with reporting.db.sessions() as session:
                return session.execute(select(ImprovementActionFact.state)).scalar() == "done"

        wait_for(reporting_knows_it_is_done, message="the done action reaches reporting")

    # 4. Training records arrive for 2027.
    teachers_trained(feed, 2027, 9)

    # 5. The 2027 report's improvement section: done on time, the figure before and after.
    staff.goto(f"{url}/laporan/DISDIK?periode=2027")
    section = staff.locator("section", has=staff.locator("#bagian-tindak-lanjut"))
    text = section.inner_text()
    assert "Pelatihan pembelajaran digital 20 JP bagi guru PNS" in text and "Tepat waktu" in text
    assert "40,0 % → 90,0 % (ambang 80,0 %), kesenjangan tertutup" in text
    assert f"tenggat {tanggal(due)}" in text, text  # staff read dates as they write them
    screenshot(staff, "improvement-5-report-2027")
