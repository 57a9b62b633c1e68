"""Reporting's consultation section from consultation's events (issue 16): per policy the comments received and
their shares answered and accepted, the articles its adoption changed, whether every comment had an answer
before adoption, and a recommendation when input is left unanswered."""
from datetime import UTC, date, datetime

from services.reporting.db.models import CommentFact, PolicyFact
from services.reporting.domain.periods import parse_period
from services.reporting.domain.recommendations import Thresholds, recommend
from services.reporting.domain.rules import ReportRules
from services.reporting.reports.report import build_report
from tests.reporting import factories as ev

T = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)
ADOPTED = datetime(2026, 4, 1, 2, 0, tzinfo=UTC)


def section(rdb, scope="DINKES", period="2026"):
    with rdb.sessions() as s:
        report = build_report(s, scope, parse_period(period), view="full", today=date(2026, 5, 1),
                              rules=ReportRules(), thresholds=Thresholds())
    return report["sections"]["consultation"]["policies"], report["recommendations"]


def test_a_comment_keeps_its_latest_answer_whatever_the_order(rdb, feed):
    feed(ev.comment(verb="answered", sequence=3, moderation="published", answer_outcome="accepted", submitted_at=T))
    feed(ev.comment(sequence=1, submitted_at=T), ev.comment(verb="published", sequence=2, moderation="published",
                                                            submitted_at=T))
    with rdb.sessions() as s:
        fact = s.get(CommentFact, "cm-1")
        assert (fact.moderation, fact.answer_outcome, fact.sequence, fact.article_number) == (
            "published", "accepted", 3, 2)


def test_the_adoption_figures_follow_the_policy_on_later_events(rdb, feed):
    adoption = {"adopted_at": ADOPTED, "adopted_version": 2, "consulted_version": 1, "unanswered_at_adoption": 1,
                "changed_articles": [2, 4]}
    feed(ev.policy(state="adopted", sequence=5, version=2, **adoption))
    feed(ev.policy(state="in_implementation", sequence=6, version=2, **adoption))
    with rdb.sessions() as s:
        policy = s.get(PolicyFact, "pol-1")
        assert (policy.state, policy.articles_changed, policy.unanswered_at_adoption) == ("in_implementation", 2, 1)


def test_the_section_counts_comments_and_reports_and_says_what_adoption_left(rdb, feed):
    feed(ev.policy(state="in_implementation", sequence=6, version=2, adopted_at=ADOPTED, adopted_version=2,
                   unanswered_at_adoption=1, changed_articles=[2]))
    feed(ev.comment("a", answer_outcome="accepted", moderation="published", submitted_at=T),
         ev.comment("b", answer_outcome="rejected", moderation="published", submitted_at=T),
         ev.comment("c", moderation="published", submitted_at=T),
         ev.comment("d", moderation="hidden", submitted_at=T),  # hidden: received, owed nothing
         ev.feedback("f1", policy_id="pol-1", answer_outcome="noted", submitted_at=T))
    [p], recs = section(rdb)
    assert (p["n"], p["comments"], p["reports"], p["hidden"]) == (5, 4, 1, 1)
    assert (p["accepted"], p["rejected"], p["noted"], p["answered"], p["unanswered"]) == (1, 1, 1, 3, 1)
    assert (p["share_answered"], p["share_accepted"]) == (0.75, 0.25)
    assert (p["articles_changed"], p["answered_before_adoption"], p["unanswered_at_adoption"]) == (1, False, 1)
    [rec] = [r for r in recs if r["rule"] == "unanswered_comments"]
    assert rec["figure"] == "consultation.policies[0].unanswered" and rec["value"] == 1
    assert "1 masukan warga untuk kebijakan PERWALI-7" in rec["text"] and "sudah ditetapkan" in rec["text"]
    assert section(rdb, period="2025")[0][0]["n"] == 0  # counted in the period they came in


def test_a_policy_not_yet_adopted_has_no_adoption_figures(rdb, feed):
    feed(ev.policy(state="in_consultation", sequence=2, closes_on=date(2026, 3, 20), consultation_round=1))
    [p], recs = section(rdb)
    assert (p["state_label"], p["articles_changed"], p["answered_before_adoption"]) == (
        "Konsultasi publik", None, None)
    assert (p["share_answered"], p["unanswered"]) == (None, 0) and recs == []


def test_the_recommendation_stays_silent_when_everything_is_answered():
    answered = {"sections": {"consultation": {"policies": [{"code": "P-1", "unanswered": 0}]}}}
    assert recommend(answered, Thresholds()) == []
    waiting = {"sections": {"consultation": {"policies": [{"code": "P-1", "unanswered": 3}]}}}
    [rec] = recommend(waiting, Thresholds())
    assert rec["text"] == "Berikan jawaban resmi atas 3 masukan warga untuk kebijakan P-1 yang belum dijawab."
    assert recommend(waiting, Thresholds(unanswered_comments_above=3)) == []
