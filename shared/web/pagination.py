"""Paginated lists: the same query arguments and envelope in every service."""
from __future__ import annotations

from marshmallow import Schema, fields, validate
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


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


def paginate(session: Session, query: Select, args: dict) -> dict:
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    page, size = args.get("page", 1), args.get("page_size", 50)
    items = session.execute(query.limit(size).offset((page - 1) * size)).scalars().all()
    return {"items": items, "page": page, "page_size": size, "total": total}
