"""Settings given at start reach the report, its recommendations, the dashboard and the announcement;
changing the environment afterwards changes nothing until the service restarts."""
import json
from datetime import date

from sqlalchemy import select

from services.reporting.app import create_app
from services.reporting.config import load_config
from services.reporting.db.models import plumbing
from services.reporting.workflow.announce import ReportAnnouncer
from shared.config import load_settings
from tests.reporting import factories as ev
from tests.reporting.test_reports_api import seed_department

SECRET = "test-secret-at-least-32-bytes-long!!"


def settings_for(rdb):
    return load_settings("reporting", database_url=rdb.url, jwt_secret=SECRET, migrate_on_start=False)


def client_with(rdb, env: dict | None):
    """Reporting's web app started with these environment variables (None: the process's own)."""
    app = create_app(settings_for(rdb), db=rdb, config=load_config(env))
    app.config["TESTING"] = True
    return app.test_client()


def recommendation_rules(client, tokens):
    body = client.get("/api/v1/reports/DINKES?period=2026", headers=tokens("admin")).get_json()
    return {r["rule"] for r in body["recommendations"]}


def test_a_threshold_given_at_start_changes_the_recommendations(rdb, feed, tokens):
    seed_department(feed)  # 1 of 7 PNS has 20 JP: 14 %, under the 80 % target
    assert "pns_training" in recommendation_rules(client_with(rdb, {}), tokens)
    lenient = client_with(rdb, {"REPORT_RECOMMENDATION_THRESHOLDS": '{"pns_at_minimum_share_below": 0.1}'})
    assert "pns_training" not in recommendation_rules(lenient, tokens)
    assert "leadership_overdue" in recommendation_rules(lenient, tokens)  # the other rules keep their defaults


def test_a_jp_minimum_given_at_start_changes_the_figures_the_rule_text_and_the_dashboard(rdb, feed, tokens):
    seed_department(feed)  # the one trained PNS has 24 JP
    stricter = client_with(rdb, {"REPORT_PNS_MIN_JP": "25"})
    jp = stricter.get("/api/v1/reports/DINKES?period=2026", headers=tokens("admin")).get_json()[
        "sections"]["competence"]["jp"]
    assert (jp["pns"]["minimum"], jp["pns"]["at_minimum"]) == (25, 0) and "minimal 25 JP" in jp["rule"]
    html = stricter.get("/laporan/DINKES?periode=2026", headers=tokens("admin")).get_data(as_text=True)
    assert "PNS mencapai 25 JP" in html


def test_the_public_minimum_group_given_at_start_decides_what_is_suppressed(rdb, feed):
    seed_department(feed)
    feed(ev.employee("pppk-1", employee_type="PPPK"))
    pppk = lambda client: client.get("/api/v1/reports/DINKES?period=2026").get_json()[  # noqa: E731
        "sections"]["competence"]["headcount"]["pppk"]
    assert pppk(client_with(rdb, {})) == {"n": None, "suppressed": True}
    assert pppk(client_with(rdb, {"REPORT_PUBLIC_MIN_GROUP": "1"})) == {"n": 1}


def test_the_environment_is_read_at_start_not_on_every_request(rdb, feed, tokens, monkeypatch):
    seed_department(feed)
    monkeypatch.delenv("REPORT_PNS_MIN_JP", raising=False)
    started = client_with(rdb, None)  # reads the environment now, as a service does when it starts
    monkeypatch.setenv("REPORT_PNS_MIN_JP", "25")
    jp = started.get("/api/v1/reports/DINKES?period=2026", headers=tokens("admin")).get_json()[
        "sections"]["competence"]["jp"]["pns"]
    assert (jp["minimum"], jp["at_minimum"]) == (20, 1)


def test_the_announced_headline_applies_the_rules_given_at_start(rdb, feed):
    feed(ev.employee("e0"), ev.employee("e1"))
    feed(ev.training("r1", "e0", jp=24, end=date(2026, 3, 10)))
    announcer = ReportAnnouncer(settings_for(rdb), rdb, load_config({"REPORT_PNS_MIN_JP": "25"}).rules)
    announcer.announce_pending()
    with rdb.sessions() as s:
        bodies = [json.loads(b) for b in s.execute(select(plumbing["outbox"].c.body)).scalars()]
    headline = next(b for b in bodies if b["subject"] == "DINKES/2026")["data"]["headline"]
    assert headline["pns_share_at_min_jp"] == 0.0  # 24 JP is under the minimum of 25 (0.5 with the default 20)

