"""How long a closed report keeps what the citizen gave: its text, contact, attachments and mail.

After `days` calendar days from closing, the worker erases them (workflow/retention.py); the
record of what happened (kind, category, department, dates, the department's response, the
official answer) stays, so figures and accountability outlive the personal data. The period is
**unconfirmed** (no retention schedule for complaints was found): a setting,
FEEDBACK_RETENTION_DAYS, default five years. See docs/complaints.md, 'Retention'.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Retention:
    days: int = 1826

    def __post_init__(self) -> None:
        if not isinstance(self.days, int) or self.days < 1:
            raise ValueError(f"the retention period must be at least 1 day, got {self.days!r}")

    def closed_before(self, now: datetime) -> datetime:
        """Reports closed before this moment are past their retention."""
        return now - timedelta(days=self.days)
