"""Recommendation rules: each fires on its figure, cites it, and stays silent at or past its threshold."""
from services.reporting.domain.recommendations import Thresholds, recommend


def report(**sections):
    return {"sections": sections}


def rules_of(recs):
    return [r["rule"] for r in recs]


def test_weakest_unsur_below_three_focuses_the_revision_there():
    recs = recommend(report(satisfaction={"weakest_unsur": {"key": "u3", "label": "Waktu penyelesaian",
                                                            "nrr": 2.94}}), Thresholds())
    assert recs == [{"rule": "weakest_unsur", "section": "satisfaction", "figure": "satisfaction.weakest_unsur.nrr",
                     "value": 2.94, "threshold": 3.0,
                     "text": "Fokuskan revisi kebijakan pada unsur 'Waktu penyelesaian': NRR 2,94 di bawah 3,00.",
                     "subject": None}]
    assert recommend(report(satisfaction={"weakest_unsur": {"nrr": 3.0}}), Thresholds()) == []


def test_fewer_than_80_percent_pns_at_20_jp_plans_training():
    jp = lambda share: {"jp": {"pns": {"share_at_minimum": share, "minimum": 20}}}  # noqa: E731
    recs = recommend(report(competence=jp(0.7912)), Thresholds())
    assert rules_of(recs) == ["pns_training"] and recs[0]["value"] == 0.7912
    assert "79,1 %" in recs[0]["text"] and "20 JP" in recs[0]["text"]
    assert recommend(report(competence=jp(0.8)), Thresholds()) == []


def test_more_than_10_percent_complaints_overdue_asks_for_responsiveness():
    over = recommend(report(responsiveness={"complaints": {"share_overdue": 0.1001}}), Thresholds())
    assert rules_of(over) == ["complaints_overdue"] and over[0]["figure"] == "responsiveness.complaints.share_overdue"
    assert recommend(report(responsiveness={"complaints": {"share_overdue": 0.1}}), Thresholds()) == []


def test_leadership_socialization_and_ikm_drop():
    recs = recommend(report(
        competence={"leadership": {"overdue": 2},
                    "socialization": {"policies": [{"code": "PERWALI-7", "coverage": 0.3},
                                                   {"code": "PERWALI-8", "coverage": 0.9}]}},
        satisfaction={"trend": {"delta": -2.5}}), Thresholds())
    assert rules_of(recs) == ["leadership_overdue", "socialization_coverage", "ikm_drop"]
    assert recs[1]["figure"] == "competence.socialization.policies[0].coverage"


def test_missing_or_suppressed_figures_trigger_nothing():
    assert recommend(report(competence={"jp": {"pns": {"share_at_minimum": None}}, "leadership": {"overdue": None}},
                            satisfaction={"weakest_unsur": None, "trend": None}), Thresholds()) == []



def test_thresholds_given_change_what_fires():
    lenient = Thresholds(pns_at_minimum_share_below=0.5)
    assert recommend(report(competence={"jp": {"pns": {"share_at_minimum": 0.6, "minimum": 20}}}), lenient) == []
