"""The JSON API's blueprint kind: flask-smorest's Blueprint, with each argument schema built once
and each answer written by a plan.

Given a schema class, webargs instantiates it on every request (copying each declared field),
about 3 % of a small write's CPU (docs/performance.md, "The HTTP write path"). A schema instance
holds no per-request state, so one per view serves every request and thread.

A response schema's `dump` is replaced, on its own instance only, by `shared.payloads.answer_dumper`:
the same answer for a view of a row in a fraction of marshmallow's time, marshmallow itself for
anything else. The instance stays the schema class's, so the OpenAPI document is unchanged.
"""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema

from shared.payloads import answer_dumper


class ApiBlueprint(Blueprint):
    def arguments(self, schema, **kwargs):
        return super().arguments(schema() if isinstance(schema, type) else schema, **kwargs)

    def response(self, status_code, schema=None, **kwargs):
        if isinstance(schema, type):
            schema = schema()
        if isinstance(schema, Schema) and "dump" not in vars(schema):
            schema.dump = answer_dumper(schema)
        return super().response(status_code, schema, **kwargs)
