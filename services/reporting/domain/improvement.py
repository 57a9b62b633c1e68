"""Reporting's reading of improvement plans: how an action stands against its deadline, what its figure is now,
and when a recommendation repeats a finding that an open action is already working on.

Consultation owns the plans and decides what is overdue and what was done on time (its events
carry `overdue_at` and `done_on_time`); reporting only reads those facts, and measures the
figure again in the later report with the rules of domain/recommendations.py.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from services.reporting.domain.recommendations import gap_closed

OPEN_STATES = ("planned", "in_progress")
TIMELINESS = ("on_time", "late", "overdue", "pending", "dropped")
TIMELINESS_LABELS = {"on_time": "Tepat waktu", "late": "Terlambat", "overdue": "Lewat tenggat",
                     "pending": "Belum jatuh tempo", "dropped": "Dibatalkan"}
_INDEXED = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\]$")


def timeliness(state: str, deadline: date, done_on_time: bool | None, overdue_at, today: date) -> str:
    """on_time / late (done), overdue / pending (open), dropped."""
    if state == "done":
        return "on_time" if done_on_time else "late"
    if state == "dropped":
        return "dropped"
    return "overdue" if overdue_at is not None or today > deadline else "pending"


def figure_value(report: dict, figure: str | None, subject: str | None = None) -> Any:
    """The figure's value in this report ('competence.jp.pns.share_at_minimum'); in a per-policy list
    ('consultation.policies[0].unanswered') the item is found by its code (`subject`), not by its position."""
    if not figure:
        return None
    node: Any = report.get("sections", {})
    for part in figure.split("."):
        indexed = _INDEXED.match(part)
        key = indexed.group("name") if indexed else part
        node = node.get(key) if isinstance(node, dict) else None
        if indexed and isinstance(node, list):
            if subject is not None:
                node = next((item for item in node if isinstance(item, dict) and item.get("code") == subject), None)
            else:
                position = int(indexed.group("index"))
                node = node[position] if position < len(node) else None
        if node is None:
            return None
    return node


def measured(action: dict, report: dict, scope: str) -> dict:
    """The triggering figure then and now, and whether the gap closed. Now is read only from a report of the scope
    the recommendation came from: another scope's figure would not be the same figure."""
    now = figure_value(report, action["figure"], action["subject"]) if action["source_scope"] == scope else None
    if isinstance(now, bool) or not isinstance(now, int | float):
        now = None
    return {"value_then": action["value"], "value_now": now, "threshold": action["threshold"],
            "gap_closed": gap_closed(action["rule"], now, action["threshold"]) if action["rule"] else None}


def same_finding(recommendation: dict, action: dict, scope: str) -> bool:
    return (action["source_scope"] == scope and action["rule"] == recommendation["rule"]
            and (action["subject"] or None) == (recommendation.get("subject") or None))


def mark_repeats(recommendations: list[dict], earlier_actions: list[dict], scope: str) -> list[dict]:
    """Each recommendation with `repeated` and, when an open action of an earlier plan already works on the same
    finding (same report scope, rule and subject), `follow_up` naming it: it is not a new finding."""
    marked = []
    for rec in recommendations:
        working = next((a for a in earlier_actions
                        if a["state"] in OPEN_STATES and same_finding(rec, a, scope)), None)
        follow_up = None if working is None else {
            key: working[key] for key in ("action_id", "policy_code", "period", "description", "owner_department",
                                          "deadline", "state")}
        marked.append({**rec, "repeated": working is not None, "follow_up": follow_up})
    return marked


def counts_by_policy(actions: list[dict]) -> list[dict]:
    """Per policy: actions planned (all of them), done on time, late (done late or past the deadline) and
    dropped: what the public sees, without descriptions or notes."""
    by_policy: dict[str, dict] = {}
    for a in actions:
        row = by_policy.setdefault(a["policy_code"], {"policy_code": a["policy_code"], "policy_title":
                                   a["policy_title"], "planned": 0, "done_on_time": 0, "late": 0, "dropped": 0,
                                   "open": 0})
        row["planned"] += 1
        kind = a["timeliness"]
        if kind == "on_time":
            row["done_on_time"] += 1
        elif kind in ("late", "overdue"):
            row["late"] += 1
        elif kind == "dropped":
            row["dropped"] += 1
        if a["state"] in OPEN_STATES:
            row["open"] += 1
    return sorted(by_policy.values(), key=lambda row: row["policy_code"])
