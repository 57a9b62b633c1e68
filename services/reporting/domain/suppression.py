"""Small-group suppression for public views: the one place that decides what the public may not see.

A report marks every group of figures with `n`, the number of people (employees, respondents,
citizens who sent feedback) the figures in it are computed over. In a public view every
figure of a group with 0 < n < the minimum (ReportRules.public_min_group, 5 by default) becomes
null, `n` included, and the group says `"suppressed": true`. Labels and rule texts stay.
"""
from __future__ import annotations

from typing import Any

# Numbers that describe the rule or the item, not the people: safe to show even in a small group.
EXEMPT_KEYS = frozenset({"year", "version", "threshold", "minimum", "cap", "window_days", "days"})


def suppress_small_groups(node: Any, min_group: int, _inside: bool = False) -> Any:
    """A copy of `node` (a report or any part of it) with the small groups' figures blanked out."""
    if isinstance(node, dict):
        n = node.get("n")
        small = _inside or (isinstance(n, int) and not isinstance(n, bool) and 0 < n < min_group)
        out = {key: (value if key in EXEMPT_KEYS else suppress_small_groups(value, min_group, small))
               for key, value in node.items()}
        if small:
            out["suppressed"] = True
        return out
    if isinstance(node, list):
        return [suppress_small_groups(item, min_group, _inside) for item in node]
    if _inside and isinstance(node, int | float):  # bool is an int too: a yes/no is a figure
        return None
    return node
