"""E-mail to citizens about their reports: written with the step (an outbox of mail), sent by the worker.

Guarantee: a message is written in the same transaction as the step it tells about, so it exists
exactly when the step does; it is sent at least once, and marked sent only after the mail server
accepted it. A failure (server down, refused) is retried with back-off (domain/notifications.py),
and given up after MAX_ATTEMPTS with the error kept. A crash between the server's acceptance and
the mark sends it once more, with the same Message-ID, so a mail client shows it once; nothing
else can send it twice, because each row is locked (FOR UPDATE SKIP LOCKED) while it is sent.

Channels: "email" only. An SMS or WhatsApp gateway would be another `Sender` for rows of its
channel (docs/complaints.md, 'Notifications').
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, MailNotification
from services.consultation.domain.notifications import (
    MAX_ATTEMPTS,
    WHAT_HAPPENED,
    backoff_seconds,
    message_id,
    status_mail,
)
from shared.db import Database, utcnow

log = logging.getLogger(__name__)
BATCH = 50
TRACKING_PATH = "/lacak/"


def queue_mail(session: Session, fb: Feedback, event: str, now: datetime, note: str | None) -> None:
    """Write the e-mail this step owes the citizen, if they left an address and the step tells them something."""
    if not fb.contact_email or event not in WHAT_HAPPENED:
        return
    session.add(MailNotification(feedback_id=fb.id, channel="email", recipient=fb.contact_email, event=event,
                                 status=fb.status, note=note, created_at=now, next_attempt_at=now, attempts=0))


class Sender(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpSender:
    """One SMTP connection per batch, to the relay of config.Smtp."""

    def __init__(self, smtp) -> None:
        self.smtp = smtp
        self._client: smtplib.SMTP | None = None

    def __enter__(self):
        s = self.smtp
        if s.ssl:
            client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.starttls:
                client.starttls(context=ssl.create_default_context())
        if s.username:
            client.login(s.username, s.password or "")
        self._client = client
        return self

    def send(self, message: EmailMessage) -> None:
        self._client.send_message(message)

    def __exit__(self, *exc) -> None:
        try:
            self._client.quit()
        except (smtplib.SMTPException, OSError):
            self._client.close()


def build_message(row: MailNotification, tracking_id: str, base_url: str, smtp) -> EmailMessage:
    """The message for a row: the same headers and words at every attempt."""
    mail = status_mail(row.event, row.status, tracking_id, f"{base_url}{TRACKING_PATH}{tracking_id}", row.note)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = smtp.sender, row.recipient, mail.subject
    message["Message-ID"] = message_id(row.id, smtp.domain)
    message["Date"] = format_datetime(row.created_at)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    message.set_content(mail.body)
    return message


def _next_due(session: Session, now: datetime):
    """The oldest due message with its tracking id, locked for this sender (others skip it), or None."""
    return session.execute(
        select(MailNotification, Feedback.tracking_id).join(Feedback, Feedback.id == MailNotification.feedback_id)
        .where(MailNotification.sent_at.is_(None), MailNotification.failed_at.is_(None),
               MailNotification.next_attempt_at <= now)
        .order_by(MailNotification.next_attempt_at, MailNotification.id).limit(1)
        .with_for_update(of=MailNotification, skip_locked=True)).first()


def send_due(db: Database, now, sender_factory, base_url: str, smtp, limit: int = BATCH) -> tuple[int, int]:
    """Send due mail, one message per transaction (so a crash repeats at most one); returns (sent, failed).

    `now` is a function: each message is judged and stamped at its own moment. The connection is
    opened only when there is something to send; if it cannot be (the server is down), the message
    in hand waits with back-off and the pass ends.
    """
    sent = failed = 0
    sender = None
    try:
        for _ in range(limit):
            with db.transaction() as session:
                moment = now()
                due = _next_due(session, moment)
                if due is None:
                    break
                row, tracking_id = due
                try:
                    if sender is None:
                        sender = sender_factory().__enter__()
                    sender.send(build_message(row, tracking_id, base_url, smtp))
                except (smtplib.SMTPException, OSError) as exc:
                    _failed(row, moment, exc)
                    failed += 1
                    if sender is None or isinstance(exc, (smtplib.SMTPServerDisconnected, OSError)):
                        break  # the server is unreachable: the rest wait for the next pass
                    continue  # this message was refused; the next may go
                row.sent_at, row.attempts = moment, row.attempts + 1
                sent += 1
    finally:
        if sender is not None:
            sender.__exit__(None, None, None)
    return sent, failed


def _failed(row: MailNotification, now: datetime, exc: Exception) -> None:
    row.attempts += 1
    row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
    if row.attempts >= MAX_ATTEMPTS:
        row.failed_at = now
    else:
        row.next_attempt_at = now + timedelta(seconds=backoff_seconds(row.attempts))


def mail_loop(db: Database, config, interval: float | None = None):
    """Worker loop factory: send due mail every `interval` seconds (config.mail_seconds)."""
    interval = config.mail_seconds if interval is None else interval
    base_url = config.public_base_url or "http://localhost:8002"

    def loop(stop: threading.Event) -> None:
        if not config.smtp.host:
            log.warning("SMTP_HOST is not set: citizens' e-mail waits in the mail outbox until it is")
            stop.wait()  # stay alive: the worker's health check wants every loop running
            return
        while not stop.is_set():
            try:
                sent, failed = send_due(db, utcnow, lambda: SmtpSender(config.smtp), base_url, config.smtp)
                if sent or failed:
                    log.info("mail: %d sent, %d failed attempts", sent, failed)
            except Exception:  # noqa: BLE001 - a failed pass is retried at the next tick
                log.exception("mail pass failed")
            stop.wait(interval)

    return loop
