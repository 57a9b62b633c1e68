"""Comparing two versions of a policy article by article, with the changed words marked (difflib).

Articles are matched by their key, which a revision keeps, so an article that was only
renumbered (because one was added before it) is "unchanged", not removed and added. The
result follows the newer version's order, with removed articles where they stood.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from services.consultation.domain.policy_text import Article


class Change(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


CHANGE_LABELS = {Change.UNCHANGED: "Tidak berubah", Change.CHANGED: "Diubah", Change.ADDED: "Ditambahkan",
                 Change.REMOVED: "Dihapus"}


@dataclass(frozen=True)
class Segment:
    """A run of text: "same" in both versions, "added" in the newer, or "removed" from the older."""

    op: str
    text: str


@dataclass(frozen=True)
class ArticleComparison:
    key: str
    change: Change
    old: Article | None
    new: Article | None
    heading: tuple[Segment, ...]
    body: tuple[Segment, ...]

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.number != self.new.number


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The newer text against the older, word by word; neighbouring runs of one kind are merged."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[Segment] = []

    def add(op: str, tokens: Sequence[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", a[i1:i2])
        else:
            add("removed", a[i1:i2])
            add("added", b[j1:j2])
    return tuple(segments)


def _whole(op: str, text: str) -> tuple[Segment, ...]:
    return (Segment(op, text),) if text else ()


def _compare_one(old: Article | None, new: Article | None) -> ArticleComparison:
    if old is None:
        return ArticleComparison(new.key, Change.ADDED, None, new, _whole("added", new.heading),
                                 _whole("added", new.body))
    if new is None:
        return ArticleComparison(old.key, Change.REMOVED, old, None, _whole("removed", old.heading),
                                 _whole("removed", old.body))
    same = old.heading == new.heading and old.body == new.body
    return ArticleComparison(new.key, Change.UNCHANGED if same else Change.CHANGED, old, new,
                             word_diff(old.heading, new.heading), word_diff(old.body, new.body))


def compare(old: Sequence[Article], new: Sequence[Article]) -> list[ArticleComparison]:
    """Every article of either version, in the newer version's order, with what changed.

    A removed article comes right after the article that preceded it in the older version
    (the nearest one still there), or first if none did.
    """
    old_sorted = sorted(old, key=lambda a: a.number)
    new_sorted = sorted(new, key=lambda a: a.number)
    old_by_key, new_keys = {a.key: a for a in old_sorted}, {a.key for a in new_sorted}
    after: dict[str | None, list[Article]] = {}
    anchor = None
    for article in old_sorted:
        if article.key in new_keys:
            anchor = article.key
        else:
            after.setdefault(anchor, []).append(article)
    result = [_compare_one(a, None) for a in after.get(None, [])]
    for article in new_sorted:
        result.append(_compare_one(old_by_key.get(article.key), article))
        result += [_compare_one(a, None) for a in after.get(article.key, [])]
    return result


def changed(comparison: Sequence[ArticleComparison]) -> list[ArticleComparison]:
    """The articles whose content changed (added, removed or reworded); renumbering alone is no change."""
    return [c for c in comparison if c.change is not Change.UNCHANGED]


def changed_numbers(comparison: Sequence[ArticleComparison]) -> list[int]:
    """The numbers of the changed articles: the newer number, or the older one of a removed article."""
    return [(c.new or c.old).number for c in changed(comparison)]
