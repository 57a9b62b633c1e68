"""The fast paths through marshmallow schemas (shared/payloads.py) give the schemas' own answers: a consumer's
reader (the same values, the same DLQ reasons), the outbox's writer, and the JSON API's answers."""
import datetime as dt
import importlib
import pkgutil

import pytest
from marshmallow import Schema, ValidationError, fields

import services
from services.personnel.events import TrainingRecordEvent
from services.reporting.handlers import SUBSCRIPTIONS
from services.reporting.projections.training import TrainingRecordPayload
from shared.payloads import _answer_plan, _dump_plan, answer_dumper, payload_dumper, payload_loader
from tests.shared.test_asyncapi import ALL_EMITS, CATALOGUE

RECORD = {"record_id": "rec-1", "employee_id": "emp-1", "department_code": "BKPSDM", "employee_type": "pns",
          "programme_code": "PKP", "kind": "classical", "leadership_level": "PKP", "jp": 24,
          "status": "completed", "end_date": "2026-03-02", "year": 2026, "revoked": False,
          "not_read_by_reporting": {"x": 1}}


def answer(load, data):
    try:
        return "loaded", load(data)
    except ValidationError as exc:
        return "refused", exc.messages


@pytest.mark.parametrize("change", [
    {},  # canonical: the fast path
    {"leadership_level": None},
    {"jp": "24"},  # marshmallow coerces a numeric string; so must the consumer
    {"jp": 24.0},
    {"jp": True},  # refused, with marshmallow's reason
    {"revoked": "true"},
    {"end_date": "20260302"},
    {"end_date": "2 March 2026"},
    {"kind": None},
    {"kind": 7},
    {"year": None},
], ids=repr)
def test_a_training_payload_is_read_exactly_as_its_schema_reads_it(change):
    schema = TrainingRecordPayload()
    data = {**RECORD, **change}
    assert answer(payload_loader(schema), data) == answer(schema.load, data)


@pytest.mark.parametrize("missing", ["jp", "leadership_level", "end_date"])
def test_a_missing_field_gets_the_schema_s_default_or_its_refusal(missing):
    schema = TrainingRecordPayload()
    data = {k: v for k, v in RECORD.items() if k != missing}
    assert answer(payload_loader(schema), data) == answer(schema.load, data)


def test_every_reporting_payload_schema_gives_the_same_answer_to_an_empty_and_a_junk_payload():
    for event_type, sub in SUBSCRIPTIONS.items():
        for data in ({}, {"id": None, "created_at": "yesterday", "score": "high"}, []):
            assert answer(payload_loader(sub.schema), data) == answer(sub.schema.load, data), event_type


# The emitter's side: what an outbox writes is what marshmallow would write, refusals included.

ODD_VALUES = [None, "x", "", 7, 7.5, True, dt.date(2026, 3, 2), dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC),
              dt.datetime(2026, 3, 2, 8, 0), "2026-03-02", "2026-03-02T08:00:00+07:00", float("nan"), [], {}]


def _emitted(schema, example):
    """An example payload as an emitter builds it: with Python values (dates as `date`)."""
    return schema.load(example)


@pytest.mark.parametrize("event_type", sorted(ALL_EMITS))
def test_every_emitted_payload_is_written_as_its_schema_writes_it_whatever_a_field_holds(event_type):
    schema = ALL_EMITS[event_type][1]()
    example = CATALOGUE["components"]["messages"][event_type.replace(".", "_")]["examples"][0]["payload"]["data"]
    payload = _emitted(schema, example)
    dump = payload_dumper(schema)

    def slow(data):
        return schema.dump(schema.load(data))

    assert answer(dump, payload) == answer(slow, payload)
    assert answer(dump, example) == answer(slow, example)  # JSON-typed values: marshmallow's reading
    for name in list(payload):
        without = {k: v for k, v in payload.items() if k != name}
        assert answer(dump, without) == answer(slow, without), name
        for odd in ODD_VALUES:
            changed = {**payload, name: odd}
            assert answer(dump, changed) == answer(slow, changed), (name, odd)
    for extra in ({"unknown_field": 1}, {}):
        assert answer(dump, {**payload, **extra}) == answer(slow, {**payload, **extra})


def test_the_training_event_a_write_emits_takes_the_fast_path_and_a_wrong_one_is_refused_with_marshmallow_s_reason():
    schema = TrainingRecordEvent()
    assert _dump_plan(schema) is not None
    record = {"record_id": "rec-1", "employee_id": "emp-1", "department_code": "BKPSDM", "employee_type": "pns",
              "position_type": None, "programme_code": "PKP", "kind": "classical", "leadership_level": "PKP",
              "jp": 24, "status": "completed", "start_date": dt.date(2026, 3, 1), "end_date": dt.date(2026, 3, 2),
              "year": 2026, "revoked": False}
    assert payload_dumper(schema)(record) == {**record, "start_date": "2026-03-01", "end_date": "2026-03-02"}
    with pytest.raises(ValidationError) as refused:
        payload_dumper(schema)({**record, "jp": None})
    assert refused.value.messages == {"jp": ["Field may not be null."]}


# An API's answer: what the JSON API writes is what the response schema's dump would write.


TYPED = {fields.String: "x", fields.Integer: 3, fields.Float: 2.5, fields.Boolean: True,
         fields.Date: dt.date(2026, 3, 2)}


def _api_schemas():
    for module in pkgutil.walk_packages(services.__path__, "services."):
        if ".api." in module.name + ".":
            importlib.import_module(module.name)
    found = {}
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("services.") and ".api" in cls.__module__:
            found[f"{cls.__module__}.{cls.__name__}"] = cls
    return found


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


API_SCHEMAS = _api_schemas()


def attempt(fn, data):
    try:
        return "written", fn(data)
    except Exception as exc:  # marshmallow's own failure, whatever it is, must be the same
        return "raised", type(exc).__name__, str(exc)


def test_the_apis_answers_are_planned_where_they_are_rows():
    planned = [name for name, cls in API_SCHEMAS.items() if _answer_plan(cls()) is not None]
    assert "services.personnel.api.schemas.training.TrainingRecordSchema" in planned
    assert len(API_SCHEMAS) > 50 and len(planned) > 10


@pytest.mark.parametrize("name", sorted(API_SCHEMAS))
def test_every_api_answer_is_written_as_its_schema_writes_it_whatever_a_field_holds(name):
    schema = API_SCHEMAS[name]()
    dump = answer_dumper(schema)
    row = {field_name: TYPED.get(type(field), "x") for field_name, field in schema.dump_fields.items()}
    assert attempt(dump, row) == attempt(schema.dump, row)
    for field_name in row:
        without = {k: v for k, v in row.items() if k != field_name}
        assert attempt(dump, without) == attempt(schema.dump, without), field_name
        for odd in ODD_VALUES:
            changed = {**row, field_name: odd}
            assert attempt(dump, changed) == attempt(schema.dump, changed), (field_name, odd)
    assert attempt(dump, [row]) == attempt(schema.dump, [row])
