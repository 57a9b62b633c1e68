"""The public outcome of a consultation ("hasil konsultasi") and the comparison of two versions of a policy.

The outcome page shows, once a round has closed, how many comments came in (per article), how
many were answered, accepted and rejected, and the article-by-article changes between the draft
first consulted on and the adopted text; with the reason BKPSDM gave if it adopted the policy
while comments were left unanswered.
"""
from __future__ import annotations

from flask import abort, render_template, request

from services.consultation.pages import wording
from services.consultation.workflow.outcome import consultation_outcome
from services.consultation.workflow.policy_text import compare_versions
from shared.principal import PUBLIC
from shared.web.app_factory import service_context
from shared.web.pages import PageBlueprint, html_errors

blp = PageBlueprint("policy_outcome_pages", __name__, url_prefix="/kebijakan", template_folder="templates",
                    description="Public pages: the outcome of a consultation and version comparisons (HTML)")
html_errors(blp)


def version_pair() -> tuple[int, int]:
    """The two versions asked for as ?dari=&ke=; a 404 page for anything else."""
    try:
        old, new = int(request.args["dari"]), int(request.args["ke"])
    except (KeyError, ValueError):
        abort(404)
    if old < 1 or new < 1:
        abort(404)
    return old, new


@blp.get("/<policy_id>/hasil")
def outcome(policy_id):
    with service_context().db.sessions() as session:
        result = consultation_outcome(session, PUBLIC, policy_id)
    return render_template("consultation/outcome.html", r=result, p=result["policy"], w=wording)


@blp.get("/<policy_id>/perbandingan")
def comparison(policy_id):
    old, new = version_pair()
    with service_context().db.sessions() as session:
        result = compare_versions(session, PUBLIC, policy_id, old, new)
    return render_template("consultation/comparison.html", r=result, p=result["policy"], w=wording)
