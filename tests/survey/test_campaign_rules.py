"""Pure campaign rules: periods, the life cycle, invitation-token form, extra questions, public disclosure."""
from datetime import date

import pytest

from services.survey.domain.disclosure import public_counts, publishable
from services.survey.domain.extra_questions import check_answers, check_definitions
from services.survey.domain.integrity import already_answered, remember, soft_controls_apply
from services.survey.domain.invitation_tokens import (
    ALPHABET,
    batch_tokens,
    derive_token,
    normalize,
    token_hash,
)
from services.survey.domain.lifecycle import accepts_responses, next_status
from services.survey.domain.periods import survey_period


@pytest.mark.parametrize(("args", "label", "start", "end"), [
    (("quarterly", 2026, 1), "Triwulan I 2026", date(2026, 1, 1), date(2026, 3, 31)),
    (("quarterly", 2024, 4), "Triwulan IV 2024", date(2024, 10, 1), date(2024, 12, 31)),
    (("half_yearly", 2026, 1), "Semester I 2026", date(2026, 1, 1), date(2026, 6, 30)),
    (("half_yearly", 2026, 2), "Semester II 2026", date(2026, 7, 1), date(2026, 12, 31)),
    (("yearly", 2025, 1), "Tahun 2025", date(2025, 1, 1), date(2025, 12, 31)),
])
def test_periods(args, label, start, end):
    period = survey_period(*args)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("args", [("monthly", 2026, 1), ("quarterly", 2026, 5), ("yearly", 2026, 2),
                                  ("half_yearly", 2026, 0)])
def test_impossible_periods(args):
    with pytest.raises(ValueError):
        survey_period(*args)


def test_life_cycle_only_moves_forward():
    assert next_status("draft", "open") == "open"
    assert next_status("open", "closed") == "closed"
    for current, wanted in (("draft", "closed"), ("closed", "open"), ("open", "draft"), ("open", "open")):
        with pytest.raises(ValueError):
            next_status(current, wanted)
    assert [accepts_responses(s) for s in ("draft", "open", "closed")] == [False, True, False]


def test_tokens_are_printable_distinct_and_hashed_in_canonical_form():
    tokens = set(batch_tokens(b"secret", "batch-1", 500))
    assert len(tokens) == 500
    assert all(len(t) == 14 and t[4] == t[9] == "-" and set(t.replace("-", "")) <= set(ALPHABET) for t in tokens)
    assert not set(ALPHABET) & set("01OI")
    token = "ABCD-EFGH-JKLM"
    assert normalize(" abcd efgh-jklm ") == "ABCDEFGHJKLM"
    assert token_hash("abcdefghjklm") == token_hash(token) != token_hash("ABCD-EFGH-JKLN")
    assert len(token_hash(token)) == 64


def test_a_batch_gives_the_same_tokens_again_only_with_its_secret():
    assert batch_tokens(b"secret", "batch-1", 3) == batch_tokens(b"secret", "batch-1", 3)
    assert derive_token(b"secret", "batch-1", 2) == batch_tokens(b"secret", "batch-1", 3)[2]
    assert not set(batch_tokens(b"secret", "batch-1", 50)) & set(batch_tokens(b"secret", "batch-2", 50))
    assert not set(batch_tokens(b"secret", "batch-1", 50)) & set(batch_tokens(b"other", "batch-1", 50))


def test_a_device_remembers_the_campaigns_it_answered_and_tokens_need_no_soft_controls():
    answered = remember([], "c1")
    assert already_answered(answered, "c1") and not already_answered(answered, "c2")
    assert remember(answered, "c1") == ["c1"]
    many = [f"c{i}" for i in range(60)]
    kept = []
    for campaign in many:
        kept = remember(kept, campaign)
    assert len(kept) == 50 and kept[-1] == "c59"
    assert soft_controls_apply(requires_token=False) and not soft_controls_apply(requires_token=True)


def test_extra_question_definitions():
    good = [{"key": "layanan", "type": "choice", "choices": ["A", "B"]}, {"key": "catatan", "type": "text"}]
    assert check_definitions(good) == {}
    assert set(check_definitions([{"key": "u3", "type": "text"}])) == {"0"}
    assert set(check_definitions([{"key": "Nama Lengkap", "type": "text"}])) == {"0"}
    assert set(check_definitions(good + [{"key": "layanan", "type": "text"}])) == {"2"}
    assert set(check_definitions([{"key": "x", "type": "choice", "choices": ["A", "A"]}])) == {"0"}
    assert "_schema" in check_definitions([{"key": f"q{i}", "type": "text"} for i in range(21)])


def test_extra_answers():
    questions = [{"key": "layanan", "type": "choice", "choices": ["A", "B"], "required": True},
                 {"key": "catatan", "type": "text"}]
    assert check_answers(questions, {"layanan": "A"}) == {}
    assert set(check_answers(questions, {})) == {"layanan"}
    assert set(check_answers(questions, {"layanan": "C"})) == {"layanan"}
    assert set(check_answers(questions, {"layanan": "A", "catatan": 5})) == {"catatan"}
    assert set(check_answers(questions, {"layanan": "A", "catatan": "x" * 1001})) == {"catatan"}
    assert set(check_answers(questions, {"layanan": "A", "lain": "?"})) == {"lain"}


def test_public_disclosure_hides_groups_under_five():
    assert public_counts({"a": 0, "b": 1, "c": 4, "d": 5, "e": 120}) == {"a": 0, "b": None, "c": None, "d": 5,
                                                                           "e": 120}
    assert not publishable(4) and publishable(5)
