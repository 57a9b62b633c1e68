"""Citizens' e-mail: written with the step that moved the report, sent by the worker over SMTP to a real
server in the test process (aiosmtpd), never lost when the server is down, never sent twice after a restart."""
from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

from sqlalchemy import select

from services.consultation import worker
from services.consultation.config import Config, Smtp
from services.consultation.db.models import MailNotification
from services.consultation.workflow.notifications import SmtpSender, send_due
from shared.db import utcnow
from tests.consultation.helpers import feedback_id, step, submit
from tests.support.smtp import MailServer, free_port
from tests.support.workers import wait_for

BASE = "https://layanan.tebingtinggikota.go.id"


def smtp_for(port: int) -> Smtp:
    return Smtp(host="127.0.0.1", port=port, sender="Pengaduan Kota Tebing Tinggi <lapor@tebingtinggikota.go.id>",
                timeout=5)


def send(svc, smtp: Smtp, at=None):
    moment = at or utcnow()
    return send_due(svc.db, lambda: moment, lambda: SmtpSender(smtp), BASE, smtp)


def rows(svc) -> list[MailNotification]:
    with svc.db.sessions() as session:
        return list(session.execute(select(MailNotification).order_by(MailNotification.created_at)).scalars())


def test_each_status_change_mails_the_citizen_in_bahasa_indonesia_with_the_tracking_link(consultation, admin,
                                                                                          dinkes):
    c = consultation.client
    tracking_id = submit(c)["tracking_id"]
    fid = feedback_id(consultation, tracking_id)
    step(c, admin, fid, "forward", department_code="DINKES", note="Diteruskan ke Dinas Kesehatan.")
    step(c, dinkes, fid, "respond", response="Jam layanan puskesmas ditambah mulai pekan depan.")
    assert len(rows(consultation)) == 3  # written with the steps, before anything is sent

    with MailServer() as mail:
        assert send(consultation, smtp_for(mail.port)) == (3, 0)
        received = mail.wait_for(3)
    assert [m["Subject"] for m in received] == [f"[{tracking_id}] Masuk", f"[{tracking_id}] Diteruskan ke OPD",
                                                f"[{tracking_id}] Ditindaklanjuti"]
    assert all(r == ["siti.aminah@example.id"] for r in mail.recipients)
    body = received[2].get_content()
    assert "Laporan Anda sudah ditindaklanjuti" in body and f"{BASE}/lacak/{tracking_id}" in body
    assert "Diteruskan ke Dinas Kesehatan." in received[1].get_content()
    ids = [m["Message-ID"] for m in received]
    assert len(set(ids)) == 3 and all(i.endswith("@tebingtinggikota.go.id>") for i in ids)
    assert all(r.sent_at is not None and r.attempts == 1 for r in rows(consultation))


def test_a_message_waits_while_the_mail_server_is_down_and_goes_when_it_is_back(consultation):
    submit(consultation.client)
    port = free_port()  # nothing listens there yet: the relay is down
    smtp = smtp_for(port)
    now = utcnow()
    assert send(consultation, smtp, now) == (0, 1)
    [row] = rows(consultation)
    assert row.sent_at is None and row.attempts == 1 and row.next_attempt_at > now and row.last_error
    assert send(consultation, smtp, now + timedelta(seconds=5)) == (0, 0)  # backing off: not retried yet

    with MailServer(port) as mail:
        assert send(consultation, smtp, row.next_attempt_at + timedelta(seconds=1)) == (1, 0)
        [message] = mail.wait_for(1)
    assert message["Subject"].endswith("Masuk")
    assert rows(consultation)[0].sent_at is not None


def test_a_restart_sends_nothing_twice_and_a_crash_after_acceptance_repeats_the_same_message_id(consultation):
    submit(consultation.client)
    submit(consultation.client)
    with MailServer() as mail:
        smtp = smtp_for(mail.port)

        class CrashAfterAccept(SmtpSender):
            """The server accepts the message, then the worker dies before marking it."""

            def send(self, message):
                super().send(message)
                raise RuntimeError("killed")

        moment = utcnow()
        try:
            send_due(consultation.db, lambda: moment, lambda: CrashAfterAccept(smtp), BASE, smtp)
        except RuntimeError:
            pass
        first = mail.wait_for(1)[0]
        assert all(r.sent_at is None for r in rows(consultation))  # the mark rolled back with the crash

        assert send(consultation, smtp) == (2, 0)  # "after the restart"
        assert send(consultation, smtp) == (0, 0)  # and again: nothing is sent twice
        messages = mail.wait_for(3)
    assert len(messages) == 3
    repeated = [m for m in messages if m["Message-ID"] == first["Message-ID"]]
    assert len(repeated) == 2 and repeated[0].get_content() == repeated[1].get_content()


def test_the_worker_sends_the_mail_on_its_own(consultation):
    tracking_id = submit(consultation.client)["tracking_id"]
    with MailServer() as mail:
        config = dataclasses.replace(consultation.config, smtp=smtp_for(mail.port), mail_seconds=0.1,
                                     sweep_seconds=60, public_base_url=BASE)
        stop = threading.Event()
        thread = threading.Thread(target=worker.main, kwargs={"settings": consultation.settings, "stop": stop,
                                                              "config": config, "install_signals": False},
                                  daemon=True)
        thread.start()
        try:
            [message] = mail.wait_for(1, timeout=20)
            wait_for(lambda: rows(consultation)[0].sent_at is not None, message="the mark")
        finally:
            stop.set()
            thread.join(timeout=30)
    assert tracking_id in message["Subject"] and f"{BASE}/lacak/{tracking_id}" in message.get_content()


def test_without_a_mail_relay_nothing_is_sent_and_nothing_is_lost(consultation):
    submit(consultation.client)
    assert Config().smtp.host is None
    [row] = rows(consultation)
    assert row.sent_at is None and row.failed_at is None
