"""The reports API: JSON and CSV, the list, and who sees what (names, suppression, 403/404/422)."""
from datetime import date

from tests.reporting import factories as ev


def seed_department(feed, code="DINKES", staff=6):
    feed(ev.department(code))
    feed(*[ev.employee(f"{code}-e{i}", department_code=code) for i in range(staff)])
    feed(ev.employee(f"{code}-boss", department_code=code, position_type="jpt_pratama",
                     tmt_jabatan=date(2024, 1, 2), name="Ir. Sutan Batubara"))
    feed(ev.training(record_id=f"{code}-r1", employee_id=f"{code}-e1", jp=24, department_code=code))


def test_admin_reads_the_full_report_with_overdue_officials_by_name(client, feed, tokens):
    seed_department(feed)
    resp = client.get("/api/v1/reports/DINKES?period=2026", headers=tokens("admin"))
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["view"] == "full" and body["revision"] >= 3 and body["as_of"]
    assert body["sections"]["competence"]["headcount"]["n"] == 7
    names = [o["name"] for o in body["sections"]["competence"]["leadership"]["overdue_officials"]]
    assert names == ["Ir. Sutan Batubara"]
    assert {r["rule"] for r in body["recommendations"]} >= {"pns_training", "leadership_overdue"}


def test_operator_reads_own_department_with_names_but_not_another(client, feed, tokens):
    seed_department(feed)
    seed_department(feed, "DISHUB")
    own = client.get("/api/v1/reports/dinkes?period=2026", headers=tokens("operator", "DINKES")).get_json()
    assert own["view"] == "full"
    other = client.get("/api/v1/reports/DISHUB?period=2026", headers=tokens("operator", "DINKES"))
    assert other.status_code == 403
    assert other.content_type.startswith("application/problem+json")
    city = client.get("/api/v1/reports/city?period=2026", headers=tokens("operator", "DINKES")).get_json()
    assert city["view"] == "internal"
    assert "overdue_officials" not in city["sections"]["competence"]["leadership"]


def test_viewer_gets_figures_without_names(client, feed, tokens):
    seed_department(feed)
    body = client.get("/api/v1/reports/DINKES?period=2026", headers=tokens("viewer")).get_json()
    assert body["view"] == "internal"
    leadership = body["sections"]["competence"]["leadership"]
    assert leadership["overdue"] == 1 and "overdue_officials" not in leadership


def test_public_view_has_no_names_and_suppresses_groups_under_five(client, feed):
    seed_department(feed)
    feed(ev.employee("pppk-1", employee_type="PPPK"))
    body = client.get("/api/v1/reports/DINKES?period=2026").get_json()
    assert body["view"] == "public"
    competence = body["sections"]["competence"]
    assert competence["headcount"]["n"] == 8 and competence["headcount"]["pns"]["n"] == 7
    assert competence["headcount"]["pppk"] == {"n": None, "suppressed": True}
    assert competence["leadership"]["overdue"] is None and competence["leadership"]["suppressed"]
    assert "overdue_officials" not in competence["leadership"]
    assert "Ir. Sutan Batubara" not in str(body)
    assert "leadership_overdue" not in {r["rule"] for r in body["recommendations"]}


def test_csv_per_section(client, feed, tokens):
    seed_department(feed)
    resp = client.get("/api/v1/reports/DINKES?period=2026&format=csv&section=competence", headers=tokens("admin"))
    assert resp.status_code == 200
    assert resp.mimetype == "text/csv"
    lines = resp.get_data(as_text=True).splitlines()
    assert lines[0] == "scope,period,revision,as_of,figure,value"
    assert any(line.split(",")[4:6] == ["headcount.n", "7"] for line in lines)
    recs = client.get("/api/v1/reports/DINKES?period=2026&format=csv&section=recommendations",
                      headers=tokens("admin")).get_data(as_text=True)
    assert "pns_training" in recs


def test_a_name_that_is_a_formula_stays_text_in_the_csv(client, feed, tokens):
    feed(ev.department("DINKES"))
    feed(ev.employee("evil", position_type="jpt_pratama", tmt_jabatan=date(2024, 1, 2),
                     name='=HYPERLINK("http://evil.example","klik")'))
    csv_text = client.get("/api/v1/reports/DINKES?period=2026&format=csv&section=competence",
                          headers=tokens("admin")).get_data(as_text=True)
    assert "HYPERLINK" in csv_text
    assert all(not cell.lstrip('"').startswith("=") for line in csv_text.splitlines() for cell in line.split(","))
    assert "'=HYPERLINK" in csv_text


def test_bad_requests_are_clear(client, feed, tokens):
    seed_department(feed)
    admin = tokens("admin")
    resp = client.get("/api/v1/reports/DINKES?period=2026-Q5", headers=admin)
    assert resp.status_code == 422 and "period" in resp.get_json()["errors"]
    resp = client.get("/api/v1/reports/DINKES?period=2026&format=csv", headers=admin)
    assert resp.status_code == 422 and "section" in resp.get_json()["errors"]
    resp = client.get("/api/v1/reports/DINKES", headers=admin)
    assert resp.status_code == 422


def test_refusals_are_problem_documents_that_say_why(client, feed, tokens):
    seed_department(feed)
    forbidden = client.get("/api/v1/reports/DINKES?period=2026", headers=tokens("operator", "DISHUB"))
    assert forbidden.status_code == 403 and forbidden.content_type == "application/problem+json"
    assert "department 'DISHUB'" in forbidden.get_json()["detail"]
    missing = client.get("/api/v1/reports/NOPE?period=2026", headers=tokens("admin"))
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"
    assert "No report for department 'NOPE'" in missing.get_json()["detail"]
    invalid = client.get("/api/v1/reports/dinas!kesehatan?period=2026")
    assert invalid.status_code == 422 and invalid.content_type == "application/problem+json"
    assert "is not a department code" in invalid.get_json()["errors"]["scope"][0]
    listed = client.get("/api/v1/reports?department=dinas!kesehatan")
    assert listed.status_code == 422 and "scope" in listed.get_json()["errors"]


def test_list_filters_by_department_and_period(client, feed):
    seed_department(feed)
    seed_department(feed, "DISHUB")
    body = client.get("/api/v1/reports?department=DINKES&period=2026").get_json()
    assert [(r["scope"], r["period"]) for r in body["items"]] == [("DINKES", "2026")]
    assert body["items"][0]["href"] == "/api/v1/reports/DINKES?period=2026"
    city = client.get("/api/v1/reports?department=city&year=2026").get_json()
    assert {r["period"] for r in city["items"]} >= {"2026", "2026-S1", "2026-Q1"}
    assert all(r["department_code"] is None for r in city["items"])
