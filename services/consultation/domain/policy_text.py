"""The text of a policy: numbered articles (pasal), each with a heading and a body, and their checks.

An article keeps its `key` from version to version, so that a comparison follows an article
even when articles before it are added or removed and it is renumbered; numbers are always
1..n in order. The comparison itself is in domain/text_diff.py.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

HEADING_MIN, HEADING_MAX = 3, 200
BODY_MIN, BODY_MAX = 10, 20_000
MAX_ARTICLES = 200


@dataclass(frozen=True)
class Article:
    key: str
    number: int
    heading: str
    body: str


class ArticleError(ValueError):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def check_article(heading: str, body: str) -> tuple[str, str]:
    """The heading and body, trimmed, if they fit; ArticleError names the field otherwise."""
    heading, body = (heading or "").strip(), (body or "").strip()
    if not HEADING_MIN <= len(heading) <= HEADING_MAX:
        raise ArticleError("heading", f"a heading has {HEADING_MIN} to {HEADING_MAX} characters")
    if not BODY_MIN <= len(body) <= BODY_MAX:
        raise ArticleError("body", f"an article has {BODY_MIN} to {BODY_MAX} characters")
    return heading, body


def check_room(count: int) -> None:
    if count >= MAX_ARTICLES:
        raise ArticleError("number", f"a policy has at most {MAX_ARTICLES} articles")


def check_position(position: int, count: int) -> int:
    """Where an article may be put among `count` others: 1 (first) to count + 1 (last)."""
    if not 1 <= position <= count + 1:
        raise ArticleError("number", f"choose a position from 1 to {count + 1}")
    return position


def renumbered(keys: Sequence[str]) -> dict[str, int]:
    """Number the articles 1..n in the given order."""
    return {key: i for i, key in enumerate(keys, start=1)}


def moved(keys: Sequence[str], key: str, position: int) -> list[str]:
    """The order of articles after moving `key` to `position` (1-based)."""
    rest = [k for k in keys if k != key]
    position = max(1, min(position, len(rest) + 1))
    return rest[:position - 1] + [key] + rest[position - 1:]


def ready_to_publish(articles: Sequence[Article]) -> None:
    """A text goes to the public (a round, or adoption) with at least one article."""
    if not articles:
        raise ArticleError("articles", "write at least one article before publishing the text")
