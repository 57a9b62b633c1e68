"""Issue 15's figures, per department and for the city: re-routings and reopenings, the citizens' satisfaction
with the follow-up, and the time paused waiting for the citizen, kept out of the response times."""
from datetime import UTC, datetime

from services.reporting.db.models import FeedbackFact
from tests.reporting import factories as ev
from tests.reporting.test_report_figures import build

SUBMITTED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
FORWARDED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
RESPONDED = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)


def followed_up(feedback_id, department="DINKES", sequence=5, **course):
    """A feedback event carrying the follow-up's course (fields consultation added in issue 15)."""
    env = ev.feedback(feedback_id, verb="responded", sequence=sequence, status="responded", submitted_at=SUBMITTED,
                      forwarded_at=FORWARDED, responded_at=RESPONDED, department_code=department,
                      forward_deadline_met=True, follow_up_deadline_met=True)
    env.data.update({"first_responded_at": RESPONDED.isoformat(), "reroute_count": 0, "reopen_count": 0,
                     "citizen_satisfied": None, "paused_hours": 0.0, "paused_working_days": 0,
                     "paused_hours_at_forward": 0.0, "paused_hours_at_first_response": 0.0, **course})
    return env


def test_time_waiting_for_the_citizen_is_kept_out_of_the_response_times(rdb, feed):
    # Asked before the forwarding (2 h) and again before the follow-up (24 h more).
    feed(followed_up("fb-1", paused_hours=26.0, paused_working_days=1, paused_hours_at_forward=2.0,
                     paused_hours_at_first_response=26.0))
    with rdb.sessions() as s:
        fb = s.get(FeedbackFact, "fb-1")
        assert (fb.first_response_hours, fb.follow_up_hours) == (6.0 - 2.0, 72.0 - 26.0)
        assert (fb.paused_hours, fb.paused_working_days) == (26.0, 1)


def test_an_event_from_before_issue_15_still_reads_as_nothing_of_it_happened(rdb, feed):
    feed(ev.feedback(verb="responded", sequence=3, status="responded", submitted_at=SUBMITTED,
                     forwarded_at=FORWARDED, responded_at=RESPONDED))
    with rdb.sessions() as s:
        fb = s.get(FeedbackFact, "fb-1")
        assert (fb.reroute_count, fb.reopen_count, fb.citizen_satisfied, fb.paused_hours) == (0, 0, None, 0.0)
        assert fb.follow_up_hours == 72.0


def test_rerouting_reopening_satisfaction_and_pauses_per_department_and_city(rdb, feed):
    feed(followed_up("a", reroute_count=1, citizen_satisfied=True),
         followed_up("b", reopen_count=2, citizen_satisfied=False, paused_hours=30.0, paused_working_days=2),
         followed_up("c", citizen_satisfied=True, reroute_count=2, reopen_count=1),
         followed_up("d"),
         followed_up("e", department="DISHUB", citizen_satisfied=False, paused_hours=10.0, paused_working_days=1))
    dinkes = build(rdb)["sections"]["responsiveness"]
    assert dinkes["rerouted"] == {"n": 4, "reports": 2, "times": 3, "share": 0.5}
    assert dinkes["reopened"] == {"n": 4, "reports": 2, "times": 3, "share": 0.5}
    assert dinkes["citizen_satisfaction"] == {"n": 3, "satisfied": 2, "share": 0.6667}
    assert dinkes["paused"] == {"n": 1, "working_days": 2, "hours": 30.0, "mean_hours": 30.0}
    city = build(rdb, scope="CITY")["sections"]["responsiveness"]
    assert city["citizen_satisfaction"] == {"n": 4, "satisfied": 2, "share": 0.5}
    assert (city["paused"]["n"], city["paused"]["hours"], city["rerouted"]["n"]) == (2, 40.0, 5)
    # In public, a figure over fewer than 5 citizens is not shown.
    public = build(rdb, view="public")["sections"]["responsiveness"]
    assert public["citizen_satisfaction"]["share"] is None and public["citizen_satisfaction"]["suppressed"]
