"""Position types, employee types and the leadership training each position requires."""

from enum import StrEnum


class EmployeeType(StrEnum):
    PNS = "PNS"  # permanent civil servant
    PPPK = "PPPK"  # government employee on contract


class PositionType(StrEnum):
    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


class LeadershipLevel(StrEnum):
    PKN_II = "PKN_II"  # Pelatihan Kepemimpinan Nasional Tingkat II
    PKA = "PKA"  # Pelatihan Kepemimpinan Administrator
    PKP = "PKP"  # Pelatihan Kepemimpinan Pengawas


# PKN II ⊇ PKA ⊇ PKP: a higher level of leadership training satisfies a lower-level requirement
# (docs/domain.md, 'Leadership training'; the ladder of LAN's leadership trainings, the regulation that
# states the equivalence unconfirmed).
LEADERSHIP_ORDER: dict[LeadershipLevel, int] = {
    LeadershipLevel.PKP: 1,
    LeadershipLevel.PKA: 2,
    LeadershipLevel.PKN_II: 3,
}

# docs/domain.md ('Leadership training') names a requirement only for these three; every other position needs none.
REQUIRED_LEADERSHIP_TRAINING: dict[PositionType, LeadershipLevel] = {
    PositionType.JPT_PRATAMA: LeadershipLevel.PKN_II,
    PositionType.ADMINISTRATOR: LeadershipLevel.PKA,
    PositionType.PENGAWAS: LeadershipLevel.PKP,
}


def parse_employee_type(value: str) -> EmployeeType:
    """Accept 'PNS'/'pppk' in any case; reject anything else with the valid choices."""
    try:
        return EmployeeType(str(value).strip().upper())
    except ValueError:
        valid = ", ".join(EmployeeType)
        raise ValueError(f"unknown employee type {value!r}: expected one of {valid}") from None


def parse_position_type(value: str) -> PositionType:
    """Accept e.g. 'JPT Pratama' or 'jpt-pratama' as well as the canonical 'jpt_pratama'."""
    key = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return PositionType(key)
    except ValueError:
        valid = ", ".join(PositionType)
        raise ValueError(f"unknown position type {value!r}: expected one of {valid}") from None


def required_leadership_training(position_type: str) -> LeadershipLevel | None:
    """The leadership training a holder of this position must complete, or None."""
    return REQUIRED_LEADERSHIP_TRAINING.get(parse_position_type(position_type))


def satisfies(completed_level: str, required_level: str) -> bool:
    """Whether a completed leadership training meets a requirement: the same level or a higher one."""
    try:
        return LEADERSHIP_ORDER[LeadershipLevel(completed_level)] >= LEADERSHIP_ORDER[LeadershipLevel(required_level)]
    except ValueError:
        return False


def highest_level(levels) -> LeadershipLevel | None:
    """The highest of these leadership levels (unknown ones ignored), or None."""
    known = [LeadershipLevel(level) for level in levels if level in LeadershipLevel.__members__.values()]
    return max(known, key=LEADERSHIP_ORDER.__getitem__, default=None)
