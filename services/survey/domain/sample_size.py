"""Minimum SKM sample size from the Krejcie-Morgan table, and whether a survey reached it.

SKM practice cites the published table, not the formula behind it, so the table is the source
of truth here; a test checks every row against the formula to catch typos.
"""

from bisect import bisect_left

# (population N, required sample S) exactly as published by Krejcie & Morgan (1970).
# fmt: off
KREJCIE_MORGAN: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28),
    (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
    (60, 52), (65, 56), (70, 59), (75, 63), (80, 66),
    (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
    (120, 92), (130, 97), (140, 103), (150, 108), (160, 113),
    (170, 118), (180, 123), (190, 127), (200, 132), (210, 136),
    (220, 140), (230, 144), (240, 148), (250, 152), (260, 155),
    (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201),
    (440, 205), (460, 210), (480, 214), (500, 217), (550, 226),
    (600, 234), (650, 242), (700, 248), (750, 254), (800, 260),
    (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285),
    (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327),
    (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364),
    (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377),
    (30000, 379), (40000, 380), (50000, 381), (75000, 382), (1000000, 384),
)
# fmt: on

_POPULATIONS = tuple(n for n, _ in KREJCIE_MORGAN)
_MAX_SAMPLE = KREJCIE_MORGAN[-1][1]


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {value!r}")


def required_sample(population: int) -> int:
    """Minimum number of respondents for a period that served `population` people."""
    _check_count("population", population)
    if population <= 0:
        raise ValueError(f"population must be positive, got {population}")
    index = bisect_left(_POPULATIONS, population)
    if index == len(_POPULATIONS):
        return _MAX_SAMPLE
    # Between rows we take the next larger row: never under-sample. For small N that row's S can
    # exceed N itself (N=11 -> row 15 -> 14), and nobody can survey more people than exist.
    return min(KREJCIE_MORGAN[index][1], population)


def sample_sufficient(respondents: int, population: int) -> bool:
    """Whether a report may say its sample met the Krejcie-Morgan minimum."""
    _check_count("respondents", respondents)
    if respondents < 0:
        raise ValueError(f"respondents must not be negative, got {respondents}")
    return respondents >= required_sample(population)
