"""Improvement plans (rencana tindak lanjut): BKPSDM builds a plan per policy and evaluation period from a
report's recommendations or by hand, adopts it, and the owning departments carry its actions out.

Every change bumps the plan's sequence and emits consultation.improvement.<...> with the plan and
all its actions, in the caller's transaction. The rules are in domain/improvement.py; who may
do what in access.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.consultation.db.models import ImprovementAction, ImprovementPlan, Policy
from services.consultation.domain import improvement as rules
from services.consultation.domain.consultation_round import RoundRules
from services.consultation.domain.policy_lifecycle import PolicyState
from services.consultation.domain.working_days import local_date
from services.consultation.events import emit, improvement_payload
from services.consultation.workflow import access
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.attachments import Upload, check_uploads
from services.consultation.workflow.departments import require_receiving_department
from services.consultation.workflow.policies import get_policy
from services.consultation.workflow.policy_moves import take_move
from shared.db import new_id
from shared.errors import Conflict, Invalid, NotFound
from shared.principal import Principal

INVALID_ID = {"description": "Tuliskan apa yang akan dikerjakan.", "deadline": "Tenggat belum diisi atau sudah lewat.",
              "reason": "Tuliskan alasannya.", "note": "Tuliskan bukti pelaksanaannya (catatan).",
              "period": "Periode evaluasi ditulis misalnya 2026, 2026-S1 atau 2026-Q3.",
              "origin": "Asal tindak lanjut tidak dikenal."}


def _invalid(exc: rules.ImprovementError) -> Invalid:
    field = exc.field or "plan"
    return Invalid(field, str(exc), indonesian=INVALID_ID.get(field, "Data rekomendasi tidak lengkap."))


def _conflict(exc: rules.ImprovementError, allowed: list[str] | None = None, indonesian: str | None = None):
    return Conflict(str(exc), allowed=allowed or [], indonesian=indonesian or "Langkah ini tidak diizinkan.")


# -- reading ---------------------------------------------------------------------------------

def actions_of(session: Session, plan_id: str) -> list[ImprovementAction]:
    return list(session.execute(select(ImprovementAction).where(ImprovementAction.plan_id == plan_id)
                                .order_by(ImprovementAction.number)).scalars())


def get_plan(session: Session, principal: Principal, plan_id: str, *, for_update: bool = False) -> ImprovementPlan:
    access.require_staff_reader(principal)
    query = select(ImprovementPlan).where(ImprovementPlan.id == plan_id)
    plan = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if plan is None:
        raise NotFound("Improvement plan not found.", indonesian="Rencana tindak lanjut tidak ditemukan.")
    return plan


def _action_view(principal: Principal, plan: ImprovementPlan, action: ImprovementAction, today) -> dict:
    view = {c.key: getattr(action, c.key) for c in ImprovementAction.__table__.columns}
    mine = access.may_update_action(principal, action.owner_department)
    view.update({
        "state_label": rules.LABELS[action.state],
        "changes_text": rules.changes_text(action.policy_article, action.policy_version),
        "overdue": rules.is_overdue(action.state, action.deadline, today),
        "done_on_time": rules.done_on_time(action.state, action.deadline,
                                           local_date(action.done_at) if action.done_at else None),
        "moves": [m.value for m in rules.allowed_moves(action.state)]
        if mine and rules.may_progress(plan.state) else [],
    })
    return view


def plan_view(session: Session, principal: Principal, plan: ImprovementPlan, now: datetime) -> dict:
    policy = session.get(Policy, plan.policy_id)
    today = local_date(now)
    return {**{c.key: getattr(plan, c.key) for c in ImprovementPlan.__table__.columns},
            "state_label": rules.LABELS[plan.state],
            "policy": {"id": policy.id, "code": policy.code, "title": policy.title, "state": policy.state,
                       "version": policy.version, "department_code": policy.department_code},
            "actions": [_action_view(principal, plan, a, today) for a in actions_of(session, plan.id)]}


def plan_detail(session: Session, principal: Principal, now: datetime, plan_id: str) -> dict:
    """A plan with its policy and its actions, and the moves this staff member may take on each."""
    return plan_view(session, principal, get_plan(session, principal, plan_id), now)


def list_plans(session: Session, principal: Principal, args: dict | None = None) -> list[dict]:
    """Every plan, newest period first, with the count of its actions by state (staff)."""
    access.require_staff_reader(principal)
    args = args or {}
    query = (select(ImprovementPlan, Policy).join(Policy, Policy.id == ImprovementPlan.policy_id)
             .order_by(ImprovementPlan.period.desc(), Policy.code))
    if args.get("policy_id"):
        query = query.where(ImprovementPlan.policy_id == args["policy_id"])
    if args.get("period"):
        query = query.where(ImprovementPlan.period == args["period"])
    counts: dict = {}
    for plan_id, state, n in session.execute(select(ImprovementAction.plan_id, ImprovementAction.state, func.count())
                                             .group_by(ImprovementAction.plan_id, ImprovementAction.state)):
        counts.setdefault(plan_id, {})[state] = n
    return [{**{c.key: getattr(plan, c.key) for c in ImprovementPlan.__table__.columns},
             "state_label": rules.LABELS[plan.state], "policy_code": policy.code, "policy_title": policy.title,
             "counts": counts.get(plan.id, {})}
            for plan, policy in session.execute(query)]


def department_actions(session: Session, principal: Principal, now: datetime, department: str | None = None) -> list:
    """The actions a department owns (an operator: their own), open ones first, soonest deadline first."""
    access.require_staff_reader(principal)
    code = principal.department if principal.role == "operator" else department
    query = (select(ImprovementAction, ImprovementPlan, Policy)
             .join(ImprovementPlan, ImprovementPlan.id == ImprovementAction.plan_id)
             .join(Policy, Policy.id == ImprovementPlan.policy_id)
             .order_by(ImprovementAction.state.in_(("done", "dropped")), ImprovementAction.deadline))
    if code:
        query = query.where(ImprovementAction.owner_department == code)
    today = local_date(now)
    return [{**_action_view(principal, plan, action, today), "plan_id": plan.id, "period": plan.period,
             "plan_state": plan.state, "policy_code": policy.code, "policy_title": policy.title}
            for action, plan, policy in session.execute(query)]


# -- changing --------------------------------------------------------------------------------

def _announce(session: Session, now: datetime, plan: ImprovementPlan, suffix: str, action_id: str | None) -> None:
    session.flush()
    plan.sequence += 1
    plan.updated_at = now
    policy = session.get(Policy, plan.policy_id)
    emit(session, f"consultation.improvement.{suffix}", plan.id,
         improvement_payload(plan, policy, actions_of(session, plan.id), now, action_id), plan.sequence)


def _plan_for(session: Session, principal: Principal, now: datetime, policy: Policy, period: str) -> ImprovementPlan:
    plan = session.execute(select(ImprovementPlan).where(ImprovementPlan.policy_id == policy.id,
                                                         ImprovementPlan.period == period)
                           .with_for_update()).scalar_one_or_none()
    if plan is not None:
        return plan
    plan = ImprovementPlan(id=new_id(), policy_id=policy.id, period=period, state=rules.PlanState.DRAFT.value,
                           sequence=0, created_at=now, created_by=principal.display_name, updated_at=now)
    session.add(plan)
    _announce(session, now, plan, "plan_created", None)
    return plan


def add_action(session: Session, principal: Principal, now: datetime, data: dict) -> ImprovementAction:
    """Add an action to the policy's plan for the period (created on first use): from a recommendation, keeping
    its rule, figure, value and threshold, or by hand with a reason (BKPSDM)."""
    access.require_admin(principal, "build improvement plans")
    try:
        period = rules.check_period(data.get("period"))
        checked = rules.check_new_action(
            origin=data.get("origin", "recommendation"), description=data.get("description"),
            deadline=data.get("deadline"), today=local_date(now), reason=data.get("reason"),
            recommendation=data.get("recommendation"))
    except rules.ImprovementError as exc:
        raise _invalid(exc) from None
    policy = get_policy(session, principal, data["policy_id"], for_update=True)
    if policy.adopted_version is None:
        raise Conflict("Only a policy that has been adopted can have an improvement plan.",
                       indonesian="Rencana tindak lanjut hanya untuk kebijakan yang sudah ditetapkan.")
    require_receiving_department(session, data.get("owner_department") or "", "owner_department")
    scope = (data.get("recommendation") or {}).get("scope")
    if checked.get("rule") and not scope:
        raise Invalid("recommendation.scope", "The report the recommendation came from is required.",
                      indonesian="Laporan asal rekomendasi tidak disebutkan.")
    plan = _plan_for(session, principal, now, policy, period)
    number = (session.execute(select(func.max(ImprovementAction.number))
                              .where(ImprovementAction.plan_id == plan.id)).scalar() or 0) + 1
    action = ImprovementAction(
        id=new_id(), plan_id=plan.id, number=number, origin=data.get("origin", "recommendation"),
        source_scope=scope.upper() if scope else None, owner_department=data["owner_department"],
        policy_article=data.get("policy_article"), policy_version=data.get("policy_version"),
        state=rules.ActionState.PLANNED.value, created_at=now, updated_by=principal.display_name, **checked)
    session.add(action)
    _announce(session, now, plan, "action_added", action.id)
    return action


def adopt_plan(session: Session, principal: Principal, now: datetime, plan_id: str, reason: str | None = None,
               rounds: RoundRules | None = None) -> ImprovementPlan:
    """Adopt the plan (BKPSDM): its actions may then be worked on. If an action changes the policy's text, the
    policy moves to "revised" and its next version starts in draft."""
    access.require_admin(principal, "adopt improvement plans")
    plan = get_plan(session, principal, plan_id, for_update=True)
    actions = actions_of(session, plan.id)
    try:
        rules.check_adoption(plan.state, len(actions))
    except rules.ImprovementError as exc:
        raise _conflict(exc, indonesian="Rencana ini sudah ditetapkan atau belum berisi tindak lanjut.") from None
    if any(rules.changes_text(a.policy_article, a.policy_version) and rules.is_unfinished(a.state) for a in actions):
        policy = get_policy(session, principal, plan.policy_id, for_update=True)
        if policy.state != PolicyState.UNDER_EVALUATION:
            raise Conflict(f"The plan changes the policy's text, so the policy must be under evaluation; it is "
                           f"{policy.state}.", allowed=[],
                           indonesian="Rencana ini mengubah naskah kebijakan: kebijakan harus sedang dievaluasi "
                                      "sebelum rencana ditetapkan.")
        take_move(session, principal, now, policy, PolicyState.REVISED.value,
                  reason or f"Rencana tindak lanjut evaluasi {plan.period}", rounds=rounds or RoundRules())
    plan.state = rules.PlanState.ADOPTED.value
    plan.adopted_at, plan.adopted_by = now, principal.display_name
    _announce(session, now, plan, "plan_adopted", None)
    return plan


def get_action(session: Session, principal: Principal, action_id: str, *, for_update: bool = False):
    access.require_staff_reader(principal)
    query = select(ImprovementAction).where(ImprovementAction.id == action_id)
    action = session.execute(query.with_for_update() if for_update else query).scalar_one_or_none()
    if action is None:
        raise NotFound("Action not found.", indonesian="Tindak lanjut tidak ditemukan.")
    return action


def move_action(session: Session, principal: Principal, now: datetime, action_id: str, target: str, *,
                note: str | None = None, reason: str | None = None, upload: Upload | None = None,
                store: AttachmentStore | None = None) -> ImprovementAction:
    """planned → in_progress → done (a note, optionally a file) or dropped (a reason): BKPSDM or the owner."""
    action = get_action(session, principal, action_id, for_update=True)
    access.require_action_owner(principal, action.owner_department)
    plan = get_plan(session, principal, action.plan_id, for_update=True)
    if not rules.may_progress(plan.state):
        raise Conflict("The plan has not been adopted yet.", allowed=[],
                       indonesian="Rencana tindak lanjut ini belum ditetapkan BKPSDM.")
    try:
        state = rules.check_move(action.state, target, note=note, reason=reason)
    except rules.ImprovementError as exc:
        if exc.field in ("note", "reason"):
            raise _invalid(exc) from None
        raise _conflict(exc, [m.value for m in rules.allowed_moves(action.state)],
                        f"Tindak lanjut berstatus {rules.LABELS[action.state]} tidak dapat diubah ke sana.") from None
    if upload is not None and upload.content and state is rules.ActionState.DONE:
        _attach_evidence(session, action, upload, store)
    action.state = state.value
    action.updated_by = principal.display_name
    if state is rules.ActionState.IN_PROGRESS:
        action.started_at = now
    elif state is rules.ActionState.DONE:
        action.done_at, action.evidence_note = now, note.strip()
    else:
        action.dropped_at, action.drop_reason = now, reason.strip()
    _announce(session, now, plan, rules.EVENT_SUFFIX[state], action.id)
    return action


def _attach_evidence(session: Session, action: ImprovementAction, upload: Upload, store: AttachmentStore) -> None:
    """The evidence file, checked and cleaned as a citizen's attachment is."""
    (name, kind, content), = check_uploads([upload])
    action.attachment_id = new_id()
    action.attachment_name, action.attachment_type, action.attachment_size = name, kind, len(content)
    store.write(session, action.attachment_id, content)


def open_evidence(session: Session, principal: Principal, action_id: str, store: AttachmentStore):
    """The evidence file of an action, for any staff member who may read plans."""
    action = get_action(session, principal, action_id)
    if action.attachment_id is None:
        raise NotFound("This action has no evidence file.", indonesian="Tindak lanjut ini tidak berlampiran.")
    try:
        return action, store.read(action.attachment_id)
    except FileNotFoundError:
        raise NotFound("The evidence file is gone.", indonesian="Berkas lampiran tidak ditemukan.") from None


def flag_overdue_actions(session: Session, principal: Principal, now: datetime) -> int:
    """The worker's pass: every open action past its deadline and not yet flagged is flagged, once, with
    consultation.improvement.action_overdue. Repeating it emits nothing new."""
    access.require_system(principal, "flag overdue actions")
    today = local_date(now)
    rows = session.execute(select(ImprovementAction)
                           .where(ImprovementAction.state.in_([s.value for s in rules.OPEN]),
                                  ImprovementAction.deadline < today, ImprovementAction.overdue_at.is_(None))
                           .order_by(ImprovementAction.deadline).with_for_update(skip_locked=True)).scalars().all()
    for action in rows:
        if not rules.is_overdue(action.state, action.deadline, today):
            continue
        action.overdue_at = now
        plan = session.get(ImprovementPlan, action.plan_id, with_for_update=True)
        _announce(session, now, plan, "action_overdue", action.id)
    return len(rows)
