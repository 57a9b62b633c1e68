"""IKM formula: hand-computed examples, grade boundaries and properties of the running tally."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from services.survey.domain.ikm import Tally, compute_result, grade, round_converted, validate_answers
from services.survey.domain.unsur import UNSUR, UNSUR_KEYS

answer_sets = st.fixed_dictionaries({key: st.integers(1, 4) for key in UNSUR_KEYS})
response_lists = st.lists(answer_sets, min_size=1, max_size=40)


def uniform(score: int) -> dict[str, int]:
    return dict.fromkeys(UNSUR_KEYS, score)


def tally_of(responses) -> Tally:
    tally = Tally()
    for answers in responses:
        tally.add(answers)
    return tally


def responses_with_total(respondents: int, total: int) -> list[dict[str, int]]:
    """Real, valid answer sets whose grand total is `total`: start from all 1s, top up greedily."""
    extra = total - 9 * respondents
    responses = []
    for _ in range(respondents):
        answers = {}
        for key in UNSUR_KEYS:
            bump = min(3, extra)
            answers[key], extra = 1 + bump, extra - bump
        responses.append(answers)
    assert extra == 0
    return responses


def test_all_fours_is_exactly_100_and_a():
    result = compute_result(tally_of([uniform(4)] * 7))
    assert result.converted_exact == 100
    assert result.converted_display == Decimal("100.00")
    assert (result.mutu, result.kinerja) == ("A", "Sangat baik")


def test_all_ones_is_exactly_25_and_d():
    result = compute_result(tally_of([uniform(1)] * 3))
    assert result.converted == 25.0
    assert result.converted_display == Decimal("25.00")
    assert (result.mutu, result.kinerja) == ("D", "Tidak baik")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
        # Values between the table's rows are settled by rounding half up first.
        ("88.305", "A"),
        ("88.3049", "B"),
        ("76.605", "B"),
        ("64.995", "C"),
    ],
)
def test_grade_boundaries(value, expected):
    assert grade(Decimal(value))[0] == expected
    assert grade(float(value))[0] == expected


def test_exact_half_cent_rounds_up():
    # Exactly 65.005; its nearest float is 65.00499999..., which would display as 65.00.
    assert Decimal(float(Fraction(13001, 200))).quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("65.00")
    assert round_converted(Fraction(13001, 200)) == Decimal("65.01")


def test_grade_labels_and_range():
    assert grade(90) == ("A", "Sangat baik")
    assert grade(80) == ("B", "Baik")
    assert grade(70) == ("C", "Kurang baik")
    assert grade(50) == ("D", "Tidak baik")
    for bad in (24.99, 100.01, Decimal("NaN")):
        with pytest.raises(ValueError):
            grade(bad)
    with pytest.raises(TypeError):
        grade(True)


@pytest.mark.parametrize(
    ("respondents", "total", "display", "mutu"),
    [
        (5, 117, "65.00", "C"),  # 117 / 45 = 2.6 exactly; 2.6 * 25 = 65.00
        (19, 524, "76.61", "B"),  # 524 / 171 * 25 = 76.608...; NRR 3.06433 would misfile it as C
        (19, 604, "88.30", "B"),  # 604 / 171 * 25 = 88.304...
        (24, 763, "88.31", "A"),  # 763 / 216 * 25 = 88.310...
    ],
)
def test_boundaries_reached_through_real_answers(respondents, total, display, mutu):
    result = compute_result(tally_of(responses_with_total(respondents, total)))
    assert result.converted_exact == Fraction(25 * total, 9 * respondents)
    assert result.converted_display == Decimal(display)
    assert result.mutu == mutu


# Four respondents, answers u1..u9 (row totals on the right):
#   r1: 4 4 3 4 3 3 4 2 3 = 30
#   r2: 3 3 3 4 3 4 4 2 3 = 29
#   r3: 4 3 2 4 3 3 4 1 3 = 27
#   r4: 3 4 3 4 4 3 4 2 4 = 31
# Column sums: 14 14 11 16 13 13 16 7 13 (total 117 = 30+29+27+31)
# NRR = sum / 4: 3.5 3.5 2.75 4 3.25 3.25 4 1.75 3.25
# IKM = (sum of NRR) / 9 = 29.25 / 9 = 3.25; converted = 3.25 * 25 = 81.25 -> B "Baik".
MIXED = [
    dict(zip(UNSUR_KEYS, row, strict=True))
    for row in (
        (4, 4, 3, 4, 3, 3, 4, 2, 3),
        (3, 3, 3, 4, 3, 4, 4, 2, 3),
        (4, 3, 2, 4, 3, 3, 4, 1, 3),
        (3, 4, 3, 4, 4, 3, 4, 2, 4),
    )
]


def test_hand_computed_mixed_example():
    result = compute_result(tally_of(MIXED))
    assert result.respondents == 4
    assert result.nrr == dict(zip(UNSUR_KEYS, (3.5, 3.5, 2.75, 4, 3.25, 3.25, 4, 1.75, 3.25), strict=True))
    assert result.ikm == 3.25
    assert result.converted == 81.25
    assert result.converted_display == Decimal("81.25")
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert result.weakest_unsur == "u8"


def test_rounded_weight_0_111_gives_a_different_answer():
    def with_rounded_weight(tally: Tally) -> Decimal:
        nrr = [Decimal(tally.sums[key]) / tally.respondents for key in UNSUR_KEYS]
        return round_converted(sum(n * Decimal("0.111") for n in nrr) * 25)

    mixed = tally_of(MIXED)
    # 3.25 * 9 * 0.111 * 25 = 81.16875 instead of 81.25.
    assert with_rounded_weight(mixed) == Decimal("81.17") != compute_result(mixed).converted_display
    # A perfect score would not even reach 100.
    assert with_rounded_weight(tally_of([uniform(4)])) == Decimal("99.90")
    # And the shortfall can cost a unit its grade: exact 88.31 (A) becomes 88.22 (B).
    edge = tally_of(responses_with_total(24, 763))
    assert compute_result(edge).mutu == "A"
    assert grade(with_rounded_weight(edge))[0] == "B"


def test_weakest_unsur_ties_go_to_the_lowest_index():
    assert compute_result(tally_of([uniform(3)])).weakest_unsur == "u1"
    answers = uniform(4) | {"u3": 2, "u8": 2}
    assert compute_result(tally_of([answers])).weakest_unsur == "u3"


def test_zero_respondents_gives_empty_result():
    result = compute_result(Tally())
    assert result.respondents == 0
    assert result.nrr is None and result.converted is None and result.mutu is None
    assert result.weakest_unsur is None


@pytest.mark.parametrize(
    ("change", "bad_key"),
    [
        ({"u4": 0}, "u4"),
        ({"u5": 5}, "u5"),
        ({"u6": True}, "u6"),
        ({"u7": 3.0}, "u7"),
        ({"u2": "3"}, "u2"),
        ({"u10": 3}, "u10"),
    ],
)
def test_invalid_answers_name_the_key(change, bad_key):
    with pytest.raises(ValueError, match=bad_key):
        validate_answers(uniform(3) | change)


def test_missing_answer_names_the_key():
    answers = uniform(3)
    del answers["u9"]
    with pytest.raises(ValueError, match="u9"):
        Tally().add(answers)


def test_tally_round_trips_and_rejects_corrupt_data():
    tally = tally_of(MIXED)
    stored = tally.to_dict()
    assert stored == {
        "respondents": 4,
        **dict(zip(UNSUR_KEYS, (14, 14, 11, 16, 13, 13, 16, 7, 13), strict=True)),
    }
    assert Tally.from_dict(stored) == tally
    for corrupt in ({**stored, "u1": 3}, {**stored, "u1": 17}, {**stored, "respondents": -1}):
        with pytest.raises(ValueError):
            Tally.from_dict(corrupt)
    with pytest.raises(ValueError, match="u9"):
        Tally.from_dict({k: v for k, v in stored.items() if k != "u9"})


def test_unsur_definitions_are_complete():
    assert UNSUR_KEYS == tuple(f"u{i}" for i in range(1, 10))
    assert all(len(set(u.answers)) == 4 and u.question.endswith("?") for u in UNSUR)


@given(response_lists)
def test_converted_stays_within_25_and_100(responses):
    result = compute_result(tally_of(responses))
    assert 25 <= result.converted_exact <= 100
    assert 25 <= result.converted <= 100
    assert Decimal("25.00") <= result.converted_display <= Decimal("100.00")


@given(response_lists, st.data())
def test_raising_one_answer_never_lowers_the_index(responses, data):
    raisable = [(i, key) for i, r in enumerate(responses) for key in UNSUR_KEYS if r[key] < 4]
    assume(raisable)
    who, key = data.draw(st.sampled_from(raisable))
    raised = [dict(r) for r in responses]
    raised[who][key] += 1
    before, after = compute_result(tally_of(responses)), compute_result(tally_of(raised))
    assert after.converted_exact > before.converted_exact
    assert after.converted >= before.converted
    assert after.converted_display >= before.converted_display
    assert after.mutu <= before.mutu  # "A" < "D", so a better grade is a smaller letter


@given(response_lists, st.data())
def test_incremental_tally_matches_recomputation(responses, data):
    incremental = tally_of(responses)
    shuffled = tally_of(data.draw(st.permutations(responses)))
    scratch = Tally(len(responses), {key: sum(r[key] for r in responses) for key in UNSUR_KEYS})
    assert incremental == shuffled == scratch
    assert compute_result(incremental) == compute_result(scratch)

    cut = data.draw(st.integers(0, len(responses)))
    assert tally_of(responses[:cut]).merge(tally_of(responses[cut:])) == scratch
    assert Tally.from_dict(incremental.to_dict()) == incremental
