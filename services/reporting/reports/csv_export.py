"""A report section as CSV: one row per figure (its dotted path and value), rule texts included."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from shared.web.csv import safe_cell

_ROW_KEYS = ("key", "code", "policy_id", "employee_id", "action_id", "policy_code")  # how a list item names itself in a figure path


def _flatten(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _flatten(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = next((str(item[k]) for k in _ROW_KEYS if isinstance(item, dict) and item.get(k)), str(index))
            yield from _flatten(item, f"{path}.{name}")
    else:
        yield path, node


class _SafeWriter:
    """csv.writer whose every cell is spreadsheet-safe: a name such as =HYPERLINK(...) stays text."""

    def __init__(self, out):
        self.writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row) -> None:
        self.writer.writerow([safe_cell(cell) for cell in row])


def section_csv(report: dict, section: str) -> str:
    out = io.StringIO()
    writer = _SafeWriter(out)
    meta = [report["scope"], report["period"], report["revision"], report["as_of"] or ""]
    if section == "recommendations":
        writer.writerow(["scope", "period", "revision", "as_of", "rule", "section", "figure", "value", "threshold",
                         "text"])
        for rec in report["recommendations"]:
            writer.writerow(meta + [rec[k] for k in ("rule", "section", "figure", "value", "threshold", "text")])
    else:
        writer.writerow(["scope", "period", "revision", "as_of", "figure", "value"])
        for figure, value in _flatten(report["sections"][section], ""):
            writer.writerow(meta + [figure, "" if value is None else value])
    return out.getvalue()
