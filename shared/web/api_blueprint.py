"""The JSON API's blueprint kind: flask-smorest's Blueprint, with each argument schema built once.

Given a schema class, webargs instantiates it on every request (copying each declared field),
about 3 % of a small write's CPU (docs/performance.md, "The HTTP write path"). A schema instance
holds no per-request state, so one per view serves every request and thread.
"""
from __future__ import annotations

from flask_smorest import Blueprint


class ApiBlueprint(Blueprint):
    def arguments(self, schema, **kwargs):
        return super().arguments(schema() if isinstance(schema, type) else schema, **kwargs)
