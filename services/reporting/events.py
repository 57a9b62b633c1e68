"""The events reporting emits: their payload schemas (the contract in docs/asyncapi.yaml), `emit`, and the
payload builders.

reporting.report.updated carries aggregates only: no names, no ids of people. Other city
systems learn that a report changed, and its headline figures, without reading the API.
"""
from __future__ import annotations

import uuid

from marshmallow import Schema, fields

from services.reporting.db.models import plumbing
from services.reporting.reports.figures import CITY, aware
from shared.outbox import Emitter

SOURCE = "/asn/reporting"


class HeadlineSchema(Schema):
    employees = fields.Integer(required=True)
    pns_share_at_min_jp = fields.Float(allow_none=True)
    average_jp = fields.Float(allow_none=True)
    feedback_received = fields.Integer(required=True)
    feedback_open = fields.Integer(required=True)
    feedback_overdue = fields.Integer(required=True)
    complaints_share_overdue = fields.Float(allow_none=True)
    ikm_converted = fields.Float(allow_none=True)
    mutu = fields.String(allow_none=True)
    survey_respondents = fields.Integer(allow_none=True)


class ReportUpdatedEvent(Schema):
    """reporting.report.updated: a report's revision rose (coalesced: at most one per report every ~200 ms)."""

    scope = fields.String(required=True)  # a department code, or CITY
    department_code = fields.String(allow_none=True)
    period = fields.String(required=True)  # 2026, 2026-S1 or 2026-Q3
    revision = fields.Integer(required=True)
    as_of = fields.AwareDateTime(required=True)
    headline = fields.Nested(HeadlineSchema, required=True)


class ReplayRequestedEvent(Schema):
    """reporting.replay.requested: asks a producer to re-publish its whole outbox to a named queue."""

    queue = fields.String(required=True)
    request_id = fields.String(required=True)
    service = fields.String(allow_none=True)  # the producer asked; None asks every producer


EMITS: dict[str, type[Schema]] = {
    "reporting.report.updated": ReportUpdatedEvent,
    "reporting.replay.requested": ReplayRequestedEvent,
}


# emit(session, type, subject, data, sequence): record an event inside the caller's transaction.
emit = Emitter(SOURCE, plumbing["outbox"], EMITS)


def report_updated(revision, headline: dict) -> dict:
    """reporting.report.updated's payload from a report_revisions row and its headline figures."""
    return {"scope": revision.scope, "department_code": None if revision.scope == CITY else revision.scope,
            "period": revision.period, "revision": revision.revision, "as_of": aware(revision.as_of),
            "headline": headline}


def replay_requested(queue: str, producer: str | None) -> dict:
    """reporting.replay.requested's payload: `producer` (None: every one) re-publishes its outbox to `queue`."""
    return {"queue": queue, "request_id": str(uuid.uuid4()), "service": producer}
