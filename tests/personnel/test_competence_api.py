"""The competence view: JP against 20 (PNS) / 24 (PPPK), and leadership training due after TMT jabatan."""
from datetime import date, timedelta

import pytest

from services.personnel.app import create_app
from services.personnel.config import Config
from services.personnel.domain.competence import LeadershipWindow
from services.personnel.domain.dates import add_months
from tests.support import seed

TODAY = date.today()


@pytest.fixture
def programmes(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    seed.programme(api.client, api.admin, "TEKNIS-02", jp=8)
    seed.programme(api.client, api.admin, "PKN-II", jp=200, kind="kepemimpinan", level="PKN_II")
    seed.programme(api.client, api.admin, "PKP", jp=150, kind="kepemimpinan", level="PKP")


def train(api, emp_id, code, on=TODAY, **extra):
    return seed.training(api.client, api.admin, emp_id, programme_code=code, start_date=on.isoformat(),
                         end=on.isoformat(), **extra)


def view(api, emp_id, year=TODAY.year, headers=None):
    resp = api.client.get(f"/api/v1/employees/{emp_id}/competence?year={year}", headers=headers or api.viewer)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def days_ago(n):
    return (TODAY - timedelta(days=n)).isoformat()


def test_a_pns_reaches_the_20_jp_minimum_with_completed_training_only(api, programmes):
    emp = api.employee()
    train(api, emp["id"], "TEKNIS-01")
    assert view(api, emp["id"])["jp"] == {"total": 12, "minimum": 20, "cap": None, "reached_minimum": False,
                                          "over_cap": None, "shortfall": 8}
    revoked = train(api, emp["id"], "TEKNIS-02")
    api.client.post(f"/api/v1/training-records/{revoked['id']}/revoke", json={"reason": "duplicate"},
                    headers=api.admin)
    train(api, emp["id"], "TEKNIS-02", on=TODAY + timedelta(days=1), status="planned")
    assert view(api, emp["id"])["jp"]["total"] == 12
    train(api, emp["id"], "TEKNIS-02")
    assert view(api, emp["id"])["jp"]["reached_minimum"] is True


def test_training_counts_in_the_year_it_ended(api, programmes):
    emp = api.employee()
    train(api, emp["id"], "TEKNIS-01", on=date(TODAY.year - 1, 12, 30))
    assert view(api, emp["id"])["jp"]["total"] == 0
    last_year = view(api, emp["id"], TODAY.year - 1)
    assert (last_year["jp"]["total"], last_year["as_of"]) == (12, f"{TODAY.year - 1}-12-31")


def test_a_pppk_is_judged_against_the_24_jp_cap(api, programmes):
    emp = api.employee(employee_type="PPPK")
    train(api, emp["id"], "TEKNIS-01", on=date(2025, 3, 10))
    train(api, emp["id"], "TEKNIS-01", on=date(2025, 9, 15), certificate_number="B")
    jp = view(api, emp["id"], 2025)["jp"]
    assert (jp["total"], jp["cap"], jp["over_cap"], jp["minimum"]) == (24, 24, False, None)
    train(api, emp["id"], "TEKNIS-02", on=date(2025, 10, 1))
    assert view(api, emp["id"], 2025)["jp"]["over_cap"] is True


def test_a_new_head_of_department_owes_pkn_ii_within_a_year_of_tmt(api, programmes):
    tmt = TODAY - timedelta(days=30)
    emp = api.employee(position_type="jpt_pratama", tmt_jabatan=tmt.isoformat())
    lead = view(api, emp["id"])["leadership"]
    assert lead == {"required_level": "PKN_II", "due_date": add_months(tmt, 12).isoformat(),
                    "done": False, "overdue": False, "within_window": True, "state": "within_window",
                    "due_soon": False, "met_on": None, "highest_level": None}
    train(api, emp["id"], "PKN-II", on=TODAY - timedelta(days=1))
    assert view(api, emp["id"])["leadership"]["done"] is True


def test_leadership_training_is_overdue_after_the_window(api, programmes):
    emp = api.employee(position_type="jpt_pratama", tmt_jabatan=days_ago(400))
    train(api, emp["id"], "PKP")  # a lower level does not count for a head of department
    lead = view(api, emp["id"])["leadership"]
    assert (lead["required_level"], lead["done"], lead["overdue"], lead["state"]) == (
        "PKN_II", False, True, "overdue")
    assert lead["highest_level"] == "PKP"


def test_a_higher_level_satisfies_a_lower_requirement(api, programmes):
    """PKN II ⊇ PKA ⊇ PKP: a pengawas who completed PKN II is not overdue for PKP."""
    emp = api.employee(position_type="pengawas", tmt_jabatan=days_ago(400))
    done_on = TODAY - timedelta(days=10)
    train(api, emp["id"], "PKN-II", on=done_on)
    lead = view(api, emp["id"])["leadership"]
    assert (lead["required_level"], lead["done"], lead["overdue"], lead["state"], lead["met_on"]) == (
        "PKP", True, False, "done", done_on.isoformat())


def test_the_deadline_is_the_anniversary_of_tmt_not_365_days(api, programmes):
    emp = api.employee(position_type="administrator", tmt_jabatan="2024-01-15")
    lead = view(api, emp["id"], 2024)["leadership"]  # judged as it stood on 31 December 2024
    assert lead == {"required_level": "PKA", "due_date": "2025-01-15", "done": False, "overdue": False,
                    "within_window": True, "state": "within_window", "due_soon": True, "met_on": None,
                    "highest_level": None}  # due within three months of the day judged


def test_the_window_is_a_setting_read_at_start(api, programmes):
    tmt = TODAY - timedelta(days=400)
    emp = api.employee(position_type="administrator", tmt_jabatan=tmt.isoformat())
    assert view(api, emp["id"])["leadership"]["overdue"] is True  # the default: 12 months
    app = create_app(api.svc.settings, db=api.db, config=Config(leadership=LeadershipWindow(months=24)))
    resp = app.test_client().get(f"/api/v1/employees/{emp['id']}/competence", headers=api.viewer)
    lead = resp.get_json()["leadership"]
    assert (lead["required_level"], lead["overdue"], lead["due_date"]) == (
        "PKA", False, add_months(tmt, 24).isoformat())


def test_a_pelaksana_needs_no_leadership_training(api, programmes):
    emp = api.employee(position_type="pelaksana", tmt_jabatan=days_ago(900))
    assert view(api, emp["id"])["leadership"] == {"required_level": None, "due_date": None, "done": True,
                                                  "overdue": False, "within_window": False, "state": None,
                                                  "due_soon": False, "met_on": None, "highest_level": None}


def test_the_department_view_lists_active_staff_with_totals(api, programmes):
    head = api.employee(position_type="jpt_pratama", tmt_jabatan=days_ago(400), name="A Kepala")
    staff = api.employee(name="B Staf")
    contract = api.employee(employee_type="PPPK", name="C Kontrak")
    gone = api.employee(name="D Pensiun")
    api.employee("DISDIK", name="E Guru")
    train(api, staff["id"], "TEKNIS-01")
    train(api, staff["id"], "TEKNIS-02")
    train(api, contract["id"], "PKP")
    train(api, gone["id"], "TEKNIS-01")
    api.client.patch(f"/api/v1/employees/{gone['id']}", json={"status": "retired", "status_reason": "Batas usia pensiun", "decree_number": "SK-PENSIUN-1"}, headers=api.admin)

    resp = api.client.get(f"/api/v1/departments/DINKES/competence?year={TODAY.year}", headers=api.disdik)
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert [i["name"] for i in body["items"]] == ["A Kepala", "B Staf", "C Kontrak"]
    assert body["items"][0]["leadership"]["overdue"] is True
    assert body["summary"] == {"employees": 3, "pns": 2, "pns_reached_minimum": 1, "pns_share_at_minimum": 0.5,
                               "pns_average_jp": 10.0, "pppk": 1, "pppk_over_cap": 1, "pppk_average_jp": 150.0,
                               "jp_total": 170, "average_jp": 56.7, "leadership_required": 1, "leadership_done": 0,
                               "leadership_within_window": 0, "leadership_overdue": 1, "leadership_no_tmt": 0,
                               "leadership_due_soon": 0}
    assert body["items"][0]["nip"] is None  # personal data: not for another department's operator
    assert head["id"] == body["items"][0]["employee_id"]


def test_bad_questions_get_clear_answers(api, programmes):
    emp = api.employee()
    assert api.client.get(f"/api/v1/employees/{emp['id']}/competence?year=1800",
                          headers=api.admin).status_code == 422
    assert api.client.get(f"/api/v1/employees/{emp['id']}/competence?year=soon",
                          headers=api.admin).status_code == 422
    assert api.client.get("/api/v1/employees/nobody/competence", headers=api.admin).status_code == 404
    assert api.client.get("/api/v1/departments/NOPE/competence", headers=api.admin).status_code == 404
    assert api.client.get(f"/api/v1/employees/{emp['id']}/competence").status_code == 401
    assert view(api, emp["id"], headers=api.admin)["year"] == TODAY.year
