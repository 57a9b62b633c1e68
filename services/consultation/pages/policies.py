"""The public list of policies open for consultation, each with its text and a link to give feedback on it."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from services.consultation.db.models import Policy
from services.consultation.domain.policy_lifecycle import PolicyState
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors

blp = PageBlueprint("policy_pages", __name__, url_prefix="/kebijakan", template_folder="templates",
                    description="Public pages: policies in public consultation (HTML)")
html_errors(blp)


@blp.get("")
def in_consultation():
    with service_context().db.sessions() as session:
        policies = session.execute(select(Policy).where(Policy.state == PolicyState.IN_CONSULTATION.value)
                                   .order_by(Policy.updated_at.desc(), Policy.code)).scalars().all()
    return render_template("consultation/policies.html", policies=policies)
