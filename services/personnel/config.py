"""The personnel service's own settings: read from the environment once, at start, and passed in.

Domain rules take these as arguments; nothing under domain/ reads the environment or a file.
Each default is stated once, on the dataclass field (the rule's own dataclass in domain/).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from services.personnel.domain.competence import LeadershipWindow
from shared.config import positive_int
from shared.partners import Partner, load_partners

WINDOW_MONTHS = "LEADERSHIP_TRAINING_WINDOW_MONTHS"
PARTNERS_FILE = "INBOUND_PARTNERS_FILE"  # the registry of partner systems (deploy/rabbitmq/partners.yaml)


@dataclass(frozen=True)
class Config:
    leadership: LeadershipWindow = field(default_factory=LeadershipWindow)
    # Other city systems allowed to send to asn.inbound, by broker user; none: every message is refused.
    partners: dict[str, Partner] = field(default_factory=dict)


def load_config(env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    months = positive_int(env, WINDOW_MONTHS)
    return Config(leadership=LeadershipWindow(months) if months else LeadershipWindow(),
                  partners=load_partners(env.get(PARTNERS_FILE, "").strip() or None))
