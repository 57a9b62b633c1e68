"""The two pika programs in examples/, run against the real broker: a completion sent in reaches the reports,
and the listener hears reporting.report.updated."""
import subprocess
import sys
import threading
import uuid

from services.personnel.worker import inbound_consumer
from services.reporting.domain.rules import ReportRules
from services.reporting.workflow.announce import announcer_loop
from tests.integration.test_personnel_inbound import LMS
from tests.integration.test_training_loop import jp_of
from tests.support import seed
from tests.support.workers import running, wait_for


def test_send_a_completion_and_hear_the_report_update(personnel, reporting, tokens, broker_url):
    admin = tokens("admin")
    seed.department(personnel.client, admin)
    seed.programme(personnel.client, admin, jp=12)
    assert personnel.client.post("/api/v1/employees", json={
        "nip": "198001012005011001", "name": "Budi Santoso", "employee_type": "PNS",
        "department_code": "DINKES"}, headers=admin).status_code == 201
    listener_queue = f"example.report-updates.{uuid.uuid4().hex[:8]}"
    listener = subprocess.Popen(
        [sys.executable, "examples/listen_report_updates.py", "--url", broker_url, "--exchange",
         reporting.settings.events_exchange, "--queue", listener_queue, "--max-messages", "1", "--timeout", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "listening" in listener.stdout.readline()
        with running(consumer=inbound_consumer(personnel.settings, personnel.db, LMS), relay=personnel.relay()), \
                running(consumer=reporting.consumer(), relay=reporting.relay()):
            stop_announcer = threading.Event()
            thread = threading.Thread(
                target=announcer_loop(reporting.settings, reporting.db, ReportRules()), args=(stop_announcer,), daemon=True)
            thread.start()
            sent = subprocess.run(
                [sys.executable, "examples/send_training_completion.py", "--url", broker_url, "--exchange",
                 personnel.settings.inbound_exchange, "--nip", "198001012005011001", "--programme", "TEKNIS-01",
                 "--start", "2026-03-09", "--end", "2026-03-10", "--jp", "12"],
                capture_output=True, text=True, timeout=30)
            assert sent.returncode == 0 and sent.stdout.startswith("sent "), sent.stderr
            wait_for(lambda: jp_of(reporting) == 12, timeout=20, message="the completion in reporting")
            out, _ = listener.communicate(timeout=60)
            stop_announcer.set()
        assert "report DINKES 2026 revision" in out or "report CITY 2026 revision" in out, out
    finally:
        if listener.poll() is None:
            listener.kill()
        subprocess.run([sys.executable, "-c", f"import pika; c=pika.BlockingConnection(pika.URLParameters({broker_url!r}));"
                        f"c.channel().queue_delete({listener_queue!r}); c.close()"], check=False)
