"""The survey service's own settings: read from the environment once, at start, and passed in.

Domain rules take these as arguments; nothing under domain/ reads the environment or a file.
Each default is stated once, on the dataclass field.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    # Where citizens reach this service (PUBLIC_BASE_URL), printed under the QR codes; None: the request's host.
    public_base_url: str | None = None


def load_config(env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    return Config(public_base_url=(env.get("PUBLIC_BASE_URL") or "").rstrip("/") or None)
