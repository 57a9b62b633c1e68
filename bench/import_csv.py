"""Benchmark: personnel's CSV import of employees and then their training records, on the real PostgreSQL.

    python bench/import_csv.py [--rows 10000]

It creates a scratch database on the server of TEST_DATABASE_URL (or BENCH_DATABASE_URL),
migrates it, generates N employees across 40 departments and one training record for each,
imports both files through the HTTP API (dry run first, then for real: every row checked,
then all written with their outbox events in one transaction), and drops the database.
The last line holds the figures of the real imports together: rows=… seconds=… rows_per_s=…
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the root, not bench/ (bench/http.py would hide http)

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from shared.config import load_settings  # noqa: E402
from shared.db import Database  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from shared.web.auth import issue_token  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                "postgresql://postgres@127.0.0.1:5432/postgres")
SECRET = "bench-secret-at-least-32-bytes-long!!"
DEPARTMENTS = [f"OPD-{i:02d}" for i in range(1, 41)]


def nip(i: int) -> str:
    """A valid PNS NIP, different for each i: birth 1960-1979, CPNS 2000-2019 (so at 21 or older), sequence 001-999."""
    birth_year, appointment_year = 1960 + i % 20, 2000 + (i // 20) % 20
    birth_month, appointment_month = 1 + (i // 400) % 12, 1 + (i // 4800) % 12
    return f"{birth_year}{birth_month:02d}15{appointment_year}{appointment_month:02d}{1 + i % 2}{1 + i // 9600:03d}"


def employees_csv(n: int) -> str:
    rng = random.Random(7)
    lines = ["nip,name,employee_type,department_code,rank,position_title,position_type,tmt_jabatan,education"]
    for i in range(n):
        lines.append(f"{nip(i)},Pegawai Demo {i},PNS,{rng.choice(DEPARTMENTS)},III/{'abcd'[i % 4]},"
                     f"Analis Kebijakan,fungsional,20{10 + i % 15}-0{1 + i % 9}-01,s1")
    return "\n".join(lines) + "\n"


def training_csv(n: int) -> str:
    lines = ["nip,programme_code,start_date,end_date,jp,status,certificate_number"]
    for i in range(n):
        lines.append(f"{nip(i)},TEKNIS-DEMO,2025-0{1 + i % 9}-10,2025-0{1 + i % 9}-12,{8 + i % 20},completed,"
                     f"SERT-{i:06d}")
    return "\n".join(lines) + "\n"


def scratch_database():
    server = make_url(SERVER.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"asn_bench_import_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return admin, name, server.set(database=name).render_as_string(hide_password=False)


def timed_import(client, headers, path: str, body: str, rows: int) -> float:
    dry = client.post(f"/api/v1/imports/{path}?dry_run=true", data=body.encode(), content_type="text/csv",
                      headers=headers)
    assert dry.status_code == 200 and not dry.get_json()["errors"], dry.get_json()
    started = time.perf_counter()
    resp = client.post(f"/api/v1/imports/{path}", data=body.encode(), content_type="text/csv", headers=headers)
    seconds = time.perf_counter() - started
    assert resp.status_code == 200 and resp.get_json()["imported"] == rows, resp.get_json()
    print(f"{path}: rows={rows} bytes={len(body)} seconds={seconds:.2f} rows_per_s={rows / seconds:.0f}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    from services.personnel.app import create_app
    from services.personnel.db.models import plumbing

    admin, name, url = scratch_database()
    db = Database(url)
    try:
        upgrade("personnel", db)
        settings = load_settings("personnel", database_url=url, broker_url="memory://", jwt_secret=SECRET,
                                 migrate_on_start=False)
        client = create_app(settings, db=db).test_client()
        headers = {"Authorization": f"Bearer {issue_token(settings, 'bench', 'admin')}"}
        for code in DEPARTMENTS:
            client.post("/api/v1/departments", json={"code": code, "name": f"Demo {code}", "type": "dinas"},
                        headers=headers)
        client.post("/api/v1/training-programmes", json={"code": "TEKNIS-DEMO", "title": "Pelatihan Teknis Demo",
                                                         "kind": "teknis", "jp": 12}, headers=headers)
        seconds = timed_import(client, headers, "employees", employees_csv(args.rows), args.rows)
        seconds += timed_import(client, headers, "training-records", training_csv(args.rows), args.rows)
        with db.sessions() as session:
            events = session.execute(select(func.count()).select_from(plumbing["outbox"])).scalar_one()
        print(f"outbox events={events}")
        total = 2 * args.rows
        print(f"rows={total} seconds={seconds:.2f} rows_per_s={total / seconds:.0f}")
    finally:
        db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
