"""The competence and training section: head count, JP against the 20 JP minimum and the 24 JP cap,
leadership-training compliance, and socialization coverage per policy in force."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from services.reporting.db.models import (
    EmployeeFact,
    EmployeeJp,
    LeadershipCredit,
    PolicyFact,
    PolicyVersionFact,
    SocializationAttendance,
)
from services.reporting.domain import rules as r
from services.reporting.domain.labels import POLICY_STATES, POSITION_TYPES, label
from services.reporting.domain.periods import Period
from services.reporting.reports.figures import CITY, average, in_scope, share

E, J = EmployeeFact, EmployeeJp


def _in_service(scope: str):
    return and_(E.status.in_(r.IN_SERVICE_STATUSES), in_scope(E.department_code, scope))


def jp_tallies(session: Session, scope: str, period: Period, rules: r.ReportRules,
               by_department: bool = False) -> dict:
    """Per employee type (and department): (head count, JP year-to-date, PNS at the minimum, PPPK over the cap).

    One grouped query over the per-quarter tallies. With by_department, keyed (department, type).
    """
    ytd = func.coalesce(sum((J.__table__.c[f"q{q}"] for q in range(2, period.last_quarter + 1)), J.q1), 0)
    groups = (E.department_code, E.employee_type) if by_department else (E.employee_type,)
    query = (select(*groups, func.count(), func.sum(ytd),
                    func.sum(case((ytd >= rules.pns_min_jp, 1), else_=0)),
                    func.sum(case((ytd > rules.pppk_max_jp, 1), else_=0)))
             .select_from(E).outerjoin(J, and_(J.employee_id == E.employee_id, J.year == period.year))
             .where(_in_service(scope)).group_by(*groups))
    width = len(groups)
    return {tuple(row[:width]) if by_department else row[0]: tuple(int(v or 0) for v in row[width:])
            for row in session.execute(query)}


def jp_section(by_type: dict, period: Period, rules: r.ReportRules) -> dict:
    """Head count and JP figures from jp_tallies' counts per employee type."""
    pns_n, pns_jp, pns_at_min, _ = by_type.get("PNS", (0, 0, 0, 0))
    pppk_n, pppk_jp, _, pppk_over = by_type.get("PPPK", (0, 0, 0, 0))
    total_n = sum(v[0] for v in by_type.values())
    total_jp = sum(v[1] for v in by_type.values())
    return {
        "headcount": {"n": total_n, "pns": {"n": pns_n}, "pppk": {"n": pppk_n}, "rule": r.headcount_rule(rules)},
        "jp": {
            "year": period.year, "through": period.end.isoformat(),
            "pns": {"n": pns_n, "minimum": rules.pns_min_jp, "at_minimum": pns_at_min,
                    "share_at_minimum": share(pns_at_min, pns_n), "average_jp": average(pns_jp, pns_n)},
            "pppk": {"n": pppk_n, "cap": rules.pppk_max_jp, "over_cap": pppk_over,
                     "share_over_cap": share(pppk_over, pppk_n), "average_jp": average(pppk_jp, pppk_n)},
            "all": {"n": total_n, "average_jp": average(total_jp, total_n)},
            "rule": r.jp_rule(rules),
        },
    }


def jp_figures(session: Session, scope: str, period: Period, rules: r.ReportRules) -> dict:
    """Head count and year-to-date JP of one scope."""
    return jp_section(jp_tallies(session, scope, period, rules), period, rules)


def _leadership_rows(session: Session, scope: str):
    """Officials whose position requires leadership training, with what personnel published about it.

    Personnel publishes the required level, the deadline and the day it was met (PKN II ⊇ PKA ⊇ PKP,
    the calendar-month window): one home for the rule. For an employee whose latest event came before
    personnel published these (`leadership_published` false), the report falls back to its former
    reading: the level matching the position, counted from leadership credits, and a window of
    `leadership_window_days` days. Announcing the employee again (personnel's `reannounce`) ends that.
    """
    L = LeadershipCredit
    by_position = case(r.REQUIRED_LEADERSHIP, value=E.position_type)
    required = case((E.leadership_published.is_(True), E.leadership_required_level), else_=by_position)
    return session.execute(
        select(E.employee_id, E.name, E.department_code, E.position_type, E.tmt_jabatan, E.leadership_published,
               E.leadership_due_date, E.leadership_met_on, required.label("required"), L.records)
        .select_from(E)
        .outerjoin(L, and_(L.employee_id == E.employee_id, L.level == by_position, E.leadership_published.is_(False)))
        .where(_in_service(scope), required.is_not(None))
    ).all()


def _judged(row, judged_on: date, window: timedelta) -> tuple[str, date | None]:
    """(state, due date) of one official on the day judged: with_training, no_tmt, overdue or within_window."""
    if row.leadership_published:
        done = row.leadership_met_on is not None and row.leadership_met_on <= judged_on
        due = row.leadership_due_date
    else:  # fallback for events from before personnel published its facts
        done = bool(row.records)
        due = row.tmt_jabatan + window if row.tmt_jabatan else None
    if done:
        return "with_training", due
    if due is None:
        return "no_tmt", None
    return ("overdue" if judged_on > due else "within_window"), due


def leadership(session: Session, scope: str, period: Period, rules: r.ReportRules, today: date,
               with_names: bool) -> dict:
    """Officials whose position requires leadership training: done, still in their window, or overdue."""
    judged_on = min(today, period.end)
    window = timedelta(days=rules.leadership_window_days)
    by_position = {key: {"key": key, "label": POSITION_TYPES[key], "n": 0, "with_training": 0, "overdue": 0}
                   for key in r.REQUIRED_LEADERSHIP}
    counts = {"with_training": 0, "within_window": 0, "overdue": 0, "no_tmt": 0}
    rows = _leadership_rows(session, scope)
    overdue_people = []
    for row in rows:
        state, due = _judged(row, judged_on, window)
        group = by_position.setdefault(row.position_type, {
            "key": row.position_type, "label": label(POSITION_TYPES, row.position_type), "n": 0,
            "with_training": 0, "overdue": 0})
        group["n"] += 1
        if state in ("with_training", "overdue"):
            group[state] += 1
        if state == "overdue":
            overdue_people.append((row, due))
        counts[state] += 1
    section = {"n": len(rows), **counts, "compliance_share": share(counts["with_training"], len(rows)),
               "judged_on": judged_on.isoformat(), "window_days": rules.leadership_window_days,
               "by_position": list(by_position.values()), "rule": r.leadership_rule(rules)}
    if with_names:
        section["overdue_officials"] = [
            {"employee_id": p.employee_id, "name": p.name, "department_code": p.department_code,
             "position_type": p.position_type, "required_training": p.required,
             "tmt_jabatan": p.tmt_jabatan.isoformat() if p.tmt_jabatan else None, "due_date": due.isoformat(),
             "days_overdue": (judged_on - due).days}
            for p, due in sorted(overdue_people, key=lambda item: (item[1], item[0].name))]
    return section


def _policy_rows(session: Session, scope: str, period: Period) -> list[dict]:
    """The policy versions in force at some time in the period that concern the scope.

    A department's report lists its own policies, the city-wide ones, and every policy its own staff
    attended a session of, whoever leads it. A version stays in the reports of the periods in which
    it was in force after a revision or retirement. Policies with no in-force history (applied before
    reporting kept one) fall back to their current state.
    """
    P, V, A = PolicyFact, PolicyVersionFact, SocializationAttendance
    attended_by_staff = (select(A.policy_id).join(E, E.employee_id == A.employee_id)
                         .where(_in_service(scope)).distinct())
    concerns = true() if scope == CITY else or_(P.department_code == scope, P.department_code.is_(None),
                                                P.policy_id.in_(attended_by_staff))
    in_period = and_(V.in_force_from <= period.end,
                     or_(V.in_force_until.is_(None), V.in_force_until >= period.start))
    versions = session.execute(
        select(P, V.version, V.in_force_from, V.in_force_until).join(V, V.policy_id == P.policy_id)
        .where(in_period, concerns).order_by(P.code, V.version)).all()
    rows = [{"policy": p, "version": version, "from": start, "until": until,
             "state": p.state if version == p.version else r.ENDED_POLICY_STATES[0]}
            for p, version, start, until in versions]
    without_history = session.execute(
        select(P).where(P.state.in_(r.ADOPTED_POLICY_STATES), concerns,
                        ~select(V.policy_id).where(V.policy_id == P.policy_id).exists()).order_by(P.code)).scalars()
    rows += [{"policy": p, "version": p.version, "from": None, "until": None, "state": p.state}
             for p in without_history]
    return sorted(rows, key=lambda row: (row["policy"].code, row["version"]))


def _attended(session: Session, scope: str, period: Period, row: dict) -> int:
    """Today's staff of the scope who attended a session of this version while it was in force (by period end)."""
    A = SocializationAttendance
    last = min(period.end, row["until"]) if row["until"] else period.end
    query = (select(func.count(func.distinct(A.employee_id))).join(E, E.employee_id == A.employee_id)
             .where(A.policy_id == row["policy"].policy_id, A.held_on <= last, _in_service(scope)))
    if row["from"] is not None:
        query = query.where(A.held_on >= row["from"])
    return session.execute(query).scalar_one()


def socialization(session: Session, scope: str, period: Period, rules: r.ReportRules, headcount: int) -> dict:
    """Per policy version in force in the period: who of today's staff (by their own department) attended."""
    policies = []
    for row in _policy_rows(session, scope, period):
        p, attended = row["policy"], _attended(session, scope, period, row)
        policies.append({
            "policy_id": p.policy_id, "code": p.code, "title": p.title, "version": row["version"],
            "state": row["state"], "state_label": label(POLICY_STATES, row["state"]),
            "in_force_from": row["from"].isoformat() if row["from"] else None,
            "in_force_until": row["until"].isoformat() if row["until"] else None,
            "n": headcount, "attended": attended, "coverage": share(attended, headcount)})
    return {"n": headcount, "rule": r.socialization_rule(rules), "policies": policies}


def competence_section(session: Session, scope: str, period: Period, rules: r.ReportRules, today: date,
                       with_names: bool) -> dict:
    figures = jp_figures(session, scope, period, rules)
    return {"title": "Kompetensi dan pelatihan", **figures,
            "leadership": leadership(session, scope, period, rules, today, with_names),
            "socialization": socialization(session, scope, period, rules, figures["headcount"]["n"])}
