"""Benchmark: the staff inbox of consultation with 10,000 reports, on the real PostgreSQL.

    python bench/complaints_inbox.py [--reports 10000] [--requests 200]

It creates a scratch database on the server of TEST_DATABASE_URL (or BENCH_DATABASE_URL), migrates
it, writes N reports spread over 40 departments, every status, a year of arrival days and the
categories and kecamatan (as the workflows would leave them), runs ANALYZE as autovacuum would,
then requests the inbox page (/petugas/laporan, rendered HTML, signed in as staff through
tests/e2e/signin.py) as BKPSDM and as a department's operator, unfiltered and with each filter,
and drops the database. The last line holds the figures: reports=… list_p99_ms=… filter_p99_ms=… …
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the root, not bench/ (bench/http.py would hide http)

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from services.consultation.app import create_app  # noqa: E402
from services.consultation.config import Config  # noqa: E402
from services.consultation.db.models import Department, Feedback  # noqa: E402
from services.consultation.domain.areas import KECAMATAN  # noqa: E402
from services.consultation.domain.categories import DEFAULT_CATEGORIES  # noqa: E402
from services.consultation.domain.deadlines import Deadlines  # noqa: E402
from services.consultation.domain.feedback import new_tracking_id  # noqa: E402
from shared.config import load_settings  # noqa: E402
from shared.db import Database  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from tests.support.signin import sign_in_client  # noqa: E402

SECRET = "bench-secret-at-least-32-bytes-long!!"

SERVER = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                "postgresql://postgres@127.0.0.1:5432/postgres")
DEPARTMENTS = [f"OPD-{i:02d}" for i in range(1, 41)]
STATUSES = ["received"] * 10 + ["forwarded"] * 25 + ["info_requested"] * 5 + ["responded"] * 15 + \
           ["escalated"] * 2 + ["closed"] * 43  # percentages of a year's reports


def scratch_database():
    server = make_url(SERVER.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"asn_bench_inbox_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return admin, name, server.set(database=name).render_as_string(hide_password=False)


def reports(n: int, now: datetime) -> list[dict]:
    rng, deadlines, seen = random.Random(15), Deadlines(), set()
    rows = []
    for i in range(n):
        submitted = now - timedelta(days=rng.uniform(0, 365), hours=rng.uniform(0, 24))
        status = rng.choice(STATUSES)
        forwarded = status != "received" and not (status == "info_requested" and i % 2)
        department = rng.choice(DEPARTMENTS) if forwarded else None
        forwarded_at = submitted + timedelta(hours=rng.uniform(2, 72)) if forwarded else None
        responded_at = (forwarded_at + timedelta(hours=rng.uniform(4, 120))
                        if status in ("responded", "closed") and forwarded_at else None)
        kecamatan = rng.choice(KECAMATAN)
        tracking_id = new_tracking_id(submitted.year)
        while tracking_id in seen:
            tracking_id = new_tracking_id(submitted.year)
        seen.add(tracking_id)
        rows.append({
            "id": str(uuid.uuid4()), "tracking_id": tracking_id, "kind": rng.choice(["pengaduan"] * 3 + ["aspirasi"]),
            "category": rng.choice(DEFAULT_CATEGORIES).key, "unsur": None, "department_code": department,
            "text": f"Laporan contoh nomor {i} tentang pelayanan publik di kota.", "status": status,
            "submitted_at": submitted, "forward_due": deadlines.forward_due(submitted),
            "forwarded_at": forwarded_at, "assigned_at": forwarded_at,
            "follow_up_due": deadlines.follow_up_due(forwarded_at) if forwarded_at else None,
            "responded_at": responded_at, "first_responded_at": responded_at,
            "auto_close_due": deadlines.auto_close_due(responded_at) if responded_at else None,
            "info_due": deadlines.info_due(now) if status == "info_requested" else None,
            "closed_at": responded_at + timedelta(days=3) if status == "closed" and responded_at else None,
            "hidden": False, "version": 3, "privacy": rng.choice(["confidential", "confidential", "public", "anonymous"]),
            "kecamatan": kecamatan.key, "kelurahan": rng.choice(kecamatan.kelurahan)[0], "reroute_count": 0,
            "reopen_count": 0, "paused_hours": 0.0, "paused_working_days": 0,
        })
    return rows


def timed(client, path: str, count: int) -> list[float]:
    client.get(path)  # warm: templates compiled, connections opened
    times = []
    for _ in range(count):
        started = time.perf_counter()
        resp = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert resp.status_code == 200, (path, resp.status_code)
    return times


def p99(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.99) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    admin_engine, name, url = scratch_database()
    try:
        db = Database(url)
        upgrade("consultation", db)
        now = datetime.now(UTC)
        with db.transaction() as session:
            session.execute(insert(Department), [{"code": code, "name": f"Dinas Contoh {code}", "type": "dinas",
                                                  "status": "active", "sequence": 1} for code in DEPARTMENTS])
            rows = reports(args.reports, now)
            for start in range(0, len(rows), 1000):
                session.execute(insert(Feedback), rows[start:start + 1000])
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
        settings = load_settings("consultation", database_url=url, jwt_secret=SECRET, migrate_on_start=False)
        app = create_app(settings, db=db, config=Config())
        bkpsdm, operator = app.test_client(), app.test_client()
        sign_in_client(bkpsdm, "admin")
        sign_in_client(operator, "operator", "OPD-07")
        one = rows[len(rows) // 2]["tracking_id"]
        today = now.date()
        scenarios = {
            "list": (bkpsdm, "/petugas/laporan"),
            "list_page_20": (bkpsdm, "/petugas/laporan?halaman=20"),
            "operator": (operator, "/petugas/laporan"),
            "status": (bkpsdm, "/petugas/laporan?status=forwarded"),
            "department": (bkpsdm, "/petugas/laporan?opd=OPD-12"),
            "category": (bkpsdm, "/petugas/laporan?kategori=waktu_layanan"),
            "overdue": (bkpsdm, "/petugas/laporan?tenggat=terlambat"),
            "period": (bkpsdm, f"/petugas/laporan?dari={today - timedelta(days=60)}&sampai={today}"),
            "search": (bkpsdm, f"/petugas/laporan?cari={one}"),
            "combined": (bkpsdm, "/petugas/laporan?status=forwarded&opd=OPD-12&tenggat=terlambat"),
        }
        figures = {}
        for label, (client, path) in scenarios.items():
            times = timed(client, path, args.requests)
            figures[label] = times
            print(f"{label:12} p50={statistics.median(times):6.1f} ms  p99={p99(times):6.1f} ms  {path}")
        filters = [t for label, times in figures.items() if label not in ("list", "list_page_20", "operator")
                   for t in times]
        lists = figures["list"] + figures["list_page_20"] + figures["operator"]
        db.engine.dispose()
        print(f"reports={args.reports} requests={sum(len(t) for t in figures.values())} "
              f"list_p50_ms={statistics.median(lists):.1f} list_p99_ms={p99(lists):.1f} "
              f"filter_p50_ms={statistics.median(filters):.1f} filter_p99_ms={p99(filters):.1f} "
              f"worst_p99_ms={max(p99(t) for t in figures.values()):.1f}")
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


if __name__ == "__main__":
    main()
