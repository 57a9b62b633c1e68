"""The report use cases called directly, as the API and the pages call them: who gets which view, and the
typed errors (Invalid, Forbidden, NotFound) with the texts the pages show."""
from datetime import UTC, datetime

import pytest

from services.reporting.config import load_config
from services.reporting.workflow.reports import report_csv, report_for, report_revision
from shared.errors import Forbidden, Invalid, NotFound
from shared.principal import PUBLIC, Principal
from tests.reporting.test_reports_api import seed_department

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
CONFIG = load_config({})
ADMIN = Principal("admin-1", "admin")
OPERATOR = Principal("op-1", "operator", department="DINKES")


def report(rdb, principal, scope="DINKES", period="2026", now=NOW):
    with rdb.sessions() as session:
        return report_for(session, principal, now, scope, period, CONFIG)


def test_each_principal_gets_its_view(rdb, feed):
    seed_department(feed)
    seed_department(feed, "DISHUB")
    assert report(rdb, PUBLIC)["view"] == "public"
    assert report(rdb, Principal("v", "viewer"))["view"] == "internal"
    assert report(rdb, OPERATOR)["view"] == "full"
    assert report(rdb, OPERATOR, scope="city")["view"] == "internal"
    assert report(rdb, ADMIN, scope="dishub")["view"] == "full"


def test_an_operator_asking_for_another_departments_report_is_forbidden(rdb, feed):
    seed_department(feed)
    seed_department(feed, "DISHUB")
    with pytest.raises(Forbidden) as refused:
        report(rdb, OPERATOR, scope="DISHUB")
    assert "DINKES" in refused.value.detail and "laporan perangkat daerahnya sendiri" in refused.value.indonesian


def test_a_department_nothing_has_been_heard_of_is_not_found(rdb, feed):
    seed_department(feed)
    with pytest.raises(NotFound) as missing:
        report(rdb, ADMIN, scope="BAPPEDA")
    assert "BAPPEDA" in missing.value.detail and "Belum ada laporan" in missing.value.indonesian
    assert report(rdb, ADMIN, scope="city")["scope"] == "CITY"  # the city always has a report


@pytest.mark.parametrize(("scope", "period", "field"), [("DINKES", "2026-Q5", "period"),
                                                        ("DINKES", "kemarin", "period"),
                                                        ("dinas kesehatan", "2026", "scope")])
def test_a_malformed_scope_or_period_is_invalid_with_its_field(rdb, feed, scope, period, field):
    seed_department(feed)
    with pytest.raises(Invalid) as bad:
        report(rdb, ADMIN, scope=scope, period=period)
    assert bad.value.field == field and bad.value.indonesian


def test_without_a_period_the_current_year_in_wib_is_shown(rdb, feed):
    seed_department(feed)
    new_year_in_wib = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # 01:00 WIB on 1 January 2027
    assert report(rdb, ADMIN, period=None, now=new_year_in_wib)["period"] == "2027"
    with rdb.sessions() as session:
        assert report_revision(session, PUBLIC, new_year_in_wib, "city", None)["period"].label == "2027"


def test_csv_follows_the_same_view_and_checks(rdb, feed):
    seed_department(feed)
    with rdb.sessions() as session:
        name, text = report_csv(session, PUBLIC, NOW, "dinkes", "2026", "competence", CONFIG)
        assert name == "laporan-dinkes-2026-competence.csv"
        assert "Ir. Sutan Batubara" not in text
        with pytest.raises(Forbidden):
            report_csv(session, Principal("op-2", "operator", department="DISHUB"), NOW, "DINKES", "2026",
                       "competence", CONFIG)
