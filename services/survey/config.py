"""The survey service's own settings: read from the environment once, at start, and passed in.

Domain rules take these as arguments; nothing under domain/ reads the environment or a file.
Each default is stated once, on the dataclass field.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass

from limits import parse

log = logging.getLogger(__name__)

DEV_TOKEN_SECRET = "dev-only-survey-token-secret"  # noqa: S105 - deliberately public; see the warning below


@dataclass(frozen=True)
class Config:
    # Where citizens reach this service (PUBLIC_BASE_URL), printed under the QR codes; None: the request's host.
    public_base_url: str | None = None
    # SURVEY_TOKEN_SECRET: the key from which each batch's invitation tokens are derived, so that a sheet of
    # the unused ones can be printed again without storing any token (README, "Tokens").
    token_secret: bytes = DEV_TOKEN_SECRET.encode()
    # SURVEY_RESPONSES_PER_ADDRESS: responses one address may send to one campaign (a `limits` string).
    responses_per_address: str = "20/hour"


def load_config(env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    secret = env.get("SURVEY_TOKEN_SECRET") or ""
    if not secret:
        log.warning("SURVEY_TOKEN_SECRET not set: survey uses the public DEVELOPMENT secret for invitation "
                    "tokens. Anyone could derive them. Never run like this in production.")
    per_address = env.get("SURVEY_RESPONSES_PER_ADDRESS") or Config.responses_per_address
    try:
        parse(per_address)
    except ValueError:
        raise ValueError(f"SURVEY_RESPONSES_PER_ADDRESS={per_address!r} is not a rate such as '20/hour'") from None
    return Config(public_base_url=(env.get("PUBLIC_BASE_URL") or "").rstrip("/") or None,
                  token_secret=(secret or DEV_TOKEN_SECRET).encode(), responses_per_address=per_address)
