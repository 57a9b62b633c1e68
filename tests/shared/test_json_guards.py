"""The cheap guards every JSON body passes: its nesting depth is measured without parsing, and a body
whose text cannot decode to a control character is not walked; the JSON provider runs on orjson yet writes
what Flask's own provider wrote (shared/web/security.py)."""
import dataclasses
import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.web import security
from shared.web.security import CONTROL, MAY_HOLD_CONTROL, json_depth

documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


@settings(max_examples=300)
@given(documents, st.booleans())
def test_the_depth_without_parsing_is_the_depth(document, ascii_only):
    assert json_depth(json.dumps(document, ensure_ascii=ascii_only)) == depth(document)


@settings(max_examples=300)
@given(documents, st.booleans())
def test_a_body_that_decodes_to_a_control_character_is_always_walked(document, ascii_only):
    text = json.dumps(document, ensure_ascii=ascii_only)
    if any(CONTROL.search(s) for s in strings(document)):
        assert MAY_HOLD_CONTROL.search(text.encode())


# The JSON provider runs on orjson but writes what Flask's own provider wrote.





@dataclasses.dataclass
class Point:
    x: int


def _app():
    app = Flask("json")
    security.install(app, trusted_proxy_hops=0)

    @app.post("/echo")
    def echo():
        return request.get_json()

    return app


def test_answers_are_byte_for_byte_what_flasks_own_provider_writes():
    app = _app()
    flask_own = DefaultJSONProvider(app)
    flask_own.ensure_ascii = False
    answer = {"nama": "Dinas Pendidikan — Tebing Tinggi", "b": [1, 2.5, None, True], "a": {"z": 1, "y": 2},
              "tanggal": date(2026, 3, 2), "waktu": datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
              "uang": Decimal("12.50"), "id": uuid.UUID(int=7), "titik": Point(3)}
    numbered = {3: "tiga", 1: "satu", 2: "dua"}
    with app.app_context():
        for value in (answer, numbered, [answer, numbered], "teks", 7):
            assert app.json.response(value).get_data() == flask_own.response(value).get_data()
            assert app.json.dumps(value) == flask_own.dumps(value)


def test_a_body_that_is_not_strict_json_is_refused_and_a_good_one_comes_back_the_same():
    client = _app().test_client()
    for not_json in (b'{"jp": NaN}', b'{"jp": Infinity}', b'{"nama": "\\ud800"}', b'{"nama": '):
        assert client.post("/echo", data=not_json, content_type="application/json").status_code == 400, not_json
    good = {"nama": "Siti Aminah", "jp": 24, "catatan": "é ✓", "daftar": [1, {"a": None}]}
    assert client.post("/echo", json=good).get_json() == good
