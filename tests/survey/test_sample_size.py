"""Krejcie-Morgan minimum sample size."""

import pytest

from services.survey.domain.sample_size import KREJCIE_MORGAN, required_sample, sample_sufficient


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (10, 10),
        (15, 14),
        (20, 19),
        (30, 28),
        (50, 44),
        (60, 52),
        (220, 140),
        (300, 169),
        (1200, 291),
        (2000, 322),
        (1_000_000, 384),
        (5_000_000, 384),
    ],
)
def test_published_values_from_domain_reference(population, sample):
    assert required_sample(population) == sample


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (215, 140),  # between 210 (136) and 220 (140): take the larger row
        (1250, 297),  # between 1200 (291) and 1300 (297)
        (100_000, 384),  # between 75 000 (382) and 1 000 000 (384)
        (11, 11),  # row 15 asks for 14, but only 11 people exist
        (37, 36),  # row 40 asks for 36, fewer than 37
    ],
)
def test_between_rows_is_conservative_but_never_exceeds_population(population, sample):
    assert required_sample(population) == sample


def test_small_populations_survey_everyone():
    assert [required_sample(n) for n in range(1, 10)] == list(range(1, 10))


def test_invalid_population():
    for bad in (0, -5):
        with pytest.raises(ValueError):
            required_sample(bad)
    with pytest.raises(TypeError):
        required_sample(12.5)


def test_table_rows_match_the_formula_they_came_from():
    # s = X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)) with X^2 = 3.841, P = 0.5, d = 0.05.
    for population, sample in KREJCIE_MORGAN:
        formula = 3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)
        assert round(formula) == sample, population


def test_required_sample_never_decreases_with_population():
    samples = [required_sample(n) for n in range(1, 20_000, 7)]
    assert samples == sorted(samples)


def test_sample_sufficient():
    assert sample_sufficient(140, 220)
    assert not sample_sufficient(139, 220)
    assert sample_sufficient(384, 2_000_000)
    assert sample_sufficient(5, 5)
    with pytest.raises(ValueError):
        sample_sufficient(-1, 100)
