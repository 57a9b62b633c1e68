"""Recommendations for the next policy revision: rule-based, each citing the figure that triggered it.

All rules and thresholds live here; `Thresholds` states each default once, and config.py
reads the overrides (REPORT_RECOMMENDATION_THRESHOLDS) when the service starts. A rule whose
figure is missing (no data, or suppressed in a public view) stays silent.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Thresholds:
    weakest_unsur_nrr_below: float = 3.0  # NRR on the 1-4 scale; 3.0 = "baik"
    pns_at_minimum_share_below: float = 0.80
    complaints_overdue_share_above: float = 0.10
    leadership_overdue_above: int = 0
    socialization_coverage_below: float = 0.50
    ikm_drop_points_above: float = 2.0  # converted index points against the previous campaign
    unanswered_comments_above: int = 0  # citizens' input on a policy left without an official answer


def _pct(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")


def _num(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _get(report: dict, path: str) -> Any:
    node: Any = report
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _cite(rule: str, section: str, figure: str, value, threshold, text: str, subject: str | None = None) -> dict:
    """A recommendation: the rule, the figure and its value against the threshold; `subject` names what a
    per-policy rule is about (the policy's code), so that the same finding is recognised next period."""
    return {"rule": rule, "section": section, "figure": figure, "value": value, "threshold": threshold,
            "text": text, "subject": subject}


def weakest_unsur(report: dict, t: Thresholds) -> list[dict]:
    weakest = _get(report, "sections.satisfaction.weakest_unsur") or {}
    nrr = weakest.get("nrr")
    if nrr is None or nrr >= t.weakest_unsur_nrr_below:
        return []
    return [_cite("weakest_unsur", "satisfaction", "satisfaction.weakest_unsur.nrr", nrr,
                  t.weakest_unsur_nrr_below,
                  f"Fokuskan revisi kebijakan pada unsur '{weakest.get('label')}': NRR {_num(nrr)} "
                  f"di bawah {_num(t.weakest_unsur_nrr_below)}.")]


def pns_training(report: dict, t: Thresholds) -> list[dict]:
    share = _get(report, "sections.competence.jp.pns.share_at_minimum")
    if share is None or share >= t.pns_at_minimum_share_below:
        return []
    minimum = _get(report, "sections.competence.jp.pns.minimum")
    return [_cite("pns_training", "competence", "competence.jp.pns.share_at_minimum", share,
                  t.pns_at_minimum_share_below,
                  f"Rencanakan pelatihan: baru {_pct(share)} PNS mencapai {minimum} JP, "
                  f"di bawah target {_pct(t.pns_at_minimum_share_below)}.")]


def complaints_overdue(report: dict, t: Thresholds) -> list[dict]:
    share = _get(report, "sections.responsiveness.complaints.share_overdue")
    if share is None or share <= t.complaints_overdue_share_above:
        return []
    return [_cite("complaints_overdue", "responsiveness", "responsiveness.complaints.share_overdue", share,
                  t.complaints_overdue_share_above,
                  f"Tingkatkan responsivitas: {_pct(share)} pengaduan melewati batas waktu "
                  f"(batas toleransi {_pct(t.complaints_overdue_share_above)}).")]


def leadership_overdue(report: dict, t: Thresholds) -> list[dict]:
    overdue = _get(report, "sections.competence.leadership.overdue")
    if overdue is None or overdue <= t.leadership_overdue_above:
        return []
    return [_cite("leadership_overdue", "competence", "competence.leadership.overdue", overdue,
                  t.leadership_overdue_above,
                  f"Jadwalkan pelatihan kepemimpinan: {overdue} pejabat melewati batas waktu "
                  "pelatihan kepemimpinan untuk jabatannya.")]


def socialization_coverage(report: dict, t: Thresholds) -> list[dict]:
    found = []
    for i, policy in enumerate(_get(report, "sections.competence.socialization.policies") or []):
        coverage = policy.get("coverage")
        if coverage is not None and coverage < t.socialization_coverage_below:
            found.append(_cite("socialization_coverage", "competence",
                               f"competence.socialization.policies[{i}].coverage", coverage,
                               t.socialization_coverage_below,
                               f"Perluas sosialisasi kebijakan {policy.get('code')}: baru {_pct(coverage)} "
                               f"ASN hadir, di bawah {_pct(t.socialization_coverage_below)}.",
                               policy.get("code")))
    return found


def ikm_trend(report: dict, t: Thresholds) -> list[dict]:
    delta = _get(report, "sections.satisfaction.trend.delta")
    if delta is None or -delta <= t.ikm_drop_points_above:
        return []
    return [_cite("ikm_drop", "satisfaction", "satisfaction.trend.delta", delta, -t.ikm_drop_points_above,
                  f"Telusuri penurunan kepuasan: nilai IKM turun {_num(-delta)} poin dibanding survei "
                  "sebelumnya.")]


def unanswered_comments(report: dict, t: Thresholds) -> list[dict]:
    """Public input on a policy left without an official answer: answer it, and say so if the policy was adopted."""
    found = []
    for i, policy in enumerate(_get(report, "sections.consultation.policies") or []):
        left = policy.get("unanswered")
        if left is None or left <= t.unanswered_comments_above:
            continue
        when = ("; kebijakan ini sudah ditetapkan sebelum semua masukan dijawab"
                if policy.get("answered_before_adoption") is False else "")
        found.append(_cite("unanswered_comments", "consultation", f"consultation.policies[{i}].unanswered", left,
                           t.unanswered_comments_above,
                           f"Berikan jawaban resmi atas {left} masukan warga untuk kebijakan {policy.get('code')} "
                           f"yang belum dijawab{when}.", policy.get("code")))
    return found


RULES: tuple[Callable[[dict, Thresholds], list[dict]], ...] = (
    weakest_unsur, pns_training, complaints_overdue, leadership_overdue, socialization_coverage, ikm_trend,
    unanswered_comments,
)


def recommend(report: dict, thresholds: Thresholds) -> list[dict]:
    """Every recommendation whose rule the report's figures trigger, in rule order."""
    return [item for rule in RULES for item in rule(report, thresholds)]


# Which side of its threshold a rule's figure must reach for the gap to close: "at_least" for a figure that
# triggered by falling below it, "at_most" for one that triggered by rising above it.
CLOSES_AT: dict[str, str] = {
    "weakest_unsur": "at_least", "pns_training": "at_least", "complaints_overdue": "at_most",
    "leadership_overdue": "at_most", "socialization_coverage": "at_least", "ikm_drop": "at_least",
    "unanswered_comments": "at_most",
}


def gap_closed(rule: str, value, threshold) -> bool | None:
    """Whether a figure no longer triggers its rule against `threshold`; None when unknown (no figure, or a rule
    this version does not know)."""
    side = CLOSES_AT.get(rule)
    if side is None or value is None or threshold is None:
        return None
    return value >= threshold if side == "at_least" else value <= threshold
