"""A policy's text: the articles of its working version, its versions, comparisons and the consultation outcome."""
from __future__ import annotations

from flask.views import MethodView

from services.consultation.api.schemas import PolicyVersionSchema
from services.consultation.api.text_schemas import (
    ArticleSchema,
    ComparisonArgsSchema,
    ComparisonSchema,
    OutcomeSchema,
    TextQueryArgsSchema,
    TextSchema,
)
from services.consultation.workflow import outcome, policy_text
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles

blp = ApiBlueprint("policy_text", __name__, url_prefix="/api/v1/policies", description="The text of a policy")


def _write(use_case, *args, **kwargs):
    with service_context().transaction() as session:
        return use_case(session, acting_principal(), utcnow(), *args, **kwargs)


def _read(use_case, *args):
    with service_context().db.sessions() as session:
        return use_case(session, acting_principal(), *args)


@blp.route("/<policy_id>/text")
class PolicyText(MethodView):
    @blp.arguments(TextQueryArgsSchema, location="query")
    @blp.response(200, TextSchema)
    def get(self, args, policy_id):
        """One version's articles: the public one by default (staff: the working one)"""
        return _read(policy_text.text_of, policy_id, args.get("version"))


@blp.route("/<policy_id>/articles")
class Articles(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ArticleSchema)
    @blp.response(201, ArticleSchema)
    def post(self, data, policy_id):
        """Add an article to the working version (admin, or the lead department's operator)"""
        return _write(policy_text.add_article, policy_id, data["heading"], data["body"], data.get("position"))


@blp.route("/<policy_id>/articles/<key>")
class ArticleByKey(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ArticleSchema)
    @blp.response(200, ArticleSchema)
    def put(self, data, policy_id, key):
        """Reword an article of the working version, and move it if `position` is given"""
        return _write(policy_text.edit_article, policy_id, key, data["heading"], data["body"], data.get("position"))

    @require_roles("admin", "operator")
    @blp.response(204)
    def delete(self, policy_id, key):
        """Take an article out of the working version; the ones after it are renumbered"""
        _write(policy_text.remove_article, policy_id, key)


@blp.route("/<policy_id>/versions")
class Versions(MethodView):
    @blp.response(200, PolicyVersionSchema(many=True))
    def get(self, policy_id):
        """The versions of the text (the public sees the published ones)"""
        return _read(policy_text.versions, policy_id)


@blp.route("/<policy_id>/comparison")
class Comparison(MethodView):
    @blp.arguments(ComparisonArgsSchema, location="query")
    @blp.response(200, ComparisonSchema)
    def get(self, args, policy_id):
        """Two versions compared article by article, with the changed words marked"""
        return _read(policy_text.compare_versions, policy_id, args["old"], args["new"])


@blp.route("/<policy_id>/outcome")
class Outcome(MethodView):
    @blp.response(200, OutcomeSchema)
    def get(self, policy_id):
        """The outcome of the consultation: comments received and answered, and what they changed"""
        return _read(outcome.consultation_outcome, policy_id)
