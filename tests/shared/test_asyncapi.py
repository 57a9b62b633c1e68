"""The event catalogue (docs/asyncapi.yaml) cannot drift from the schemas in code."""
import importlib
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = yaml.safe_load((ROOT / "docs" / "asyncapi.yaml").read_text())
SERVICES = ("personnel", "consultation", "survey", "reporting")
ALL_EMITS = {t: (svc, schema) for svc in SERVICES
             for t, schema in importlib.import_module(f"services.{svc}.events").EMITS.items()}


def test_the_committed_catalogue_is_what_the_code_generates():
    result = subprocess.run([sys.executable, "scripts/asyncapi.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_every_emitted_event_is_in_the_catalogue_and_nothing_else():
    inbound = set(importlib.import_module("services.personnel.handlers").INBOUND_TYPES)
    assert set(CATALOGUE["channels"]) == set(ALL_EMITS) | inbound


@pytest.mark.parametrize("event_type", sorted(ALL_EMITS))
def test_names_and_examples_follow_the_contract(event_type):
    service, schema_cls = ALL_EMITS[event_type]
    assert re.fullmatch(rf"{service}\.[a-z_]+\.[a-z_]+", event_type)  # <service>.<entity>.<past-tense verb>
    message = CATALOGUE["components"]["messages"][event_type.replace(".", "_")]
    example = message["examples"][0]["payload"]
    data_schema = {"$ref": f"#/components/schemas/{schema_cls.__name__}", "components": CATALOGUE["components"]}
    jsonschema.validate(example["data"], data_schema)
    jsonschema.validate(example, CATALOGUE["components"]["schemas"]["CloudEventEnvelope"])
    schema_cls().load(example["data"])  # the example is also valid for the marshmallow schema in code
