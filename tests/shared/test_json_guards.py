"""The cheap guards every JSON body passes: its nesting depth is measured without parsing, and a body
whose text cannot decode to a control character is not walked (shared/web/security.py)."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

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
