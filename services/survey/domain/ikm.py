"""The single home of the SKM/IKM formula (PermenPANRB 14/2017): tallies, NRR, IKM and the grade.

Everything is kept as integer sums and turned into a Fraction only when a result is asked for.
Published reports that weight each NRR by a rounded 0.111 are off by up to a point, which can
move a unit across a grade boundary; the exact 1/9 weighting here cannot.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from services.survey.domain.unsur import MAX_SCORE, MIN_SCORE, UNSUR_KEYS

# (lowest converted value in the band, mutu, kinerja unit), best band first.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang baik"),
    (Decimal("25.00"), "D", "Tidak baik"),
)
_CENT, _TOP = Decimal("0.01"), Decimal("100.00")


def _is_int(value: object) -> bool:
    # bool is an int subclass; True would silently count as a score of 1.
    return isinstance(value, int) and not isinstance(value, bool)


def validate_answers(answers: Mapping[str, int]) -> dict[str, int]:
    """Return the 9 answers in unsur order, or raise ValueError naming the first bad key."""
    unknown = sorted(set(answers) - set(UNSUR_KEYS), key=str)
    if unknown:
        raise ValueError(f"unknown unsur key {unknown[0]!r}")
    for key in UNSUR_KEYS:
        if key not in answers:
            raise ValueError(f"missing answer for {key}")
        value = answers[key]
        if not _is_int(value) or not MIN_SCORE <= value <= MAX_SCORE:
            raise ValueError(f"{key}: answer must be an integer {MIN_SCORE}..{MAX_SCORE}, got {value!r}")
    return {key: int(answers[key]) for key in UNSUR_KEYS}


@dataclass
class Tally:
    """Running totals for one survey period: enough to recompute the IKM without the raw answers."""

    respondents: int = 0
    sums: dict[str, int] = field(default_factory=lambda: dict.fromkeys(UNSUR_KEYS, 0))

    def __post_init__(self) -> None:
        _check_consistent(self.respondents, self.sums)
        self.sums = dict(self.sums)  # add() mutates it; never the caller's dict

    def add(self, answers: Mapping[str, int]) -> None:
        clean = validate_answers(answers)
        self.respondents += 1
        for key, value in clean.items():
            self.sums[key] += value

    def merge(self, other: "Tally") -> "Tally":
        """Return a new tally covering both (e.g. quarters into a year); neither input changes."""
        return Tally(
            self.respondents + other.respondents,
            {key: self.sums[key] + other.sums[key] for key in UNSUR_KEYS},
        )

    def to_dict(self) -> dict[str, int]:
        return {"respondents": self.respondents, **{key: self.sums[key] for key in UNSUR_KEYS}}

    @classmethod
    def from_dict(cls, data: Mapping[str, int]) -> "Tally":
        try:
            return cls(data["respondents"], {key: data[key] for key in UNSUR_KEYS})
        except KeyError as exc:
            raise ValueError(f"tally is missing {exc.args[0]!r}") from None


def _check_consistent(respondents: int, sums: Mapping[str, int]) -> None:
    if not _is_int(respondents) or respondents < 0:
        raise ValueError(f"respondents must be a non-negative integer, got {respondents!r}")
    if set(sums) != set(UNSUR_KEYS):
        raise ValueError(f"tally sums must have exactly the keys {', '.join(UNSUR_KEYS)}")
    for key in UNSUR_KEYS:
        value = sums[key]
        # Every respondent contributes 1..4 to every sum, so anything outside this is corrupt.
        if not _is_int(value):
            raise ValueError(f"{key}: sum must be an integer, got {value!r}")
        if not MIN_SCORE * respondents <= value <= MAX_SCORE * respondents:
            raise ValueError(f"{key}: sum {value} is impossible for {respondents} respondents")


@dataclass(frozen=True)
class IkmResult:
    """One period's published figures; every field but respondents is None when nobody answered."""

    respondents: int
    nrr: dict[str, float] | None = None
    ikm: float | None = None
    converted: float | None = None
    converted_exact: Fraction | None = None
    converted_display: Decimal | None = None
    mutu: str | None = None
    kinerja: str | None = None
    weakest_unsur: str | None = None


def round_converted(converted: float | Decimal | Fraction | int) -> Decimal:
    """Round a converted index to 2 decimals, half up, as the grade table expects."""
    if isinstance(converted, bool) or not isinstance(converted, float | Decimal | Fraction | int):
        raise TypeError(f"converted index must be a number, got {converted!r}")
    if isinstance(converted, Fraction | int):
        # Exact: float/Decimal conversion could turn a true x.xx5 into x.xx4999... and round down.
        cents = math.floor(Fraction(converted) * 100 + Fraction(1, 2))
        return Decimal(cents).scaleb(-2)
    if isinstance(converted, float):
        # repr gives the shortest decimal that round-trips, i.e. the number the caller wrote.
        converted = Decimal(repr(converted))
    if not converted.is_finite():
        raise ValueError(f"converted index must be finite, got {converted!r}")
    return converted.quantize(_CENT, rounding=ROUND_HALF_UP)


def grade(converted: float | Decimal | Fraction | int) -> tuple[str, str]:
    """Return (mutu, kinerja unit) for a converted index on the 25-100 scale."""
    rounded = round_converted(converted)
    if not GRADES[-1][0] <= rounded <= _TOP:
        raise ValueError(f"converted index {rounded} is outside 25.00..100.00")
    return next((mutu, kinerja) for floor, mutu, kinerja in GRADES if rounded >= floor)


def compute_result(tally: Tally) -> IkmResult:
    n = tally.respondents
    if n == 0:
        return IkmResult(respondents=0)
    total = sum(tally.sums[key] for key in UNSUR_KEYS)
    # IKM = sum(NRR_i) / 9 = sum(sums_i / n) / 9 = total / (9n): one exact division.
    ikm_exact = Fraction(total, len(UNSUR_KEYS) * n)
    converted_exact = ikm_exact * 25
    mutu, kinerja = grade(converted_exact)
    return IkmResult(
        respondents=n,
        nrr={key: float(Fraction(tally.sums[key], n)) for key in UNSUR_KEYS},
        ikm=float(ikm_exact),
        converted=float(converted_exact),
        converted_exact=converted_exact,
        converted_display=round_converted(converted_exact),
        mutu=mutu,
        kinerja=kinerja,
        # Same n for every unsur, so comparing integer sums is exact; min() keeps the first on ties.
        weakest_unsur=min(UNSUR_KEYS, key=lambda key: tally.sums[key]),
    )
