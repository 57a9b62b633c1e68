"""survey.results.updated (a snapshot per campaign, older campaigns kept) and survey.response.submitted."""
from datetime import date

from sqlalchemy import func, select

from services.reporting.db.models import ReportRevision, SurveyCampaignFact, SurveyResponseFact
from tests.reporting import factories as ev


def test_the_latest_snapshot_of_a_campaign_wins(rdb, feed):
    feed(ev.results(respondents=150, sequence=5))
    feed(ev.results(respondents=120, sequence=4))  # late
    feed(ev.results(respondents=150, sequence=5))  # repeat
    with rdb.sessions() as s:
        campaign = s.get(SurveyCampaignFact, "cmp-1")
        assert (campaign.respondents, campaign.sequence, campaign.nrr["u3"]) == (150, 5, 2.7)
        # A campaign from January to June changes the year, the first half and its two quarters.
        assert {(r.period, r.revision) for r in s.execute(select(ReportRevision)
                                                         .where(ReportRevision.scope == "DINKES")).scalars()} == {
            ("2026", 1), ("2026-S1", 1), ("2026-Q1", 1), ("2026-Q2", 1)}


def test_previous_campaigns_stay_for_the_trend(rdb, feed):
    feed(ev.results("cmp-0", period_start=date(2025, 7, 1), period_end=date(2025, 12, 31), label="2025-S2"))
    feed(ev.results("cmp-1"))
    with rdb.sessions() as s:
        assert s.execute(select(func.count()).select_from(SurveyCampaignFact)).scalar_one() == 2


def test_responses_are_counted_once(rdb, feed):
    feed(ev.response("resp-1"), ev.response("resp-2"))
    feed(ev.response("resp-1"))
    with rdb.sessions() as s:
        assert s.execute(select(func.count()).select_from(SurveyResponseFact)).scalar_one() == 2
        assert s.get(ReportRevision, ("DINKES", "2026-Q1")).revision == 2
