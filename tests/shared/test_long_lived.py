"""What a process builds at start leaves Python's full garbage collections (shared/long_lived.py).

Without it a full collection walks the 85,000–130,000 objects of a built app, 60–180 ms with the
GIL held, every few thousand requests: every thread of that web worker stands still, and the
requests in flight miss their p99. Checked in real processes (freezing the test process itself
would keep its garbage): a gunicorn worker started from the repository, as compose and Kubernetes
start it (gunicorn reads ./gunicorn.conf.py), and a service worker's own process.
"""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import requests

from tests.support.scratch import free_port
from tests.support.workers import wait_for

ROOT = Path(__file__).resolve().parents[2]

PROBE_APP = '''
import gc

def app(environ, start_response):
    # How many objects this worker froze, and whether this module's own globals are still walked.
    walked = any(obj is globals() for obj in gc.get_objects())
    body = ('{"frozen": %d, "module_walked": %s}' % (gc.get_freeze_count(), str(walked).lower())).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
'''


def test_a_gunicorn_worker_started_in_the_repository_freezes_what_it_built(tmp_path):
    (tmp_path / "probe_app.py").write_text(PROBE_APP)
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "--pythonpath", str(tmp_path), "--log-level", "info", "probe_app:app"],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    def answer():
        assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
        try:
            return requests.get(f"http://127.0.0.1:{port}/", timeout=5).json()
        except requests.ConnectionError:
            return None

    try:
        answer = wait_for(answer, timeout=30, interval=0.2, message="gunicorn to answer")
    finally:
        server.terminate()
        server.wait(30)
    assert answer["frozen"] > 10_000  # gunicorn, the app and everything imported: out of the full collections
    assert answer["module_walked"] is False
    assert "objects built at start frozen" in (tmp_path / "gunicorn.log").read_text()  # what an operator reads


WORKER_PROBE = '''
import gc, json, sys
from shared.worker import run_loops

seen = {}

def probe(stop):
    seen["frozen"] = gc.get_freeze_count()
    stop.set()

run_loops([("probe", probe)], install_signals=sys.argv[1] == "own-process")
print(json.dumps(seen))
'''


def _worker_frozen(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(WORKER_PROBE), mode], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])["frozen"]


def test_a_service_worker_in_its_own_process_freezes_what_it_built_and_one_in_a_thread_does_not():
    assert _worker_frozen("own-process") > 10_000
    assert _worker_frozen("in-a-thread-of-someone-else") == 0  # a test's or all-in-one's: its garbage stays collectable
