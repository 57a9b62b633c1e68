"""Keep the objects a process builds at start out of Python's full garbage collections.

A web worker holds 85,000–130,000 tracked objects once its app is built (routes, marshmallow
schemas, SQLAlchemy mappers, templates, the imported modules), and they live as long as the
process. Python's full collection walks every one of them: measured under bench/http.py, 60–180 ms
with the GIL held, about every 4,000 requests per worker, while every thread of that process stands
still and the requests queued on it miss a 50 ms p99; the bigger the app, the longer the stall
(docs/performance.md). `gc.freeze()` moves what exists now into a permanent generation the collector no longer
walks; a full collection then takes under 3 ms. Frozen objects are still freed when their last
reference goes; only a cycle among them would stay (nothing built at start is meant to go).
"""
from __future__ import annotations

import gc


def freeze_startup_objects() -> int:
    """Freeze what the process has built so far; returns how many objects are now frozen."""
    gc.collect()  # start's own garbage goes first, not into the permanent generation
    gc.freeze()
    return gc.get_freeze_count()
