"""Benchmark: CPU instructions per POST /api/v1/training-records, personnel against the plain app, in process.

    python bench/http_instructions.py [--requests 300] [--employees 50]

bench/http.py's rates and CPU times move with a shared machine's load by ±20 % between runs of
the same code. This counts instead: each app of bench/http_apps.py runs in its own process under
valgrind's callgrind, which counts the instructions the process executes (the same count for the
same code and inputs, whatever else the machine is doing). Each process seeds a scratch database
through personnel's API, sends 200 requests to warm up (caches, prepared statements), zeroes the
count, sends --requests more through Flask's test client, and dumps the count. `*_instructions`
is per request, of the app's own process (PostgreSQL's work is not in it: bench/http.py's
`*_db_cpu_ms` shows that); `ratio = plain / personnel`. No gunicorn, no network: the
application's own cost. Needs valgrind and TEST_DATABASE_URL (or BENCH_DATABASE_URL); about
two minutes.
"""
from __future__ import annotations

import sys
from pathlib import Path

# The repository root, not bench/, first on the path: bench/http.py would hide the standard http package.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

APPS = ("personnel", "plain")
WARM_UP = 200


def measured(app: str, requests: int, employees: int) -> None:
    """Inside valgrind: seed, warm up, then count exactly `requests` requests."""
    import bench.http as bench_http
    import bench.http_apps as http_apps
    from shared.config import load_settings
    from shared.web.auth import issue_token
    from tests.support.databases import DatabaseFactory

    factory = DatabaseFactory(bench_http.DATABASE)
    try:
        db = factory.fresh("personnel")
        staff = bench_http.seed_database(db, employees)
        os.environ.update(DATABASE_URL=db.url, BROKER_URL=bench_http.BROKER, JWT_SECRET=bench_http.SECRET)
        client = getattr(http_apps, app)().test_client()
        token = issue_token(load_settings("personnel", jwt_secret=bench_http.SECRET), "bench-operator", "admin",
                            name="Bench")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        bodies = bench_http._bodies(staff, 0)
        for _ in range(WARM_UP):
            assert client.post("/api/v1/training-records", data=next(bodies), headers=headers).status_code == 201
        subprocess.run(["callgrind_control", "--zero", str(os.getpid())], check=True, capture_output=True)
        statuses = [client.post("/api/v1/training-records", data=next(bodies), headers=headers).status_code
                    for _ in range(requests)]
        subprocess.run(["callgrind_control", "--dump=measured", str(os.getpid())], check=True, capture_output=True)
        assert statuses == [201] * requests, sorted(set(statuses))
    finally:
        factory.close()


def count(app: str, requests: int, employees: int, workdir: Path) -> int:
    """Instructions per request of `app`, from its callgrind dump."""
    out = workdir / app
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}.%p", "--dump-instr=no",
                           sys.executable, __file__, "--inner", app, "--requests", str(requests),
                           "--employees", str(employees)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONHASHSEED": "0"})  # the same dict layouts in every run
    dumps = list(workdir.glob(f"{app}.*.1"))
    if done.returncode != 0 or not dumps:
        raise SystemExit(f"{app} under valgrind failed:\n{done.stderr[-3000:]}")
    for line in dumps[0].read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1]) // requests
    raise SystemExit(f"no summary in {dumps[0]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--employees", type=int, default=50)
    parser.add_argument("--inner", choices=APPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return measured(args.inner, args.requests, args.employees)
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        raise SystemExit("needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as tmp:
        counts = {app: count(app, args.requests, args.employees, Path(tmp)) for app in APPS}
    for app, n in counts.items():
        print(f"{app}: {n:,} instructions per request")
    print(f"personnel_instructions={counts['personnel']} plain_instructions={counts['plain']} "
          f"ratio={counts['plain'] / counts['personnel']:.2f} requests={args.requests}")


if __name__ == "__main__":
    main()
