"""Helpers for loading what a whole file refers to in a few queries."""
from __future__ import annotations

from collections.abc import Iterator

CHUNK = 5_000  # PostgreSQL allows 65,535 bind parameters per statement


def in_chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    unique = list(dict.fromkeys(values))
    for start in range(0, len(unique), size):
        yield unique[start:start + size]
