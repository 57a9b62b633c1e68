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


def leadership(session: Session, scope: str, period: Period, rules: r.ReportRules, today: date,
               with_names: bool) -> dict:
    """Officials whose position requires leadership training: done, still in their window, or overdue."""
    required = case(r.REQUIRED_LEADERSHIP, value=E.position_type)
    L = LeadershipCredit
    rows = session.execute(
        select(E.employee_id, E.name, E.department_code, E.position_type, E.tmt_jabatan, L.records)
        .select_from(E).outerjoin(L, and_(L.employee_id == E.employee_id, L.level == required))
        .where(_in_service(scope), E.position_type.in_(tuple(r.REQUIRED_LEADERSHIP)))
    ).all()
    judged_on = min(today, period.end)
    window = timedelta(days=rules.leadership_window_days)
    by_position = {key: {"key": key, "label": POSITION_TYPES[key], "n": 0, "with_training": 0, "overdue": 0}
                   for key in r.REQUIRED_LEADERSHIP}
    counts = {"with_training": 0, "within_window": 0, "overdue": 0, "no_tmt": 0}
    overdue_people = []
    for row in rows:
        group = by_position[row.position_type]
        group["n"] += 1
        if row.records:
            state = "with_training"
            group["with_training"] += 1
        elif row.tmt_jabatan is None:
            state = "no_tmt"
        elif judged_on > row.tmt_jabatan + window:
            state = "overdue"
            group["overdue"] += 1
            overdue_people.append(row)
        else:
            state = "within_window"
        counts[state] += 1
    section = {"n": len(rows), **counts, "compliance_share": share(counts["with_training"], len(rows)),
               "judged_on": judged_on.isoformat(), "window_days": rules.leadership_window_days,
               "by_position": list(by_position.values()), "rule": r.leadership_rule(rules)}
    if with_names:
        section["overdue_officials"] = [
            {"employee_id": p.employee_id, "name": p.name, "department_code": p.department_code,
             "position_type": p.position_type, "required_training": r.REQUIRED_LEADERSHIP[p.position_type],
             "tmt_jabatan": p.tmt_jabatan.isoformat(), "due_date": (p.tmt_jabatan + window).isoformat(),
             "days_overdue": (judged_on - p.tmt_jabatan - window).days}
            for p in sorted(overdue_people, key=lambda p: (p.tmt_jabatan, p.name))]
    return section


def socialization(session: Session, scope: str, period: Period, rules: r.ReportRules, headcount: int) -> dict:
    """Per policy in force (the department's own and the city-wide ones): who of today's staff attended."""
    P, A = PolicyFact, SocializationAttendance
    owner = true() if scope == CITY else or_(P.department_code == scope, P.department_code.is_(None))
    policies = session.execute(select(P).where(P.state.in_(r.ADOPTED_POLICY_STATES), owner)
                               .order_by(P.code)).scalars().all()
    attended = {}
    if policies:
        attended = dict(session.execute(
            select(A.policy_id, func.count(func.distinct(A.employee_id)))
            .join(E, E.employee_id == A.employee_id)
            .where(A.policy_id.in_([p.policy_id for p in policies]), A.held_on <= period.end,
                   _in_service(scope))
            .group_by(A.policy_id)).all())
    return {"n": headcount, "rule": r.socialization_rule(rules), "policies": [
        {"policy_id": p.policy_id, "code": p.code, "title": p.title, "state": p.state,
         "state_label": label(POLICY_STATES, p.state), "n": headcount, "attended": attended.get(p.policy_id, 0),
         "coverage": share(attended.get(p.policy_id, 0), headcount)}
        for p in policies]}


def competence_section(session: Session, scope: str, period: Period, rules: r.ReportRules, today: date,
                       with_names: bool) -> dict:
    figures = jp_figures(session, scope, period, rules)
    return {"title": "Kompetensi dan pelatihan", **figures,
            "leadership": leadership(session, scope, period, rules, today, with_names),
            "socialization": socialization(session, scope, period, rules, figures["headcount"]["n"])}
