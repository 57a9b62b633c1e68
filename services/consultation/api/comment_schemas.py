"""Request and response schemas of citizens' comments on a policy."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from services.consultation.domain.comments import Moderation
from shared.web.pagination import PageArgsSchema, page_schema

OUTCOMES = ("accepted", "rejected", "noted")


class CommentReceiptSchema(Schema):
    id = fields.String()
    article_number = fields.Integer(allow_none=True)
    moderation = fields.String(metadata={"example": "pending"})
    message = fields.String()


class AnswerViewSchema(Schema):
    outcome = fields.String(metadata={"example": "accepted"})
    label = fields.String()
    reason = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True, metadata={"description": "accepted: the version that took it in"})
    article_number = fields.Integer(allow_none=True, metadata={"description": "accepted: the article that took it in"})
    answered_at = fields.AwareDateTime()


class PublicCommentSchema(Schema):
    id = fields.String()
    policy_version = fields.Integer()
    article_key = fields.String(allow_none=True)
    article_number = fields.Integer(allow_none=True, metadata={"description": "null: on the whole text"})
    author = fields.String()
    text = fields.String()
    submitted_at = fields.AwareDateTime()
    answer = fields.Nested(AnswerViewSchema, allow_none=True)


class ContactViewSchema(Schema):
    phone = fields.String()
    email = fields.String()


class StaffCommentSchema(PublicCommentSchema):
    policy_id = fields.String()
    author_name = fields.String(allow_none=True)
    moderation = fields.String()
    moderation_label = fields.String()
    moderation_reason = fields.String(allow_none=True)
    moderated_at = fields.AwareDateTime(allow_none=True)
    moderated_by = fields.String(allow_none=True)
    answered_by = fields.String(allow_none=True)
    contact = fields.Nested(ContactViewSchema, allow_none=True, metadata={"description": "BKPSDM only"})


class StaffCommentArgsSchema(PageArgsSchema):
    moderation = fields.String(validate=validate.OneOf([m.value for m in Moderation]))
    article_number = fields.Integer()
    policy_version = fields.Integer()
    unanswered = fields.Boolean(metadata={"description": "only the comments still owed an official answer"})


class ModerationSchema(Schema):
    moderation = fields.String(required=True, validate=validate.OneOf(["published", "hidden"]))
    reason = fields.String(allow_none=True, validate=validate.Length(max=2000),
                           metadata={"description": "needed to hide; for staff only"})


class CommentAnswerSchema(Schema):
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    reason = fields.String(allow_none=True, validate=validate.Length(max=5000),
                           metadata={"description": "needed to reject; shown publicly"})
    version = fields.Integer(allow_none=True, validate=validate.Range(min=1), metadata={
        "description": "accepted: the version that took it in (the one being revised, or the next, by default)"})
    article_number = fields.Integer(allow_none=True, validate=validate.Range(min=1),
                                    metadata={"description": "accepted: the article that took it in"})


StaffCommentPageSchema = page_schema(StaffCommentSchema, "StaffCommentPage")
