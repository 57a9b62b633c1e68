"""Schemas of the CSV import report."""
from __future__ import annotations

from marshmallow import Schema, fields


class ImportArgsSchema(Schema):
    dry_run = fields.Boolean(load_default=False,
                             metadata={"description": "check every row and report, without writing anything"})


class RowErrorSchema(Schema):
    line = fields.Integer(metadata={"description": "the line in the file; the header is line 1"})
    field = fields.String(metadata={"description": "the column, or _row for the row as a whole"})
    message = fields.String()


class ImportReportSchema(Schema):
    dry_run = fields.Boolean()
    rows = fields.Integer(metadata={"description": "data rows in the file"})
    valid_rows = fields.Integer()
    imported = fields.Integer(metadata={"description": "rows written (0 in a dry run)"})
    errors = fields.List(fields.Nested(RowErrorSchema))
