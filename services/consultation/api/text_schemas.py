"""Request and response schemas of a policy's text: articles, versions, comparisons, the consultation outcome."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.consultation.api.schemas import PolicyVersionSchema
from services.consultation.domain.policy_text import (
    BODY_MAX,
    BODY_MIN,
    HEADING_MAX,
    HEADING_MIN,
    MAX_ARTICLES,
)


class ArticleSchema(Schema):
    key = fields.String(dump_only=True, metadata={"description": "stays the same from version to version"})
    number = fields.Integer(dump_only=True, metadata={"example": 3})
    heading = fields.String(required=True, validate=validate.Length(min=HEADING_MIN, max=HEADING_MAX))
    body = fields.String(required=True, validate=validate.Length(min=BODY_MIN, max=BODY_MAX))
    position = fields.Integer(load_only=True, validate=validate.Range(min=1, max=MAX_ARTICLES), metadata={
        "description": "where to put the article (1 = first); the end by default"})


class TextSchema(Schema):
    policy_id = fields.String(attribute="policy.id")
    version = fields.Integer(attribute="version.version")
    title = fields.String(attribute="version.title")
    summary = fields.String(attribute="version.summary")
    frozen_at = fields.AwareDateTime(attribute="version.frozen_at", allow_none=True)
    frozen_for = fields.String(attribute="version.frozen_for", allow_none=True)
    editable = fields.Boolean()
    articles = fields.List(fields.Nested(ArticleSchema))


class TextQueryArgsSchema(Schema):
    version = fields.Integer(validate=validate.Range(min=1))


class ComparisonArgsSchema(Schema):
    old = fields.Integer(required=True, data_key="from", validate=validate.Range(min=1))
    new = fields.Integer(required=True, data_key="to", validate=validate.Range(min=1))


class SegmentSchema(Schema):
    op = fields.String(metadata={"description": "same, added or removed"})
    text = fields.String()


class ArticleChangeSchema(Schema):
    key = fields.String()
    change = fields.String(metadata={"description": "unchanged, changed, added or removed"})
    renumbered = fields.Boolean()
    old = fields.Nested(ArticleSchema, allow_none=True)
    new = fields.Nested(ArticleSchema, allow_none=True)
    heading = fields.List(fields.Nested(SegmentSchema))
    body = fields.List(fields.Nested(SegmentSchema))


class ComparisonSchema(Schema):
    policy_id = fields.String(attribute="policy.id")
    old = fields.Nested(PolicyVersionSchema)
    new = fields.Nested(PolicyVersionSchema)
    changed_numbers = fields.List(fields.Integer())
    articles = fields.List(fields.Nested(ArticleChangeSchema))


class CountsSchema(Schema):
    received = fields.Integer()
    hidden = fields.Integer()
    answered = fields.Integer()
    accepted = fields.Integer()
    rejected = fields.Integer()
    noted = fields.Integer()
    unanswered = fields.Integer()


class ArticleCountSchema(Schema):
    key = fields.String(allow_none=True, metadata={"description": "null: comments on the whole text"})
    number = fields.Integer(allow_none=True)
    heading = fields.String(allow_none=True)
    count = fields.Integer()


class AdoptionSchema(Schema):
    at = fields.AwareDateTime()
    reason = fields.String(allow_none=True)
    unanswered = fields.Integer(metadata={"description": "comments without an answer when it was adopted"})


class OutcomeSchema(Schema):
    policy_id = fields.String(attribute="policy.id")
    available = fields.Boolean(metadata={"description": "false while the round is still open"})
    baseline_version = fields.Integer()
    adopted_version = fields.Integer(allow_none=True)
    counts = fields.Nested(CountsSchema)
    per_article = fields.List(fields.Nested(ArticleCountSchema))
    changes = fields.List(fields.Nested(ArticleChangeSchema), allow_none=True)
    adoption = fields.Nested(AdoptionSchema, allow_none=True)
