"""Schemas of training programmes and training records."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.personnel.api.schemas.common import CODE
from services.personnel.domain.competence import MAX_JP_PER_RECORD, TRAINING_KINDS
from services.personnel.domain.positions import LeadershipLevel
from services.personnel.domain.training import TRAINING_STATUSES
from shared.web.pagination import PageArgsSchema, page_schema


class TrainingRecordSchema(Schema):
    id = fields.String(dump_only=True)
    employee_id = fields.String(required=True)
    programme_code = fields.String(required=True, validate=CODE)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD),
                        metadata={"description": "lesson hours; defaults to the programme's JP"})
    status = fields.String(load_default="completed", validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))
    revoked = fields.Boolean(dump_only=True)
    department_code = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)

    @validates_schema
    def _dates(self, data, **_):
        if "start_date" in data and "end_date" in data and data["end_date"] < data["start_date"]:
            raise ValidationError("The end date is before the start date.", "end_date")


class ClassTrainingSchema(Schema):
    """One training for a whole class, the participants named by NIP."""

    nips = fields.List(fields.String(validate=validate.Length(min=1, max=40)), required=True,
                       validate=validate.Length(min=1, max=1000))
    programme_code = fields.String(required=True, validate=CODE)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD),
                        metadata={"description": "lesson hours; defaults to the programme's JP"})
    status = fields.String(load_default="completed", validate=validate.OneOf(TRAINING_STATUSES))

    @validates_schema
    def _dates(self, data, **_):
        if "start_date" in data and "end_date" in data and data["end_date"] < data["start_date"]:
            raise ValidationError("The end date is before the start date.", "end_date")


class TrainingRecordUpdateSchema(Schema):
    start_date = fields.Date()
    end_date = fields.Date()
    jp = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    status = fields.String(validate=validate.OneOf(TRAINING_STATUSES))
    certificate_number = fields.String(allow_none=True, validate=validate.Length(min=1, max=100))

    @validates_schema
    def _not_empty(self, data, **_):
        if not data:
            raise ValidationError("Give at least one field to change.")


class RevokeSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=1000))


class ProgrammeSchema(Schema):
    id = fields.String(dump_only=True)
    code = fields.String(required=True, validate=CODE)
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    kind = fields.String(required=True, validate=validate.OneOf(sorted(TRAINING_KINDS)))
    leadership_level = fields.String(allow_none=True, validate=validate.OneOf([lv.value for lv in LeadershipLevel]))
    jp = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_JP_PER_RECORD))
    mode = fields.String(load_default="classical", validate=validate.OneOf(("classical", "non_classical")))

    @validates_schema
    def _level(self, data, **_):
        if data.get("kind") == "kepemimpinan" and not data.get("leadership_level"):
            raise ValidationError("Leadership training needs its level (PKN_II, PKA or PKP).", "leadership_level")
        if data.get("kind") != "kepemimpinan" and data.get("leadership_level"):
            raise ValidationError("Only leadership training (kind 'kepemimpinan') has a level.", "leadership_level")


class TrainingQueryArgsSchema(PageArgsSchema):
    employee_id = fields.String()
    department_code = fields.String()
    year = fields.Integer(validate=validate.Range(min=1950, max=2100))


TrainingRecordPageSchema = page_schema(TrainingRecordSchema, "TrainingRecordPage")
ProgrammePageSchema = page_schema(ProgrammeSchema, "ProgrammePage")


class ClassTrainingResultSchema(Schema):
    recorded = fields.Integer()
    records = fields.List(fields.Nested(TrainingRecordSchema))
