"""The CloudEvents envelope: what a consumer accepts, and the reason it gives for what it refuses."""
import json

import pytest

from shared.envelope import Envelope, EnvelopeError, parse_envelope


def good() -> dict:
    return json.loads(Envelope(type="personnel.training.recorded", source="/asn/personnel", subject="rec-1",
                               data={"jp": 12}, sequence=3).to_json())


def test_a_round_trip_keeps_every_attribute():
    env = Envelope(type="survey.response.submitted", source="/asn/survey", subject="r-1", data={"a": 1}, sequence=7,
                   correlationid="req-9")
    back = parse_envelope(env.to_json())
    assert (back.id, back.type, back.source, back.subject, back.sequence, back.correlationid, back.data) == (
        env.id, env.type, env.source, env.subject, 7, "req-9", {"a": 1})
    assert back.time == env.time.replace(microsecond=back.time.microsecond) and back.time.tzinfo is not None
    assert back.dataschema == "urn:tebingtinggi:asn:schema:survey.response.submitted:1"


@pytest.mark.parametrize(("change", "attribute"), [
    ({"specversion": "0.3"}, "specversion"),
    ({"id": "not-a-uuid"}, "id"),
    ({"source": "asn personnel"}, "source"),
    ({"type": "Training"}, "type"),
    ({"time": "2026-03-10T09:00:00"}, "time"),  # no time zone
    ({"time": "yesterday"}, "time"),
    ({"subject": ""}, "subject"),
    ({"datacontenttype": "text/plain"}, "datacontenttype"),
    ({"sequence": -1}, "sequence"),
    ({"sequence": True}, "sequence"),
    ({"sequence": "3"}, "sequence"),
    ({"data": [1, 2]}, "data"),
    ({"correlationid": None}, "correlationid"),
])
def test_each_broken_attribute_is_named_in_the_reason(change, attribute):
    with pytest.raises(EnvelopeError, match=attribute):
        parse_envelope(json.dumps({**good(), **change}))


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe", b""])
def test_what_is_not_a_json_object_is_refused(body):
    with pytest.raises(EnvelopeError):
        parse_envelope(body)


def test_unknown_extensions_are_allowed():
    assert parse_envelope(json.dumps({**good(), "traceparent": "00-abc"})).type == "personnel.training.recorded"
