"""The public list of policies open for consultation, each with its text and a link to give feedback on it."""
from __future__ import annotations

from flask import render_template

from services.consultation.workflow.policies import policies_in_consultation
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors

blp = PageBlueprint("policy_pages", __name__, url_prefix="/kebijakan", template_folder="templates",
                    description="Public pages: policies in public consultation (HTML)")
html_errors(blp)


@blp.get("")
def in_consultation():
    with service_context().db.sessions() as session:
        policies = policies_in_consultation(session)
    return render_template("consultation/policies.html", policies=policies)
