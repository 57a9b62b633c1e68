"""The public-satisfaction section: the latest IKM per service unit, its trend, and the complaints beside it.

The IKM itself is survey's figure (from its snapshot). Where a report spans several service
units (the city, or a department with several), NRR and the converted index are averaged
weighted by respondents; the mutu grade is then left to the units (survey's rule), and the
report shows how many units hold each grade.

Nothing of an open campaign is public (PermenPANRB 14/2017 publishes a unit's results once its
survey closes, and survey's own API agrees): a public view reads closed campaigns only; staff
views also read the open ones, and the section says how many of its units are provisional
("sementara").
"""
from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.reporting.db.models import SurveyCampaignFact, SurveyResponseFact
from services.reporting.domain import rules as r
from services.reporting.domain.labels import UNSUR, UNSUR_KEYS
from services.reporting.domain.periods import Period
from services.reporting.reports import responsiveness
from services.reporting.reports.figures import in_scope

C = SurveyCampaignFact
CLOSED = "closed"


def latest_campaigns(session: Session, scope: str, period: Period, *, include_open: bool) -> tuple[list, list]:
    """Per service unit, the latest campaign begun by the period's end, and the one before it; closed campaigns
    only unless `include_open` (staff views)."""
    query = select(C).where(in_scope(C.department_code, scope), C.period_start <= period.end)
    if not include_open:
        query = query.where(C.status == CLOSED)
    rows = session.execute(query.order_by(C.period_start, C.period_end, C.campaign_id)).scalars().all()
    units = defaultdict(list)
    for row in rows:
        units[(row.department_code, row.service_unit)].append(row)
    current = [runs[-1] for runs in units.values()]
    pairs = [(runs[-1], runs[-2]) for runs in units.values() if len(runs) > 1]
    return current, pairs


def _weighted(campaigns: list, value) -> float | None:
    counted = [(value(c), c.respondents) for c in campaigns if c.respondents and value(c) is not None]
    weight = sum(n for _, n in counted)
    return sum(v * n for v, n in counted) / weight if weight else None


def combine(campaigns: list) -> dict:
    """The figures of one campaign as survey published them, or of several weighted by respondents."""
    n = sum(c.respondents for c in campaigns)
    if len(campaigns) == 1:
        c = campaigns[0]
        nrr, converted, mutu, kinerja = c.nrr or {}, c.converted, c.mutu, c.kinerja
        display = c.converted_display
    else:
        nrr = {k: v for k in UNSUR_KEYS if (v := _weighted(campaigns, lambda c, k=k: (c.nrr or {}).get(k)))}
        converted, mutu, kinerja = _weighted(campaigns, lambda c: c.converted), None, None
        display = None if converted is None else f"{converted:.2f}"
    weakest = min(nrr, key=lambda k: (nrr[k], k)) if nrr else None
    return {"n": n, "converted": None if converted is None else round(converted, 2), "converted_display": display,
            "mutu": mutu, "kinerja": kinerja,
            "nrr": [{"key": k, "label": UNSUR[k], "nrr": round(nrr[k], 3)} for k in UNSUR_KEYS if k in nrr],
            "weakest": weakest, "weakest_nrr": None if weakest is None else round(nrr[weakest], 3)}


def _trend(pairs: list) -> dict | None:
    if not pairs:
        return None
    now, before = combine([p[0] for p in pairs]), combine([p[1] for p in pairs])
    if now["converted"] is None or before["converted"] is None:
        return None
    delta = round(now["converted"] - before["converted"], 2)
    return {"delta": delta, "direction": "naik" if delta > 0 else "turun" if delta < 0 else "tetap",
            "previous": {"n": before["n"], "converted": before["converted"],
                         "period_labels": sorted({p[1].period_label for p in pairs})}}


def satisfaction_section(session: Session, scope: str, period: Period, rules: r.ReportRules,
                         feedback: list[dict] | None = None, *, view: str = "public") -> dict:
    """`feedback`: the responsiveness tallies of the same scope and period, when the caller has them already;
    `view`: "public" reads closed campaigns only, a staff view ("full", "internal") open ones too."""
    current, pairs = latest_campaigns(session, scope, period, include_open=view != "public")
    provisional = sum(1 for c in current if c.status != CLOSED)
    section = {"title": "Kepuasan masyarakat (SKM)", "rule": r.satisfaction_rule(rules), "units": len(current),
               "provisional": provisional > 0, "provisional_units": provisional}
    if not current:
        return {**section, "n": 0, "converted": None, "mutu": None, "nrr": [], "weakest_unsur": None,
                "trend": None, "sample": None}
    figures = combine(current)
    feedback = responsiveness.tallies(session, scope, period) if feedback is None else feedback
    weakest = figures.pop("weakest")
    weakest_nrr = figures.pop("weakest_nrr")
    received = session.execute(select(func.count()).where(
        SurveyResponseFact.campaign_id.in_([c.campaign_id for c in current]))).scalar_one()
    insufficient = [c for c in current if c.sample_sufficient is False]
    return {
        **section, **figures,
        "period_labels": sorted({c.period_label for c in current}),
        "mutu_by_unit": dict(sorted(Counter(c.mutu for c in current if c.mutu).items())),
        "responses_received": received,
        "weakest_unsur": None if weakest is None else {
            "key": weakest, "label": UNSUR[weakest], "nrr": weakest_nrr,
            "feedback": {"n": responsiveness.total(feedback, "n", unsur=weakest),
                         "complaints": responsiveness.total(feedback, "n", unsur=weakest, kind=r.COMPLAINT_KIND),
                         "open": responsiveness.total(feedback, "open", unsur=weakest),
                         "overdue": responsiveness.total(feedback, "missed", unsur=weakest)}},
        "trend": _trend(pairs),
        "sample": {"n": figures["n"], "required": sum(c.required_sample or 0 for c in current),
                   "sufficient": all(c.sample_sufficient for c in current),
                   "insufficient_units": len(insufficient)},
    }
