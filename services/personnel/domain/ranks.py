"""The 17 civil-service ranks (golongan/ruang) I/a..IV/e, ordered by seniority, not by string."""

import re
from dataclasses import dataclass
from functools import total_ordering


@total_ordering
@dataclass(frozen=True)
class Rank:
    order: int  # 0 (I/a) .. 16 (IV/e); the only thing ranks are compared by
    code: str  # "III/a"
    name: str  # "Penata Muda"

    @property
    def golongan(self) -> str:
        return self.code.split("/")[0]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Rank):
            return NotImplemented
        return self.order < other.order

    def __str__(self) -> str:
        return self.code


# The one table of ranks (docs/domain.md, 'Ranks'); list order is seniority order.
_TABLE = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]

RANKS: tuple[Rank, ...] = tuple(Rank(i, code, name) for i, (code, name) in enumerate(_TABLE))
RANK_CODES: list[str] = [rank.code for rank in RANKS]
_BY_CODE = {rank.code: rank for rank in RANKS}

# Legacy data writes "III/a" as "iii/a", "III-a", "IIIa", "III.a" or even "3a".
# Longest numeral first so "IIIa" is not read as "II" + "Ia".
_PATTERN = re.compile(r"^(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])$")
_ARABIC = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def parse_rank(value: "str | Rank") -> Rank:
    """Normalise a rank code to its Rank; raise ValueError listing the valid codes."""
    if isinstance(value, Rank):
        return value
    match = _PATTERN.match(str(value).strip().upper())
    rank = None
    if match:
        golongan = _ARABIC.get(match.group(1), match.group(1))
        rank = _BY_CODE.get(f"{golongan}/{match.group(2).lower()}")
    if rank is None:
        raise ValueError(f"unknown rank {value!r}: expected one of {', '.join(RANK_CODES)}")
    return rank
