"""The registry of partner systems: other city systems that send messages into the suite.

One YAML file (deploy/rabbitmq/partners.yaml) serves two readers: the broker definitions, which
give each partner its own broker user allowed to publish only its own routing keys on
`asn.inbound` and to read only what it is registered to read on `asn.events`; and the consumer
of `asn.inbound` (personnel's), which accepts a message only from a registered partner, only of
a type it may send, and acts for it only within its registered departments.

    lms-bkpsdm:                        # the partner's broker user
      description: BKPSDM's learning platform
      sends: [inbound.training.completed]
      departments: ["*"]               # or a list of OPD codes
      reads: [reporting.report.updated]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from shared.principal import Principal

ALL_DEPARTMENTS = "*"


@dataclass(frozen=True)
class Partner:
    user: str
    sends: tuple[str, ...] = ()
    departments: frozenset[str] = field(default_factory=frozenset)
    reads: tuple[str, ...] = ()
    description: str = ""

    @property
    def principal(self) -> Principal:
        return Principal(subject=f"partner:{self.user}", role="partner", name=self.description or self.user,
                         departments=self.departments)


def parse_partners(raw: dict | None) -> dict[str, Partner]:
    partners = {}
    for user, entry in (raw or {}).items():
        entry = entry or {}
        unknown = set(entry) - {"sends", "departments", "reads", "description"}
        if unknown:
            raise ValueError(f"partner {user!r}: unknown key(s) {sorted(unknown)}")
        partners[str(user)] = Partner(user=str(user), sends=tuple(entry.get("sends") or ()),
                                      departments=frozenset(entry.get("departments") or ()),
                                      reads=tuple(entry.get("reads") or ()),
                                      description=str(entry.get("description") or ""))
    return partners


def load_partners(path: str | Path | None) -> dict[str, Partner]:
    """The registry from its file; no file, no partners (every inbound message is refused)."""
    if not path:
        return {}
    return parse_partners(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
