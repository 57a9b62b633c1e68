"""Reporting's reading of improvement actions: timeliness, the figure now, the gap, repeated recommendations."""
from __future__ import annotations

from datetime import UTC, date, datetime

from services.reporting.domain import improvement as rules
from services.reporting.domain.recommendations import gap_closed

DEADLINE = date(2027, 3, 1)


def test_timeliness_of_done_dropped_and_open_actions():
    assert rules.timeliness("done", DEADLINE, True, None, date(2027, 6, 1)) == "on_time"
    assert rules.timeliness("done", DEADLINE, False, None, date(2027, 6, 1)) == "late"
    assert rules.timeliness("dropped", DEADLINE, None, None, date(2027, 6, 1)) == "dropped"
    assert rules.timeliness("in_progress", DEADLINE, None, None, DEADLINE) == "pending"
    assert rules.timeliness("in_progress", DEADLINE, None, None, date(2027, 3, 2)) == "overdue"
    flagged = datetime(2027, 3, 2, tzinfo=UTC)
    assert rules.timeliness("planned", DEADLINE, None, flagged, date(2027, 3, 1)) == "overdue"


def test_a_gap_closes_on_the_right_side_of_its_threshold():
    assert gap_closed("pns_training", 0.72, 0.8) is False
    assert gap_closed("pns_training", 0.8, 0.8) is True
    assert gap_closed("complaints_overdue", 0.08, 0.1) is True
    assert gap_closed("complaints_overdue", 0.2, 0.1) is False
    assert gap_closed("ikm_drop", -1.0, -2.0) is True
    assert gap_closed("pns_training", None, 0.8) is None and gap_closed("unknown", 1, 1) is None


def test_the_figure_now_is_found_by_its_path_and_a_policy_by_its_code():
    report = {"sections": {"competence": {"jp": {"pns": {"share_at_minimum": 0.72}}},
                           "consultation": {"policies": [{"code": "P-1", "unanswered": 0},
                                                         {"code": "P-2", "unanswered": 3}]}}}
    assert rules.figure_value(report, "competence.jp.pns.share_at_minimum") == 0.72
    assert rules.figure_value(report, "consultation.policies[0].unanswered", "P-2") == 3  # moved in the list
    assert rules.figure_value(report, "consultation.policies[0].unanswered", "P-9") is None
    assert rules.figure_value(report, "satisfaction.trend.delta") is None


def _action(**changes):
    return {"action_id": "a1", "policy_code": "P-1", "period": "2026", "description": "Pelatihan",
            "owner_department": "DINKES", "deadline": "2027-03-01", "state": "in_progress", "source_scope": "DINKES",
            "rule": "pns_training", "subject": None, **changes}


REC = {"rule": "pns_training", "figure": "competence.jp.pns.share_at_minimum", "value": 0.5, "threshold": 0.8,
       "text": "Rencanakan pelatihan", "subject": None}


def test_a_recommendation_repeating_while_its_action_is_open_says_so():
    marked, = rules.mark_repeats([REC], [_action()], "DINKES")
    assert marked["repeated"] is True and marked["follow_up"]["action_id"] == "a1"
    assert marked["follow_up"]["deadline"] == "2027-03-01"


def test_a_recommendation_is_new_when_the_action_is_closed_or_about_something_else():
    for action in (_action(state="done"), _action(state="dropped"), _action(source_scope="DISHUB"),
                   _action(rule="leadership_overdue")):
        marked, = rules.mark_repeats([REC], [action], "DINKES")
        assert marked["repeated"] is False and marked["follow_up"] is None
    per_policy = {**REC, "rule": "socialization_coverage", "subject": "P-2"}
    marked, = rules.mark_repeats([per_policy], [_action(rule="socialization_coverage", subject="P-1")], "DINKES")
    assert marked["repeated"] is False


def test_the_public_counts_per_policy():
    actions = [_action(timeliness=t, state=s, policy_title="Kebijakan P-1")
               for t, s in (("on_time", "done"), ("late", "done"), ("overdue", "planned"), ("dropped", "dropped"),
                            ("pending", "in_progress"))]
    row, = rules.counts_by_policy(actions)
    assert (row["planned"], row["done_on_time"], row["late"], row["dropped"], row["open"]) == (5, 1, 2, 1, 2)
