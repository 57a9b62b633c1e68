"""Events exactly as personnel, consultation and survey publish them (full CloudEvents envelopes)."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from shared.envelope import Envelope

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 WIB on a Monday in Q1 2026


def _env(type_: str, subject: str, data: dict, sequence: int, time: datetime | None = None) -> Envelope:
    source = "/asn/" + type_.split(".")[0]
    return Envelope(type=type_, source=source, subject=subject, data=data, sequence=sequence,
                    time=time or T0, id=str(uuid.uuid4()))


def _iso(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def department(code="DINKES", name="Dinas Kesehatan", sequence=1, verb="created", status="active"):
    return _env(f"personnel.department.{verb}", code, {"code": code, "name": name, "type": "dinas",
                                                      "parent_code": None, "status": status}, sequence)


def employee(employee_id="emp-1", department_code="DINKES", employee_type="PNS", position_type="pelaksana",
             tmt_jabatan=None, status="active", name=None, sequence=1, verb="registered", time=None, leadership=None):
    """An employee event; `leadership` = (required level, due date, met on, highest level) as personnel now
    publishes them, or None for an event from before it did."""
    data = {"employee_id": employee_id, "name": name or f"Pegawai {employee_id}", "employee_type": employee_type,
            "department_code": department_code, "rank": "III/a", "position_title": "Analis",
            "position_type": position_type, "tmt_jabatan": _iso(tmt_jabatan), "status": status}
    if leadership is not None:
        required, due, met_on, highest = leadership
        data.update({"leadership_required_level": required, "leadership_due_date": _iso(due),
                     "leadership_met_on": _iso(met_on), "highest_leadership_level": highest})
    return _env(f"personnel.employee.{verb}", employee_id, data, sequence, time)


def training(record_id="rec-1", employee_id="emp-1", jp=12, sequence=1, status="completed", revoked=False,
             end=date(2026, 3, 10), department_code="DINKES", employee_type="PNS", level=None, verb="recorded",
             kind="teknis"):
    return _env(f"personnel.training.{verb}", record_id, {
        "record_id": record_id, "employee_id": employee_id, "department_code": department_code,
        "employee_type": employee_type, "position_type": "pelaksana", "programme_code": "TEKNIS-01",
        "kind": "kepemimpinan" if level else kind, "leadership_level": level, "jp": jp, "status": status,
        "start_date": _iso(end - timedelta(days=1)), "end_date": _iso(end), "year": end.year,
        "revoked": revoked}, sequence)


def attended(session_id="ses-1", policy_id="pol-1", employee_id="emp-1", department_code="DINKES",
             held_on=date(2026, 4, 2)):
    return _env("personnel.socialization.attended", session_id, {
        "session_id": session_id, "policy_id": policy_id, "employee_id": employee_id,
        "department_code": department_code, "held_on": _iso(held_on)}, 1)


def policy(policy_id="pol-1", state="adopted", department_code="DINKES", sequence=1, code="PERWALI-7",
           verb=None, changed_at=T0, version=1, **consultation):
    """A policy event; `consultation` adds the fields of issue 16 (closes_on, changed_articles, ...)."""
    verbs = {"draft": "drafted", "in_consultation": "consultation_opened", "consultation_closed": "consultation_closed",
             "in_revision": "revision_started", "adopted": "adopted",
             "in_implementation": "implementation_started", "under_evaluation": "evaluation_started",
             "revised": "revised", "retired": "retired"}
    return _env(f"consultation.policy.{verb or verbs[state]}", policy_id, {
        "policy_id": policy_id, "code": code, "title": f"Kebijakan {code}", "version": version, "state": state,
        "department_code": department_code, "changed_at": _iso(changed_at), "reason": None,
        **{key: _iso(value) for key, value in consultation.items()}}, sequence)


def comment(comment_id="cm-1", policy_id="pol-1", verb="submitted", sequence=1, moderation="pending",
            answer_outcome=None, submitted_at=T0, department_code="DINKES", article_number=2, answered_at=None):
    return _env(f"consultation.comment.{verb}", comment_id, {
        "comment_id": comment_id, "policy_id": policy_id, "policy_version": 1, "department_code": department_code,
        "article_number": article_number, "moderation": moderation, "submitted_at": _iso(submitted_at),
        "answer_outcome": answer_outcome, "answered_in_version": 2 if answer_outcome == "accepted" else None,
        "answered_in_article": article_number if answer_outcome == "accepted" else None,
        "answered_at": _iso(answered_at or (submitted_at if answer_outcome else None))}, sequence)


def session_held(session_id="ses-1", policy_id="pol-1"):
    return _env("consultation.session.held", session_id, {
        "session_id": session_id, "policy_id": policy_id, "held_on": "2026-03-20", "format": "tatap_muka",
        "stakeholder_groups": ["asn"], "participants": 40}, 1)


def feedback(feedback_id="fb-1", verb="submitted", sequence=1, kind="pengaduan", category="waktu_layanan",
             unsur="u3", department_code="DINKES", policy_id=None, status="received", submitted_at=T0,
             forwarded_at=None, responded_at=None, closed_at=None, forward_deadline_met=None,
             follow_up_deadline_met=None, overdue_stage=None, answer_outcome=None, hidden=False):
    return _env(f"consultation.feedback.{verb}", feedback_id, {
        "feedback_id": feedback_id, "tracking_id": "TBT-2026-7K3M-9QXA", "kind": kind, "category": category,
        "unsur": unsur, "policy_id": policy_id, "department_code": department_code, "status": status,
        "submitted_at": _iso(submitted_at), "forwarded_at": _iso(forwarded_at),
        "responded_at": _iso(responded_at), "closed_at": _iso(closed_at),
        "forward_due": _iso(submitted_at.date() + timedelta(days=3)),
        "follow_up_due": _iso(forwarded_at.date() + timedelta(days=7)) if forwarded_at else None,
        "forward_deadline_met": forward_deadline_met, "follow_up_deadline_met": follow_up_deadline_met,
        "overdue_stage": overdue_stage, "answer_outcome": answer_outcome, "answered_in_version": None,
        "hidden": hidden}, sequence)


def results(campaign_id="cmp-1", department_code="DINKES", sequence=1, respondents=120, nrr=None,
            period_start=date(2026, 1, 1), period_end=date(2026, 6, 30), label="2026-S1", converted=None,
            mutu="B", weakest="u3", required_sample=100, sufficient=True, service_unit="Pelayanan Puskesmas",
            status="closed"):
    nrr = nrr or {f"u{i}": 3.2 for i in range(1, 10)} | {"u3": 2.7}
    ikm = sum(nrr.values()) / 9
    return _env("survey.results.updated", campaign_id, {
        "campaign_id": campaign_id, "department_code": department_code, "service_unit": service_unit,
        "period_label": label, "period_start": _iso(period_start), "period_end": _iso(period_end),
        "status": status, "respondents": respondents, "nrr": nrr, "ikm": ikm,
        "converted": converted if converted is not None else ikm * 25,
        "converted_display": f"{(converted if converted is not None else ikm * 25):.2f}", "mutu": mutu,
        "kinerja": "Baik", "weakest_unsur": weakest, "required_sample": required_sample,
        "sample_sufficient": sufficient}, sequence)


def response(response_id="resp-1", campaign_id="cmp-1", department_code="DINKES", submitted_at=T0):
    return _env("survey.response.submitted", response_id, {
        "response_id": response_id, "campaign_id": campaign_id, "department_code": department_code,
        "answers": {f"u{i}": 3 for i in range(1, 10)},
        "profile": {"gender": "P", "age_group": "25-34", "education": "S1", "occupation": "swasta"},
        "submitted_at": _iso(submitted_at)}, 1)


def improvement_action(action_id="act-1", state="planned", deadline=date(2027, 3, 1), done_at=None,
                       done_on_time=None, overdue_at=None, source_scope="DINKES", owner_department="DINKES",
                       rule="pns_training", figure="competence.jp.pns.share_at_minimum", subject=None, value=0.4,
                       threshold=0.8, number=1):
    return {"action_id": action_id, "number": number, "origin": "recommendation" if rule else "manual",
            "source_scope": source_scope, "rule": rule, "figure": figure, "subject": subject, "value": value,
            "threshold": threshold, "recommendation_text": "Rencanakan pelatihan", "reason": None,
            "description": "Pelatihan 20 JP bagi seluruh PNS", "owner_department": owner_department,
            "deadline": _iso(deadline), "policy_article": None, "policy_version": None, "changes_text": False,
            "state": state, "created_at": _iso(T0), "started_at": None, "done_at": _iso(done_at),
            "dropped_at": None, "done_on_time": done_on_time, "overdue_at": _iso(overdue_at),
            "has_evidence_file": False}


def improvement(*actions, plan_id="plan-1", policy_id="pol-1", code="PERWALI-7", period="2026", state="adopted",
                verb="plan_adopted", sequence=3, time=None):
    """consultation.improvement.<verb>: the plan with all its actions (improvement_action dicts)."""
    return _env(f"consultation.improvement.{verb}", plan_id, {
        "plan_id": plan_id, "policy_id": policy_id, "policy_code": code, "policy_title": f"Kebijakan {code}",
        "policy_department_code": "DINKES", "period": period, "state": state, "created_at": _iso(T0),
        "adopted_at": _iso(T0) if state == "adopted" else None, "changed_at": _iso(time or T0),
        "action_id": actions[0]["action_id"] if actions else None, "actions": list(actions)}, sequence, time)
