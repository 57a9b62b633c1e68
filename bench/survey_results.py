"""Benchmark: the staff results page of an SKM campaign with 20,000 responses, and its public results page.

    python bench/survey_results.py [--responses 20000] [--reads 300]

It creates a scratch database on the server of TEST_DATABASE_URL (or BENCH_DATABASE_URL),
migrates survey into it, and stores one open campaign of 20,000 anonymous responses (a third with
a suggestion, every profile answered) with its running tally, plus three earlier closed campaigns
of the same service unit for the trend. The responses are inserted in bulk, and the tally built
with the same domain Tally the use case keeps, so the page reads exactly what 20,000 submissions
would have left. Reads go through survey's Flask app with the test client, as an admin (the page
shows everything: figures, SVG charts, profile, trend, refused responses, a page of
suggestions). The database is dropped afterwards.

Prints p50/p99 of the staff results page, the public results page of a closed campaign, and the
time of one XLSX download of all responses; the last line holds the figures as key=value pairs.
Target: the staff results page p99 < 200 ms.
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

from services.survey.app import create_app  # noqa: E402
from services.survey.config import Config  # noqa: E402
from services.survey.db.models import Campaign, CampaignTally, Department, Response  # noqa: E402
from services.survey.domain.ikm import Tally  # noqa: E402
from services.survey.domain.periods import survey_period  # noqa: E402
from services.survey.domain.unsur import PROFILE_CHOICES, UNSUR_KEYS  # noqa: E402
from services.survey.workflow.tally import empty_profile_counts  # noqa: E402
from shared.config import load_settings  # noqa: E402
from shared.db import Database  # noqa: E402
from shared.migrations import upgrade  # noqa: E402
from shared.web.auth import issue_token  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL",
                                                                "postgresql://postgres@127.0.0.1:5432/postgres")
SECRET = "bench-secret-at-least-32-bytes-long!!"
UNIT = "RSUD dr. H. Kumpulan Pane"
SUGGESTIONS = ("Antrean di loket pendaftaran terlalu lama.", "Petugas ramah dan sigap.",
               "Ruang tunggu perlu kipas angin.", "Informasi biaya belum jelas di papan pengumuman.")


def scratch_database():
    server = make_url(SERVER.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"asn_bench_survey_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return admin, name, server.set(database=name).render_as_string(hide_password=False)


def store_campaign(session, rng: random.Random, index: int, responses: int, status: str) -> str:
    period = survey_period("quarterly", 2026 if index > 0 else 2025, index or 4)
    campaign = Campaign(id=str(uuid.uuid4()), department_code="RSUD", service_unit=UNIT, period_type="quarterly",
                        period_year=period.year, period_index=period.index, period_label=period.label,
                        period_start=period.start, period_end=period.end, population=30_000, status=status,
                        requires_token=False, extra_questions=[], tokens_issued=0, version=3,
                        opened_at=datetime(2026, 1, 1, tzinfo=UTC),
                        closed_at=datetime(2026, 1, 2, tzinfo=UTC) if status == "closed" else None)
    session.add(campaign)
    session.flush()
    tally, profile, rows = Tally(), empty_profile_counts(), []
    start = datetime.combine(period.start, datetime.min.time(), UTC)
    for i in range(responses):
        answers = {key: rng.choices((1, 2, 3, 4), weights=(1, 3, 10, 6))[0] for key in UNSUR_KEYS}
        chosen = {dim: rng.choice(list(choices)) for dim, choices in PROFILE_CHOICES.items()}
        tally.add(answers)
        for dim, code in chosen.items():
            profile[dim][code] += 1
        rows.append({"id": str(uuid.uuid4()), "campaign_id": campaign.id, **answers, **chosen,
                     "suggestion": rng.choice(SUGGESTIONS) if i % 3 == 0 else None, "extra_answers": {},
                     "submitted_at": start + timedelta(minutes=6 * i)})
    for chunk in range(0, len(rows), 2000):
        session.execute(insert(Response), rows[chunk:chunk + 2000])
    session.add(CampaignTally(campaign_id=campaign.id, profile_counts=profile, refused_repeat=rng.randrange(40),
                              refused_rate=rng.randrange(10), refused_challenge=rng.randrange(5), **tally.to_dict()))
    return campaign.id


def timed(client, url: str, headers: dict, reads: int, expect: str) -> list[float]:
    for _ in range(10):  # warm-up: templates compiled, connections pooled
        client.get(url, headers=headers)
    times = []
    for _ in range(reads):
        started = time.perf_counter()
        resp = client.get(url, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert resp.status_code == 200 and expect in resp.get_data(as_text=True), resp.status_code
    return times


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--reads", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(14)
    admin, name, url = scratch_database()
    db = Database(url)
    try:
        upgrade("survey", db)
        started = time.perf_counter()
        with db.transaction() as session:
            session.add(Department(code="RSUD", name="RSUD dr. H. Kumpulan Pane", type="rsud", status="active",
                                   sequence=1))
            earlier = [store_campaign(session, rng, i, 400, "closed") for i in (0, 1)]
            current = store_campaign(session, rng, 2, args.responses, "open")
        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
        print(f"stored {args.responses} responses in {time.perf_counter() - started:.1f} s")
        settings = load_settings("survey", database_url=url, broker_url="memory://", jwt_secret=SECRET,
                                 migrate_on_start=False, ratelimit_public="100000/minute",
                                 ratelimit_staff="100000/minute")
        client = create_app(settings, db=db, config=Config()).test_client()
        staff = {"Authorization": f"Bearer {issue_token(settings, 'bench', 'admin')}"}

        page = timed(client, f"/survei/kelola/{current}/hasil", staff, args.reads, "(sementara)")
        print(f"staff results page ({args.responses} responses): p50={p(page, 50):.1f} ms p99={p(page, 99):.1f} ms")
        public = timed(client, f"/survei/{earlier[-1]}/hasil", {}, args.reads, 'id="nilai-ikm"')
        print(f"public results page: p50={p(public, 50):.1f} ms p99={p(public, 99):.1f} ms")
        started = time.perf_counter()
        book = client.get(f"/survei/kelola/{current}/unduh/skm.xlsx", headers=staff)
        xlsx_s = time.perf_counter() - started
        assert book.status_code == 200
        print(f"XLSX of {args.responses} responses: {xlsx_s:.2f} s, {len(book.data) / 1e6:.1f} MB")
        print(f"responses={args.responses} results_p50_ms={p(page, 50):.1f} results_p99_ms={p(page, 99):.1f} "
              f"public_p99_ms={p(public, 99):.1f} xlsx_s={xlsx_s:.2f}")
    finally:
        db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
