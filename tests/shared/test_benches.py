"""Every benchmark under bench/ still starts: its imports resolve and its options parse.

The benches run by hand (docs/performance.md), not in CI, so nothing else notices when a change
elsewhere breaks one; and bench/http.py would hide the standard `http` package from a script that
left bench/ on sys.path."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name != "http_apps.py")  # http_apps: served, not run


def test_there_are_benches():
    assert {"pipeline.py", "http.py", "faults.py"} <= {p.name for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_bench_starts_and_explains_its_options(script):
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("usage:")
