"""The competence page and reporting's report agree on every figure, over the real broker: head count, JP against
20 JP and 24 JP, and leadership training judged with personnel's deadline (an 18-month window here, not
reporting's old 365 days) and its reading of the levels (PKN II ⊇ PKA ⊇ PKP)."""
from datetime import date, timedelta

from services.personnel.app import create_app
from services.personnel.config import Config
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.domain.dates import add_months, local_date
from shared.db import utcnow
from tests.conftest import ServiceUnderTest
from tests.support import seed
from tests.support.workers import running, wait_for

TODAY = local_date(utcnow())


def personnel_with_window(personnel, months: int) -> ServiceUnderTest:
    app = create_app(personnel.settings, db=personnel.db, config=Config(leadership=LeadershipWindow(months)))
    app.config["TESTING"] = True
    return ServiceUnderTest("personnel", personnel.settings, personnel.db, app)


def train(client, admin, emp, code, on: date, days: int = 1, **extra):
    """A training of `days` days ending on `on` (distinct lengths make distinct trainings)."""
    return seed.training(client, admin, emp["id"], programme_code=code,
                         start_date=(on - timedelta(days=days - 1)).isoformat(), end=on.isoformat(), **extra)


def page_figures(personnel, admin) -> tuple[dict, list]:
    body = personnel.client.get(f"/api/v1/departments/DINKES/competence?year={TODAY.year}", headers=admin).get_json()
    s = body["summary"]
    overdue = sorted((i["name"], i["leadership"]["due_date"]) for i in body["items"]
                     if i["leadership"]["state"] == "overdue")
    return {"headcount": s["employees"], "pns": s["pns"], "pns_at_minimum": s["pns_reached_minimum"],
            "pns_share": s["pns_share_at_minimum"], "pns_average": s["pns_average_jp"], "pppk": s["pppk"],
            "pppk_over_cap": s["pppk_over_cap"], "pppk_average": s["pppk_average_jp"], "average": s["average_jp"],
            "officials": s["leadership_required"], "done": s["leadership_done"],
            "within_window": s["leadership_within_window"], "overdue": s["leadership_overdue"],
            "no_tmt": s["leadership_no_tmt"]}, overdue


def report_figures(reporting, admin) -> tuple[dict, list]:
    resp = reporting.client.get(f"/api/v1/reports/DINKES?period={TODAY.year}", headers=admin)
    if resp.status_code != 200:
        return {}, []
    c = resp.get_json()["sections"]["competence"]
    jp, lead = c["jp"], c["leadership"]
    overdue = sorted((o["name"], o["due_date"]) for o in lead.get("overdue_officials", []))
    return {"headcount": c["headcount"]["n"], "pns": jp["pns"]["n"], "pns_at_minimum": jp["pns"]["at_minimum"],
            "pns_share": jp["pns"]["share_at_minimum"], "pns_average": jp["pns"]["average_jp"],
            "pppk": jp["pppk"]["n"], "pppk_over_cap": jp["pppk"]["over_cap"], "pppk_average": jp["pppk"]["average_jp"],
            "average": jp["all"]["average_jp"], "officials": lead["n"], "done": lead["with_training"],
            "within_window": lead["within_window"], "overdue": lead["overdue"], "no_tmt": lead["no_tmt"]}, overdue


def test_the_competence_page_and_the_report_agree_on_every_figure(personnel, reporting, tokens):
    admin = tokens("admin")
    svc = personnel_with_window(personnel, 18)
    c = svc.client
    seed.department(c, admin, "DINKES", "Dinas Kesehatan")
    seed.department(c, admin, "DISDIK", "Dinas Pendidikan")
    seed.programme(c, admin, "TEKNIS-01", jp=12)
    seed.programme(c, admin, "PKA", jp=240, kind="kepemimpinan", level="PKA")
    seed.programme(c, admin, "PKP", jp=180, kind="kepemimpinan", level="PKP")
    early = date(TODAY.year, 1, 2) if TODAY > date(TODAY.year, 1, 3) else TODAY
    with running(relay=svc.relay()), running(consumer=reporting.consumer()):
        reached = seed.employee(c, admin, name="Ani Siregar")
        below = seed.employee(c, admin, name="Beni Harahap")
        contract = seed.employee(c, admin, employee_type="PPPK", name="Cici Nasution")
        # A pengawas who completed PKA, the higher level: done.
        higher = seed.employee(c, admin, position_type="pengawas", name="Dedi Tanjung",
                               tmt_jabatan=(TODAY - timedelta(days=500)).isoformat())
        # An administrator 15 months in post: within an 18-month window (overdue after 365 days).
        seed.employee(c, admin, position_type="administrator", name="Eka Lubis",
                      tmt_jabatan=add_months(TODAY, -15).isoformat())
        # A head of department 20 months in post with only PKP: overdue for PKN II.
        head = seed.employee(c, admin, position_type="jpt_pratama", name="Fajar Nasution",
                             tmt_jabatan=add_months(TODAY, -20).isoformat())
        seed.employee(c, admin, position_type="pengawas", name="Gita Purba")  # no TMT recorded
        gone = seed.employee(c, admin, name="Hadi Sitepu")
        seed.employee(c, admin, "DISDIK", name="Indah Ginting")
        for n, (emp, code) in enumerate([(reached, "TEKNIS-01"), (reached, "TEKNIS-01"), (below, "TEKNIS-01"),
                                         (contract, "TEKNIS-01"), (contract, "TEKNIS-01"), (contract, "TEKNIS-01"),
                                         (gone, "TEKNIS-01")]):
            train(c, admin, emp, code, early, days=n + 1)
        train(c, admin, higher, "PKA", early)
        train(c, admin, head, "PKP", early)
        c.patch(f"/api/v1/employees/{gone['id']}", headers=admin, json={
            "status": "retired", "status_reason": "Batas usia pensiun", "decree_number": "SK-PENSIUN-7"})

        expected, expected_overdue = page_figures(svc, admin)
        # Leadership training is competence development too: its JP count towards the 20.
        assert expected == {"headcount": 7, "pns": 6, "pns_at_minimum": 3, "pns_share": 0.5,
                            "pns_average": round((24 + 12 + 240 + 180) / 6, 1), "pppk": 1, "pppk_over_cap": 1,
                            "pppk_average": 36.0, "average": round((24 + 12 + 36 + 240 + 180) / 7, 1),
                            "officials": 4, "done": 1, "within_window": 1, "overdue": 1, "no_tmt": 1}
        assert expected_overdue == [("Fajar Nasution", add_months(add_months(TODAY, -20), 18).isoformat())]
        wait_for(lambda: report_figures(reporting, admin) == (expected, expected_overdue), timeout=30,
                 message="the report's competence figures equal the competence page's")
