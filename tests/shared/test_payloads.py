"""The consumer's fast payload reader gives the schema's answers: the same values, the same DLQ reasons."""
import pytest
from marshmallow import ValidationError

from services.reporting.handlers import SUBSCRIPTIONS
from services.reporting.projections.training import TrainingRecordPayload
from shared.payloads import payload_loader

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
