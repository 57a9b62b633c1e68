"""Fast readers and writers of an event's payload, with the payload's marshmallow schema as the only rule book.

A consumer validates every payload it reads, and marshmallow's `Schema.load` costs more per
message than the rest of the decoding (its error store, hooks and per-field machinery run even
when every value is already what the schema wants). `payload_loader` plans, once per schema, a
loop over the schema's fields that accepts values already of their canonical JSON type (a str
for a String, an int for an Integer, an ISO string for a Date...) and returns what `load` would
return. Anything else (a missing required field, a null where none is allowed, a value that would
need coercion or is wrong) falls back to `Schema.load` itself: its result, or its ValidationError
with its messages, is the answer. A schema with features the plan does not know (hooks,
validators, nested schemas, data_key, unknown=INCLUDE) always uses `Schema.load`.

`payload_dumper` is the emitter's side: an outbox checks every payload it records against its
schema and writes the schema's JSON form of it, `schema.dump(schema.load(data))`. Its plan accepts
values already of their Python type (a str for a String, a `date` for a Date...) and writes their
JSON form; anything else, a missing field included, gets marshmallow's answer.

`answer_dumper` does the same for an API's answer, `schema.dump(obj)` without the check: the JSON
API's blueprint (shared/web/api_blueprint.py) gives it to every response schema.
"""
from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Callable
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, fields, missing

PayloadLoader = Callable[[dict], dict]


class _Fallback(Exception):
    """The value is not in its canonical form: let marshmallow decide."""


def _string(value):
    if type(value) is str:
        return value
    raise _Fallback


def _integer(value):
    if type(value) is int:  # not bool: marshmallow refuses True/False as numbers
        return value
    raise _Fallback


def _float(value):
    if (type(value) is float or type(value) is int) and math.isfinite(value):
        return float(value)
    raise _Fallback


def _boolean(value):
    if type(value) is bool:
        return value
    raise _Fallback


def _date(value):
    if type(value) is str:
        try:
            return dt.date.fromisoformat(value)  # what marshmallow's Date does with format "iso"
        except ValueError:
            pass
    raise _Fallback


def _aware_datetime(value):
    if type(value) is str:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise _Fallback from None
        if moment.tzinfo is not None and moment.utcoffset() is not None:
            return moment
    raise _Fallback


ISO = (None, "iso", "iso8601")


def _converter(field: fields.Field):
    """The fast conversion for a field, or None when only marshmallow may read it."""
    if field.validators or field.data_key is not None or field.attribute is not None:
        return None
    kind = type(field)
    if kind is fields.String:
        return _string
    if kind is fields.Integer and not field.as_string:
        return _integer
    if kind is fields.Float and not field.as_string and not field.allow_nan:
        return _float
    if kind is fields.Boolean:
        return _boolean
    if kind is fields.Date and field.format in ISO:
        return _date
    if kind is fields.AwareDateTime and field.format in ISO and field.default_timezone is None:
        return _aware_datetime
    return None


def _plan(schema: Schema, converter=_converter) -> list | None:
    if schema.many or schema.partial or any(type(schema).resolve_hooks().values()):
        return None
    if schema.unknown not in (EXCLUDE, RAISE):
        return None
    plan = []
    for name, field in schema.load_fields.items():
        convert = converter(field)
        if convert is None:
            return None
        plan.append((name, convert, field.required, field.allow_none, field.load_default))
    return plan


def payload_loader(schema: Schema) -> PayloadLoader:
    """`schema.load`, faster for payloads that are already in canonical form, with the same answers."""
    plan = _plan(schema)
    if plan is None:
        return schema.load
    known = frozenset(name for name, *_rest in plan)
    refuse_unknown = schema.unknown == RAISE
    load = schema.load

    def loader(data: dict) -> dict:
        if type(data) is not dict or (refuse_unknown and not known.issuperset(data)):
            return load(data)
        out: dict[str, Any] = {}
        try:
            for name, convert, required, allow_none, default in plan:
                value = data.get(name, missing)
                if value is missing:
                    if required:
                        raise _Fallback
                    if default is not missing:
                        out[name] = default() if callable(default) else default
                elif value is None:
                    if not allow_none:
                        raise _Fallback
                    out[name] = None
                else:
                    out[name] = convert(value)
        except _Fallback:
            return load(data)  # marshmallow's answer: a coerced value, or its ValidationError
        return out

    return loader


def _date_value(value):
    if type(value) is dt.date:  # not a datetime, which marshmallow's Date reads differently
        return value.isoformat()
    raise _Fallback


def _aware_datetime_value(value):
    if type(value) is dt.datetime and value.tzinfo is not None and value.utcoffset() is not None:
        return value.isoformat()
    raise _Fallback


_DUMPS = {fields.String: _string, fields.Integer: _integer, fields.Float: _float, fields.Boolean: _boolean,
          fields.Date: _date_value, fields.AwareDateTime: _aware_datetime_value}


def _dump_converter(field: fields.Field):
    """The fast Python-to-JSON conversion for a field, or None when only marshmallow may write it."""
    return _DUMPS[type(field)] if _converter(field) is not None and field.dump_default is missing else None


def _dump_plan(schema: Schema) -> list | None:
    if set(schema.load_fields) != set(schema.dump_fields):  # load_only / dump_only fields
        return None
    return _plan(schema, _dump_converter)


def payload_dumper(schema: Schema) -> PayloadLoader:
    """`schema.dump(schema.load(data))` for an emitter's payload, faster when its values have their Python
    types, with the same answers (a refused payload raises marshmallow's ValidationError)."""
    def marshmallow_answer(data: dict) -> dict:
        return schema.dump(schema.load(data))

    plan = _dump_plan(schema)
    if plan is None:
        return marshmallow_answer
    known = frozenset(name for name, *_rest in plan)
    refuse_unknown = schema.unknown == RAISE

    def dumper(data: dict) -> dict:
        if type(data) is not dict or (refuse_unknown and not known.issuperset(data)):
            return marshmallow_answer(data)
        out: dict[str, Any] = {}
        try:
            for name, convert, _required, allow_none, _default in plan:
                value = data.get(name, missing)
                if value is None:
                    if not allow_none:
                        raise _Fallback
                    out[name] = None
                elif value is missing:
                    raise _Fallback  # a default or a refusal: marshmallow's
                else:
                    out[name] = convert(value)
        except _Fallback:
            return marshmallow_answer(data)
        return out

    return dumper


_DUMPERS: weakref.WeakKeyDictionary[Schema, PayloadLoader] = weakref.WeakKeyDictionary()


def checked_payload(schema: Schema, data: dict) -> dict:
    """`data` as `schema` publishes it (payload_dumper), planned once per schema instance."""
    dumper = _DUMPERS.get(schema)
    if dumper is None:
        dumper = _DUMPERS[schema] = payload_dumper(schema)
    return dumper(data)


_ANSWER_DUMPS = {fields.String: _string, fields.Integer: _integer, fields.Float: _float, fields.Boolean: _boolean,
                 fields.Date: _date_value}


def _answer_plan(schema: Schema) -> list | None:
    hooks = type(schema).resolve_hooks()
    if schema.many or hooks.get("pre_dump") or hooks.get("post_dump"):
        return None
    plan = []
    for name, field in schema.dump_fields.items():
        convert = _ANSWER_DUMPS.get(type(field))
        if convert is None or field.attribute is not None or field.dump_default is not missing:
            return None
        if getattr(field, "as_string", False) or getattr(field, "format", None) not in ISO:
            return None
        plan.append((name, field.data_key or name, convert))
    return plan


def answer_dumper(schema: Schema) -> Callable[..., Any]:
    """`schema.dump` for an answer that is a dict holding every field in its Python type (a view of a
    row), with the same result; anything else (a list, an object, a missing key, a value marshmallow
    would convert) goes to `schema.dump` itself."""
    plan = _answer_plan(schema)
    dump = schema.dump
    if plan is None:
        return dump

    def dumper(obj, *, many=None):
        if many or type(obj) is not dict:
            return dump(obj, many=many)
        out: dict[str, Any] = {}
        try:
            for name, key, convert in plan:
                value = obj.get(name, missing)
                if value is None:
                    out[key] = None
                elif value is missing:
                    raise _Fallback
                else:
                    out[key] = convert(value)
        except _Fallback:
            return dump(obj, many=many)
        return out

    return dumper
