"""Schemas of the import report."""
from __future__ import annotations

from marshmallow import Schema, fields


class ImportArgsSchema(Schema):
    dry_run = fields.Boolean(load_default=False,
                             metadata={"description": "check every row and report, without writing anything"})
    update = fields.Boolean(load_default=False, metadata={
        "description": "a row matching a stored one (employees: by NIP; training: by certificate number, else by "
                       "employee, programme and dates) changes it instead of being refused"})


class RowErrorSchema(Schema):
    line = fields.Integer(metadata={"description": "the line in the file; the header is line 1"})
    field = fields.String(metadata={"description": "the column, or _row for the row as a whole"})
    message = fields.String()
    indonesian = fields.String(allow_none=True, metadata={"description": "the same in Bahasa Indonesia"})


class FieldChangeSchema(Schema):
    field = fields.String()
    old = fields.String(allow_none=True)
    new = fields.String(allow_none=True)


class RowPreviewSchema(Schema):
    line = fields.Integer()
    status = fields.String(metadata={"description": "new, changed, unchanged or error", "example": "changed"})
    key = fields.String(allow_none=True, metadata={"description": "the NIP the row is about"})
    changes = fields.List(fields.Nested(FieldChangeSchema))
    errors = fields.List(fields.Nested(RowErrorSchema))


class ImportReportSchema(Schema):
    dry_run = fields.Boolean()
    update = fields.Boolean()
    rows = fields.Integer(metadata={"description": "data rows in the file"})
    valid_rows = fields.Integer()
    new_rows = fields.Integer()
    changed_rows = fields.Integer()
    unchanged_rows = fields.Integer()
    imported = fields.Integer(metadata={"description": "rows written, new or changed (0 in a dry run)"})
    errors = fields.List(fields.Nested(RowErrorSchema))
    preview = fields.List(fields.Nested(RowPreviewSchema), metadata={"description": "every row, in file order"})
