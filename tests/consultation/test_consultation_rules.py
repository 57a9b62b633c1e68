"""Rounds of consultation, articles and comments: the rules, without a database."""
from datetime import date

import pytest

from services.consultation.domain import comments as c
from services.consultation.domain import policy_text as t
from services.consultation.domain.consultation_round import (
    RoundError,
    RoundRules,
    accepts_comments,
    check_closing_date,
    check_extension,
    days_left,
    due_to_close,
)

MONDAY = date(2026, 3, 2)


def test_a_round_lasts_at_least_the_configured_days():
    rules = RoundRules(min_days=14)
    assert rules.earliest_close(MONDAY) == date(2026, 3, 15)  # the opening day counts
    assert check_closing_date(rules, MONDAY, date(2026, 3, 15)) == date(2026, 3, 15)
    with pytest.raises(RoundError, match="at least 14 days"):
        check_closing_date(rules, MONDAY, date(2026, 3, 14))
    with pytest.raises(RoundError, match="needs a closing date"):
        check_closing_date(rules, MONDAY, None)
    with pytest.raises(ValueError):
        RoundRules(min_days=0)


def test_comments_are_taken_from_the_opening_day_to_the_closing_date_inclusive():
    closes = date(2026, 3, 15)
    assert not accepts_comments(date(2026, 3, 1), MONDAY, closes)
    assert accepts_comments(MONDAY, MONDAY, closes) and accepts_comments(closes, MONDAY, closes)
    assert not accepts_comments(date(2026, 3, 16), MONDAY, closes)
    assert not accepts_comments(MONDAY, None, None)
    assert not due_to_close(closes, closes) and due_to_close(date(2026, 3, 16), closes)
    assert (days_left(MONDAY, closes), days_left(closes, closes), days_left(date(2026, 4, 1), closes)) == (14, 1, 0)


def test_a_round_is_only_ever_extended():
    assert check_extension(MONDAY, date(2026, 3, 15), date(2026, 3, 20)) == date(2026, 3, 20)
    with pytest.raises(RoundError, match="only be extended"):
        check_extension(MONDAY, date(2026, 3, 15), date(2026, 3, 10))


def test_an_article_has_a_heading_and_a_body_of_sensible_length():
    assert t.check_article("  Tenggat  ", " ASN menanggapi dalam lima hari kerja. ") == (
        "Tenggat", "ASN menanggapi dalam lima hari kerja.")
    with pytest.raises(t.ArticleError) as err:
        t.check_article("Ab", "ASN menanggapi dalam lima hari kerja.")
    assert err.value.field == "heading"
    with pytest.raises(t.ArticleError) as err:
        t.check_article("Tenggat", "singkat")
    assert err.value.field == "body"
    with pytest.raises(t.ArticleError):
        t.ready_to_publish([])


def test_articles_are_numbered_in_order_and_move_as_told():
    assert t.renumbered(["x", "y", "z"]) == {"x": 1, "y": 2, "z": 3}
    assert t.moved(["a", "b", "c", "d"], "d", 1) == ["d", "a", "b", "c"]
    assert t.moved(["a", "b", "c", "d"], "a", 3) == ["b", "c", "a", "d"]
    assert t.check_position(5, 4) == 5
    with pytest.raises(t.ArticleError):
        t.check_position(6, 4)


def test_an_accepted_comment_names_its_version_and_article_and_a_rejected_one_a_reason():
    assert c.check_answer("accepted", 2, 3, None) == "accepted"
    for version, article, field in ((None, 3, "version"), (2, None, "article_number")):
        with pytest.raises(c.CommentError) as err:
            c.check_answer("accepted", version, article, None)
        assert err.value.field == field
    with pytest.raises(c.CommentError, match="reason"):
        c.check_answer("rejected", None, None, "  ")
    assert c.check_answer("rejected", None, None, "Di luar kewenangan daerah.") == "rejected"
    assert c.check_answer("noted", None, None, None) == "noted"
    with pytest.raises(c.CommentError):
        c.check_answer("approved", None, None, None)


def test_moderation_shows_or_hides_and_a_hidden_comment_stays_hidden():
    assert c.check_moderation("pending", "published", None) == "published"
    assert c.check_moderation("published", "hidden", "Memuat data pribadi.") == "hidden"
    with pytest.raises(c.CommentError, match="reason"):
        c.check_moderation("pending", "hidden", "")
    with pytest.raises(c.CommentError):
        c.check_moderation("hidden", "published", None)
    with pytest.raises(c.CommentError):
        c.check_moderation("published", "pending", None)


def test_adopting_with_unanswered_comments_needs_a_confirmation_and_a_reason():
    c.check_adoption(0, False, None)
    with pytest.raises(c.CommentError, match="2 comment"):
        c.check_adoption(2, False, "Mendesak")
    with pytest.raises(c.CommentError):
        c.check_adoption(2, True, " ")
    c.check_adoption(2, True, "Tenggat penetapan dari Perda induk.")
    assert c.needs_answer("published", False) and c.needs_answer("pending", False)
    assert not c.needs_answer("hidden", False) and not c.needs_answer("published", True)
