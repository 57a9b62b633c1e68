"""The report's statuses and steps (domain/report_flow.py): each transition once, drawn in docs/complaints.md."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from services.consultation.domain.feedback import ANSWER_LABELS
from services.consultation.domain.report_flow import (
    OPEN,
    REOPEN_LIMIT,
    STATUS_LABELS,
    TRANSITIONS,
    FlowError,
    Status,
    Step,
    Where,
    allowed_steps,
    target,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "complaints.md"


def test_every_status_has_an_indonesian_label_and_received_is_not_accepted():
    assert set(STATUS_LABELS) == set(Status)
    assert STATUS_LABELS[Status.RECEIVED] == "Masuk"
    # The report's status and the official answer never share a word (issue 15: "Diterima" meant both).
    status_words = {w.lower() for label in STATUS_LABELS.values() for w in re.findall(r"\w+", label)}
    answer_words = {label.lower() for label in ANSWER_LABELS.values()}
    assert answer_words == {"diterima", "ditolak", "dicatat"} and not status_words & answer_words


def test_each_step_from_each_status_is_in_the_table_once():
    pairs = [(t.step, t.source) for t in TRANSITIONS]
    assert len(pairs) == len(set(pairs))
    assert all(target for t in TRANSITIONS for target in t.targets)


def test_the_happy_path_and_a_closed_report_has_no_staff_step_but_reopen():
    status = Status.RECEIVED
    for step in ("forward", "respond", "accept"):
        status = target(step, status)
    assert status is Status.CLOSED and allowed_steps("closed") == ["reopen"]
    assert set(OPEN) == set(Status) - {Status.CLOSED}


def test_a_step_the_status_does_not_allow_names_the_allowed_ones():
    with pytest.raises(FlowError, match="allowed: reroute, request_info, respond, close"):
        target("accept", "escalated")
    with pytest.raises(FlowError, match="allowed: forward, request_info, close"):
        target("respond", "received")
    with pytest.raises(FlowError, match="unknown"):
        target("archive", "received")


@pytest.mark.parametrize(("step", "source"), [("close", "received"), ("reroute", "forwarded"),
                                              ("request_info", "forwarded"), ("reopen", "closed")])
def test_steps_that_the_citizen_must_be_told_why_need_a_reason(step, source):
    with pytest.raises(FlowError, match="needs a reason"):
        target(step, source, Where(forwarded=True), reason="  ")
    assert target(step, source, Where(forwarded=True), reason="Laporan ganda.")


def test_the_citizen_answering_a_question_sends_the_report_back_where_it_was():
    for paused_from in ("received", "forwarded", "escalated"):
        assert target("provide_info", "info_requested", Where(paused_from=paused_from)) == paused_from


def test_not_satisfied_reopens_to_the_department_twice_then_to_bkpsdm():
    assert REOPEN_LIMIT == 2
    reopened = [target("reopen", "responded", Where(forwarded=True, reopen_count=n)) for n in range(4)]
    assert reopened == [Status.FORWARDED, Status.FORWARDED, Status.ESCALATED, Status.ESCALATED]
    # A report closed without ever being forwarded goes back to verification.
    assert target("reopen", "closed", Where(forwarded=False), reason="Ditutup keliru.") is Status.RECEIVED


def _diagram_edges() -> set[tuple[str, str, str]]:
    block = DOC.read_text().split("```mermaid", 1)[1].split("```", 1)[0]
    return {(m[0], m[1], m[2]) for m in re.findall(r"^\s*(\w+)\s*-->\s*(\w+)\s*:\s*(\w+)", block, re.M)}


def test_the_diagram_in_the_docs_draws_exactly_the_table():
    table = {(t.source.value, dst.value, t.step.value) for t in TRANSITIONS for dst in t.targets}
    assert _diagram_edges() - {("[*]", "received", "submit")} == table
    assert Step.AUTO_CLOSE in {t.step for t in TRANSITIONS}
