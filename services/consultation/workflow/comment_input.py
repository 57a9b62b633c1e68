"""What a citizen's comment on a policy must hold, checked the same way from the API and the public page."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from services.consultation.domain.comments import NAME_MAX, TEXT_MAX, TEXT_MIN
from services.consultation.domain.feedback import PHONE_PATTERN
from shared.errors import Invalid


class CommentInputSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=TEXT_MIN, max=TEXT_MAX))
    article_key = fields.String(allow_none=True, validate=validate.Length(max=36),
                                metadata={"description": "the article commented on; none for the whole text"})
    name = fields.String(allow_none=True, validate=validate.Length(max=NAME_MAX),
                         metadata={"description": "shown with the comment; leave out to appear as 'Warga'"})
    phone = fields.String(allow_none=True, validate=validate.Regexp(
        PHONE_PATTERN, error="Use an Indonesian mobile number, e.g. 081234567890."),
        metadata={"description": "for BKPSDM only, never shown"})
    email = fields.Email(allow_none=True, validate=validate.Length(max=254),
                         metadata={"description": "for BKPSDM only, never shown"})

    @pre_load
    def _strip(self, data, **_):
        if not isinstance(data, dict):
            return data
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        # An empty optional field on a form means "not given".
        return {k: v for k, v in cleaned.items() if not (k != "text" and v == "")}


def read_comment(raw: dict) -> dict:
    """The comment as loaded by CommentInputSchema, or Invalid with every field's problem at once."""
    try:
        return CommentInputSchema().load(raw or {})
    except ValidationError as exc:
        raise Invalid(errors=dict(exc.messages), detail="The comment is not valid; see `errors` for each field.",
                      indonesian="Isian tanggapan belum lengkap atau tidak sesuai.") from None
