"""What a respondent sends: the one schema that the API and the questionnaire page both read answers with."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from services.survey.domain.unsur import MAX_SCORE, MAX_SUGGESTION, MIN_SCORE, PROFILE_CHOICES, UNSUR_KEYS
from shared.errors import Invalid

_SCORE_MESSAGE = f"Jawaban harus bilangan bulat {MIN_SCORE}–{MAX_SCORE} (must be an integer {MIN_SCORE}-{MAX_SCORE})."


def _score() -> fields.Integer:
    # strict: "3", 3.0 and true are refused, not coerced; a citizen's form always sends a plain integer.
    return fields.Integer(required=True, strict=True, validate=validate.Range(MIN_SCORE, MAX_SCORE,
                                                                                error=_SCORE_MESSAGE),
                          error_messages={"invalid": _SCORE_MESSAGE,
                                          "required": "Jawaban wajib diisi (an answer is required).",
                                          "null": "Jawaban wajib diisi (an answer is required)."})


AnswersSchema = Schema.from_dict({key: _score() for key in UNSUR_KEYS}, name="AnswersSchema")


def _choice(choices: dict[str, str]) -> fields.String:
    message = f"Pilihan tidak dikenal (must be one of: {', '.join(choices)})."
    return fields.String(allow_none=True, validate=validate.OneOf(list(choices), error=message),
                         metadata={"enum": list(choices)})


ProfileInputSchema = Schema.from_dict({dim: _choice(choices) for dim, choices in PROFILE_CHOICES.items()},
                                      name="ProfileInputSchema")


class ResponseSubmissionSchema(Schema):
    answers = fields.Nested(AnswersSchema, required=True,
                            metadata={"description": "u1..u9, each an integer 1-4"})
    profile = fields.Nested(ProfileInputSchema, load_default=dict)
    suggestion = fields.String(allow_none=True, validate=validate.Length(
        max=MAX_SUGGESTION, error=f"Paling banyak {MAX_SUGGESTION} karakter (at most {MAX_SUGGESTION} characters)."))
    extra_answers = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), load_default=dict)
    token = fields.String(allow_none=True, validate=validate.Length(max=64),
                          metadata={"description": "the invitation token, when the campaign requires one"})


def read_submission(body: dict) -> dict:
    """The submission as `submit_response` takes it, or Invalid naming each wrong field."""
    try:
        return ResponseSubmissionSchema().load(body)
    except ValidationError as exc:
        raise Invalid(errors=exc.messages, detail="The input is not valid; see `errors` for each field.",
                      indonesian="Jawaban belum lengkap atau tidak valid.") from None
