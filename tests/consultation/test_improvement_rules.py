"""The rules of improvement plans and their actions (services/consultation/domain/improvement.py)."""
from __future__ import annotations

from datetime import date

import pytest

from services.consultation.domain import improvement as rules

TODAY = date(2026, 12, 1)
REC = {"rule": "pns_training", "figure": "competence.jp.pns.share_at_minimum", "value": 0.4, "threshold": 0.8,
       "text": "Rencanakan pelatihan"}


def test_an_action_from_a_recommendation_keeps_its_rule_figure_value_and_threshold():
    checked = rules.check_new_action(origin="recommendation", description="Pelatihan 20 JP untuk guru",
                                     deadline=date(2027, 3, 1), today=TODAY, recommendation=REC)
    assert (checked["rule"], checked["figure"], checked["value"], checked["threshold"]) == \
        ("pns_training", "competence.jp.pns.share_at_minimum", 0.4, 0.8)


def test_an_action_by_hand_needs_a_reason():
    with pytest.raises(rules.ImprovementError) as refused:
        rules.check_new_action(origin="manual", description="Sosialisasi ulang", deadline=TODAY, today=TODAY)
    assert refused.value.field == "reason"
    assert rules.check_new_action(origin="manual", description="Sosialisasi ulang", deadline=TODAY, today=TODAY,
                                  reason="Banyak pertanyaan warga")["reason"] == "Banyak pertanyaan warga"


@pytest.mark.parametrize("changes,field", [
    ({"deadline": date(2026, 11, 30)}, "deadline"), ({"deadline": None}, "deadline"),
    ({"description": "  "}, "description"), ({"recommendation": {**REC, "value": None}}, "recommendation.value"),
    ({"recommendation": {**REC, "rule": ""}}, "recommendation.rule"),
])
def test_a_new_action_is_refused_without_what_it_needs(changes, field):
    args = {"origin": "recommendation", "description": "Pelatihan", "deadline": date(2027, 3, 1), "today": TODAY,
            "recommendation": REC, **changes}
    with pytest.raises(rules.ImprovementError) as refused:
        rules.check_new_action(**args)
    assert refused.value.field == field


def test_planned_in_progress_done():
    assert rules.check_move("planned", "in_progress") is rules.ActionState.IN_PROGRESS
    assert rules.check_move("in_progress", "done", note="Pelatihan selesai, 40 guru") is rules.ActionState.DONE


def test_done_needs_a_note_and_dropped_needs_a_reason():
    with pytest.raises(rules.ImprovementError) as no_note:
        rules.check_move("in_progress", "done", note=" ")
    assert no_note.value.field == "note"
    with pytest.raises(rules.ImprovementError) as no_reason:
        rules.check_move("planned", "dropped")
    assert no_reason.value.field == "reason"
    assert rules.check_move("planned", "dropped", reason="Anggaran dialihkan") is rules.ActionState.DROPPED
    assert rules.check_move("in_progress", "dropped", reason="Digabung") is rules.ActionState.DROPPED


@pytest.mark.parametrize("current,target", [("planned", "done"), ("done", "in_progress"), ("dropped", "planned"),
                                            ("done", "dropped"), ("in_progress", "planned")])
def test_moves_outside_the_flow_are_refused(current, target):
    with pytest.raises(rules.ImprovementError, match="cannot go"):
        rules.check_move(current, target, note="x", reason="x")


def test_overdue_is_an_open_action_after_its_deadline_day():
    deadline = date(2027, 3, 1)
    assert not rules.is_overdue("planned", deadline, deadline)
    assert rules.is_overdue("planned", deadline, date(2027, 3, 2))
    assert rules.is_overdue("in_progress", deadline, date(2027, 3, 2))
    assert not rules.is_overdue("done", deadline, date(2027, 3, 2))
    assert not rules.is_overdue("dropped", deadline, date(2027, 3, 2))


def test_on_time_is_done_by_the_deadline_day():
    deadline = date(2027, 3, 1)
    assert rules.done_on_time("done", deadline, deadline) is True
    assert rules.done_on_time("done", deadline, date(2027, 3, 2)) is False
    assert rules.done_on_time("in_progress", deadline, None) is None


def test_an_action_naming_an_article_or_version_changes_the_text():
    assert rules.changes_text(3, None) and rules.changes_text(None, 2)
    assert not rules.changes_text(None, None)


def test_a_plan_is_adopted_once_and_not_empty():
    with pytest.raises(rules.ImprovementError, match="at least one"):
        rules.check_adoption("draft", 0)
    with pytest.raises(rules.ImprovementError, match="already"):
        rules.check_adoption("adopted", 2)
    rules.check_adoption("draft", 1)
    assert not rules.may_progress("draft") and rules.may_progress("adopted")


@pytest.mark.parametrize("label,ok", [("2026", True), ("2026-s1", True), ("2026-Q3", True), ("26", False),
                                      ("2026-Q5", False)])
def test_periods_are_named_as_reporting_names_them(label, ok):
    if ok:
        assert rules.check_period(label) == label.upper()
    else:
        with pytest.raises(rules.ImprovementError):
            rules.check_period(label)
