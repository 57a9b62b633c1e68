"""Addresses and QR codes that lead a citizen's phone to a campaign (segno, as SVG data URIs)."""
from __future__ import annotations

import segno
from flask import request, url_for

from shared.web.app_factory import service_context


def public_base_url() -> str:
    """Where citizens reach this service: PUBLIC_BASE_URL when set (behind a proxy), else this request's host."""
    return service_context().config.public_base_url or request.host_url.rstrip("/")


def campaign_url(campaign_id: str, token: str | None = None) -> str:
    # A token rides after "#": browsers never send the fragment, so it never lands in a server log.
    url = public_base_url() + url_for("survey_pages.questionnaire", campaign_id=campaign_id)
    return f"{url}#token={token}" if token else url


def short_url(campaign) -> str:
    """The address printed under a QR code, short enough to type and to fit one line: for a token campaign
    the token entry page (the token itself finds the survey), else the list of surveys."""
    endpoint = "survey_pages.token_entry" if campaign.requires_token else "survey_pages.index"
    return (public_base_url() + url_for(endpoint)).split("://", 1)[-1]


def qr_svg(url: str, scale: int = 6) -> str:
    """An SVG data URI of the QR code for `url`, error correction M (survives a smudged print)."""
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)
