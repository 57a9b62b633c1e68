"""QR codes that lead a citizen's phone to a campaign's questionnaire (segno, as SVG data URIs)."""
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


def qr_svg(url: str, scale: int = 6) -> str:
    """An SVG data URI of the QR code for `url`, error correction M (survives a smudged print)."""
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)
