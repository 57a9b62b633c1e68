"""All-in-one mode, as a newcomer runs it (`make run`): a training record changes reporting's figure."""
import os
import subprocess
import sys
import time

import pytest
import requests

from shared.config import load_settings
from shared.web.auth import issue_token

SECRET = "e2e-all-in-one-secret-0123456789abcdef"


def wait_healthy(url, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"all-in-one exited: {proc.stdout.read()}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never became healthy")


@pytest.fixture
def all_in_one(tmp_path):
    env = {**os.environ, "VAR_DIR": str(tmp_path), "JWT_SECRET": SECRET}
    env.pop("DATABASE_URL", None)
    env.pop("BROKER_URL", None)
    proc = subprocess.Popen([sys.executable, "scripts/all_in_one.py"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        for port in (8001, 8002, 8003, 8004):
            wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_loop_runs_in_one_process(all_in_one):
    token = issue_token(load_settings("e2e", jwt_secret=SECRET), "newcomer", "admin")
    h = {"Authorization": f"Bearer {token}"}
    p = "http://127.0.0.1:8001/api/v1"
    assert requests.post(f"{p}/departments", json={"code": "DISKOMINFO", "name": "Dinas Komunikasi dan Informatika",
                                                    "type": "dinas"}, headers=h).status_code == 201
    assert requests.post(f"{p}/training-programmes", json={"code": "DIGI-01", "title": "Literasi Digital",
                                                            "kind": "teknis", "jp": 8}, headers=h).status_code == 201
    emp = requests.post(f"{p}/employees", json={"nip": "199002152015032001", "name": "Siti Aminah",
                                                "employee_type": "PNS", "department_code": "DISKOMINFO"},
                        headers=h).json()
    r = requests.post(f"{p}/training-records", json={"employee_id": emp["id"], "programme_code": "DIGI-01",
                                                      "start_date": "2026-05-04", "end_date": "2026-05-05"},
                      headers=h)
    assert r.status_code == 201, r.text
    deadline = time.monotonic() + 15
    figure = None
    while time.monotonic() < deadline:
        body = requests.get("http://127.0.0.1:8004/api/v1/training-hours?year=2026", headers=h).json()
        figure = {d["department_code"]: d["jp_total"] for d in body["departments"]}.get("DISKOMINFO")
        if figure == 8:
            break
        time.sleep(0.2)
    assert figure == 8
    for port in (8001, 8002, 8003, 8004):
        assert requests.get(f"http://127.0.0.1:{port}/openapi.json").json()["info"]["version"] == "v1"
