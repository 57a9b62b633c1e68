"""Benchmark: the staff workspace's search and employee pages with 10,000 employees and 100,000 training records.

    python bench/personnel_pages.py [--employees 10000] [--records 100000] [--requests 400]

It creates a scratch database on the server of TEST_DATABASE_URL (or BENCH_DATABASE_URL), migrates
it, loads the employees (with a first appointment and rank each), the training records (about ten
per employee) and some socialization attendance with multi-row SQL inserts, runs ANALYZE, then times
GET requests through the whole Flask app (signed in as a BKPSDM admin, pages rendered from their
templates): the search page with a mix of filters, and random employees' pages. It drops the
database at the end. The last line holds the figures: search_p99_ms=… employee_p99_ms=… (target < 100 ms).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the root, not bench/ (bench/http.py would hide http)

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from services.personnel.app import create_app  # noqa: E402
from services.personnel.config import Config  # noqa: E402
from services.personnel.db import models  # noqa: E402
from shared.config import load_settings  # noqa: E402
from shared.db import Database  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from shared.web.auth import issue_token  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                "postgresql://postgres@127.0.0.1:5432/postgres")
SECRET = "bench-secret-at-least-32-bytes-long!!"
DEPARTMENTS = [f"OPD-{i:02d}" for i in range(1, 41)]
RANKS = ["II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]
POSITIONS = ["pelaksana"] * 6 + ["fungsional"] * 3 + ["pengawas", "administrator"]
FIRST = ["Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lestari",
         "Maya", "Nanda", "Putri", "Rina", "Sari", "Taufik", "Wahyu", "Yusuf"]
LAST = ["Siregar", "Harahap", "Nasution", "Lubis", "Tanjung", "Sitepu", "Ginting", "Purba", "Simanjuntak",
        "Hutapea", "Damanik", "Saragih", "Sinaga", "Pane", "Batubara"]
NOW = datetime.now(UTC)
CHUNK = 5_000


def nip(i: int) -> str:
    """A valid PNS NIP, different for each i (as bench/import_csv.py makes them)."""
    birth_year, appointment_year = 1960 + i % 20, 2000 + (i // 20) % 20
    birth_month, appointment_month = 1 + (i // 400) % 12, 1 + (i // 4800) % 12
    return f"{birth_year}{birth_month:02d}15{appointment_year}{appointment_month:02d}{1 + i % 2}{1 + i // 9600:03d}"


def scratch_database():
    server = make_url(SERVER.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"asn_bench_pages_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return admin, name, server.set(database=name).render_as_string(hide_password=False)


def insert(conn, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), rows[start:start + CHUNK])


def load(db: Database, employees: int, records: int) -> list[str]:
    """The data set, written straight into the tables; returns the employees' ids."""
    rng = random.Random(17)
    t = models.metadata.tables
    ids = [str(uuid.uuid4()) for _ in range(employees)]
    with db.engine.begin() as conn:
        insert(conn, t["departments"], [{"id": str(uuid.uuid4()), "code": code, "name": f"Perangkat Daerah {code}",
                                         "type": "dinas", "parent_code": None, "status": "active", "version": 1,
                                         "created_at": NOW} for code in DEPARTMENTS])
        programmes = [{"id": str(uuid.uuid4()), "code": f"TEKNIS-{i:02d}", "title": f"Pelatihan Teknis {i}",
                       "kind": "teknis", "leadership_level": None, "jp": 8 + i, "mode": "classical",
                       "created_at": NOW} for i in range(20)]
        programmes += [{"id": str(uuid.uuid4()), "code": level, "title": f"Pelatihan Kepemimpinan {level}",
                        "kind": "kepemimpinan", "leadership_level": level, "jp": 200, "mode": "classical",
                        "created_at": NOW} for level in ("PKP", "PKA", "PKN_II")]
        insert(conn, t["training_programmes"], programmes)
        people, appointments, ranks = [], [], []
        for i, employee_id in enumerate(ids):
            n = nip(i)
            tmt = date(2015 + i % 11, 1 + i % 12, 1 + i % 28)
            person = {"id": employee_id, "nip": n, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                      "employee_type": "PPPK" if i % 10 == 0 else "PNS", "department_code": rng.choice(DEPARTMENTS),
                      "birth_date": date(int(n[:4]), int(n[4:6]), 15), "gender": "male" if n[14] == "1" else "female",
                      "rank": rng.choice(RANKS), "rank_order": None, "position_title": "Analis",
                      "position_type": rng.choice(POSITIONS), "tmt_jabatan": tmt, "education": "s1",
                      "status": "active", "is_head": False, "version": 1, "created_at": NOW}
            people.append(person)
            appointments.append({"id": str(uuid.uuid4()), "employee_id": employee_id,
                                 "department_code": person["department_code"], "position_title": "Analis",
                                 "position_type": person["position_type"], "tmt_jabatan": tmt,
                                 "decree_number": f"821/{i}/BKPSDM", "decree_date": tmt, "head_of_unit": False,
                                 "ended_on": None, "created_at": NOW})
            ranks.append({"id": str(uuid.uuid4()), "employee_id": employee_id, "rank": person["rank"],
                          "decree_number": None, "created_at": NOW})
        insert(conn, t["employees"], people)
        insert(conn, t["appointments"], appointments)
        insert(conn, t["rank_changes"], ranks)
        training = []
        for r in range(records):
            programme = programmes[r % len(programmes)]
            end = date(2020 + r % 7, 1 + r % 12, 2 + r % 26)
            training.append({"id": str(uuid.uuid4()), "employee_id": ids[r % employees],
                             "programme_id": programme["id"], "start_date": end - timedelta(days=1), "end_date": end,
                             "jp": programme["jp"], "status": "completed", "certificate_number": None,
                             "source": "bench", "revoked_at": None, "revoke_reason": None, "version": 1,
                             "created_at": NOW})
        insert(conn, t["training_records"], training)
        insert(conn, t["known_policies"], [{"id": "pol-bench", "code": "PERWALI-2026-07", "title": "Disiplin ASN",
                                            "state": "in_implementation", "policy_version": 1, "sequence": 1}])
        sessions = [{"id": str(uuid.uuid4()), "policy_id": "pol-bench", "format": "workshop",
                     "title": f"Sosialisasi {code}", "held_on": date(2026, 5, 1), "department_codes": code,
                     "created_at": NOW} for code in DEPARTMENTS]
        insert(conn, t["socialization_sessions"], sessions)
        insert(conn, t["socialization_attendance"],
               [{"session_id": sessions[DEPARTMENTS.index(p["department_code"])]["id"], "employee_id": p["id"],
                 "recorded_at": NOW} for p in people[::2]])
        conn.execute(text("UPDATE employees SET rank_order = CASE rank " + " ".join(
            f"WHEN '{code}' THEN {order}" for order, code in
            enumerate(["I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
                       "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"])) + " END"))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))  # this server runs without autovacuum (docs/performance.md)
    return ids


def search_urls(rng: random.Random, count: int, employees: int) -> list[str]:
    kinds = [lambda: f"q={rng.choice(FIRST)}",
             lambda: f"q={rng.choice(LAST)}+{rng.randrange(employees)}",
             lambda: f"q={nip(rng.randrange(employees))[:10]}",
             lambda: f"opd={rng.choice(DEPARTMENTS)}",
             lambda: f"opd={rng.choice(DEPARTMENTS)}&pangkat={rng.choice(RANKS).replace('/', '%2F')}",
             lambda: f"jenis_jabatan=pengawas&status=active&halaman={rng.randint(1, 20)}",
             lambda: f"halaman={rng.randint(1, 400)}",
             lambda: f"q={rng.choice(FIRST)}&opd={rng.choice(DEPARTMENTS)}"]
    return [f"/kepegawaian/pegawai?{rng.choice(kinds)()}" for _ in range(count)]


def timed(client, headers, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        resp = client.get(url, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert resp.status_code == 200, (url, resp.status_code, resp.get_data(as_text=True)[:500])
    return times


def p(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="timed requests per page")
    args = parser.parse_args()
    admin, name, url = scratch_database()
    db = Database(url)
    try:
        upgrade("personnel", db)
        started = time.perf_counter()
        ids = load(db, args.employees, args.records)
        print(f"loaded employees={args.employees} training_records={args.records} "
              f"seconds={time.perf_counter() - started:.1f}")
        settings = load_settings("personnel", database_url=url, jwt_secret=SECRET, migrate_on_start=False,
                                 ratelimit_public="100000/minute")
        app = create_app(settings, db=db, config=Config())
        client = app.test_client()
        headers = {"Authorization": f"Bearer {issue_token(settings, 'bench-admin', 'admin')}"}
        rng = random.Random(3)
        employee_urls = [f"/kepegawaian/pegawai/{rng.choice(ids)}" for _ in range(args.requests)]
        timed(client, headers, search_urls(rng, 30, args.employees) + employee_urls[:30])  # warm up
        search = timed(client, headers, search_urls(rng, args.requests, args.employees))
        employee = timed(client, headers, employee_urls)
        for label, values in (("search", search), ("employee", employee)):
            print(f"{label}: requests={len(values)} p50_ms={statistics.median(values):.1f} "
                  f"p99_ms={p(values, 0.99):.1f} max_ms={max(values):.1f}")
        print(f"employees={args.employees} training_records={args.records} "
              f"search_p50_ms={statistics.median(search):.1f} search_p99_ms={p(search, 0.99):.1f} "
              f"employee_p50_ms={statistics.median(employee):.1f} employee_p99_ms={p(employee, 0.99):.1f}")
    finally:
        db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
