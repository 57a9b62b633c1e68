"""The browsable API documentation at /docs: Swagger UI from vendored files, so it works without internet.

Swagger UI 5 (swagger-ui-dist from the npm registry, unchanged, in static/swagger-ui/) is started by
a static script, so the Content-Security-Policy needs no inline script here either. Through the
suite's address the page is /api/v1/<service>/docs and reads /api/v1/<service>/openapi.json.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from shared.web.one_address import API_PREFIX

blueprint = Blueprint("asn_docs", __name__)


@blueprint.get("/docs")
def swagger_ui():
    base = request.environ.get(API_PREFIX) or request.script_root
    return render_template("asn/docs.html", title=current_app.config["API_TITLE"], spec_url=f"{base}/openapi.json")
