"""Paginated lists on the web: the same query arguments and response envelope in every service.

The query itself is cut into pages by shared.db.paginate, which workflows call."""
from __future__ import annotations

from marshmallow import Schema, fields, validate


class PageArgsSchema(Schema):
    # Bounded so that (page - 1) * page_size always fits the database's OFFSET.
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A response schema `{items, page, page_size, total}` for one item schema."""
    return Schema.from_dict({
        "items": fields.List(fields.Nested(item_schema)),
        "page": fields.Integer(),
        "page_size": fields.Integer(),
        "total": fields.Integer(),
    }, name=name)
