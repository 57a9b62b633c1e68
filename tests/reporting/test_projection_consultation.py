"""consultation.policy.* and consultation.feedback.* → policies and feedback items."""
from datetime import UTC, datetime

from services.reporting.db.models import FeedbackFact, PolicyFact, ReportRevision
from tests.reporting import factories as ev

SUBMITTED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def item(rdb, feedback_id="fb-1"):
    with rdb.sessions() as s:
        return s.get(FeedbackFact, feedback_id)


def test_policy_stage_follows_the_highest_sequence(rdb, feed):
    feed(ev.policy(state="in_implementation", sequence=4))
    feed(ev.policy(state="adopted", sequence=3))
    feed(ev.policy(state="in_implementation", sequence=4))  # repeat
    with rdb.sessions() as s:
        policy = s.get(PolicyFact, "pol-1")
        assert (policy.state, policy.sequence) == ("in_implementation", 4)
        assert s.get(ReportRevision, ("DINKES", "2026")).revision == 1


def test_feedback_response_times_are_worked_out_once(rdb, feed):
    feed(ev.feedback(submitted_at=SUBMITTED))
    assert item(rdb).first_response_hours is None and item(rdb).status == "received"
    feed(ev.feedback(verb="forwarded", sequence=2, status="forwarded", submitted_at=SUBMITTED,
                     forwarded_at=datetime(2026, 3, 2, 5, 0, tzinfo=UTC), forward_deadline_met=True))
    feed(ev.feedback(verb="responded", sequence=3, status="responded", submitted_at=SUBMITTED,
                     forwarded_at=datetime(2026, 3, 2, 5, 0, tzinfo=UTC),
                     responded_at=datetime(2026, 3, 4, 2, 0, tzinfo=UTC), forward_deadline_met=True,
                     follow_up_deadline_met=True))
    fb = item(rdb)
    assert (fb.status, fb.first_response_hours, fb.follow_up_hours, fb.missed_deadline) == ("responded", 3.0, 48.0,
                                                                                           False)


def test_a_late_submitted_event_does_not_reopen_a_responded_item(rdb, feed):
    feed(ev.feedback(verb="responded", sequence=3, status="responded", submitted_at=SUBMITTED,
                     responded_at=datetime(2026, 3, 4, 2, 0, tzinfo=UTC)))
    feed(ev.feedback(sequence=1, submitted_at=SUBMITTED))
    assert item(rdb).status == "responded"


def test_overdue_marks_a_missed_deadline(rdb, feed):
    feed(ev.feedback(submitted_at=SUBMITTED))
    feed(ev.feedback(verb="overdue", sequence=2, submitted_at=SUBMITTED, overdue_stage="forward",
                     forward_deadline_met=False))
    fb = item(rdb)
    assert fb.missed_deadline and fb.overdue_stage == "forward"


def test_duplicate_feedback_event_bumps_the_revision_once(rdb, feed):
    event = ev.feedback(submitted_at=SUBMITTED)
    feed(event, event)
    with rdb.sessions() as s:
        assert s.get(ReportRevision, ("DINKES", "2026-Q1")).revision == 1
        assert s.get(ReportRevision, ("CITY", "2026-Q1")).revision == 1
