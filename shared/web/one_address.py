"""One address for the whole suite: which service answers which path, and each API under /api/v1/<service>/.

Citizens and staff use one origin (the reverse proxy in docker-compose.yml, or `make run`):

- the pages stay where each service serves them (`/lapor`, `/lacak`, `/kebijakan` → consultation,
  `/survei` → survey, `/laporan` → reporting, and each service's staff pages);
- `/akun/<service>/...` is that service's sign-in;
- `/api/v1/<service>/...` is that service's own `/api/v1/...`; `/api/v1/<service>/docs` and
  `/api/v1/<service>/openapi.json` its API documentation, rewritten for the prefix;
- everything else (`/`, `/petugas`, `/asn-static/...`, unknown paths) → the home service.

`ApiPrefix` (inside every app) understands the `/api/v1/<service>/` form, so the proxy passes
paths through unchanged and a service answers both forms alike. `SuiteRouter` is the path router
of all-in-one mode and the browser tests; deploy/proxy/nginx.conf.template routes the same way
(tests/shared/test_one_address.py keeps the two in step).
"""
from __future__ import annotations

import json

from flask import Flask, request

API_PREFIX = "api.prefix"  # WSGI environ key: the external prefix this API request came through
SHARED_SEGMENTS = {"", "akun", "api", "asn-static", "petugas", "healthz", "readyz", "metrics", "docs",
                   "openapi.json"}
OWN_PATHS = ("/docs", "/openapi.json", "/healthz", "/readyz")


class ApiPrefix:
    """WSGI middleware: `/api/v1/<service>/X` is served as `/api/v1/X` (and docs, health as themselves)."""

    def __init__(self, app, service: str):
        self.app, self.prefix = app, f"/api/v1/{service}"

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == self.prefix or path.startswith(self.prefix + "/"):
            rest = path[len(self.prefix):] or "/"
            environ["PATH_INFO"] = rest if rest.rstrip("/") in OWN_PATHS else "/api/v1" + rest
            environ[API_PREFIX] = environ.get("SCRIPT_NAME", "") + self.prefix
        return self.app(environ, start_response)


def rewrite_openapi(response):
    """After a request: the OpenAPI document fetched through /api/v1/<service>/ says so (servers, paths)."""
    prefix = request.environ.get(API_PREFIX)
    if not prefix or request.path != "/openapi.json" or response.status_code != 200:
        return response
    spec = json.loads(response.get_data())
    spec["servers"] = [{"url": prefix, "description": "this service on the suite's address"}]
    spec["paths"] = {(path[len("/api/v1"):] or "/") if path.startswith("/api/v1") else path: item
                     for path, item in spec.get("paths", {}).items()}
    response.set_data(json.dumps(spec, ensure_ascii=False))
    return response


def install(app: Flask, service: str) -> None:
    app.wsgi_app = ApiPrefix(app.wsgi_app, service)
    app.after_request(rewrite_openapi)


def page_segments(app: Flask) -> set[str]:
    """The first path segments of this app's own pages (e.g. {"survei"}), read from its URL map."""
    segments = set()
    for rule in app.url_map.iter_rules():
        first = rule.rule.lstrip("/").split("/", 1)[0]
        if "<" not in first and first not in SHARED_SEGMENTS:
            segments.add(first)
    return segments


class SuiteRouter:
    """A WSGI app that sends each request to the service owning its path, on one port (all-in-one, tests)."""

    def __init__(self, apps: dict[str, Flask], home: str):
        self.apps, self.home = apps, apps[home]
        self.owners: dict[str, Flask] = {}
        for app in apps.values():
            for segment in page_segments(app):
                if segment in self.owners and self.owners[segment] is not app:
                    raise ValueError(f"two services serve /{segment}: give each its own path")
                self.owners[segment] = app

    def app_for(self, path: str):
        parts = path.lstrip("/").split("/")
        if len(parts) >= 3 and parts[0] == "api" and parts[1] == "v1" and parts[2] in self.apps:
            return self.apps[parts[2]]
        if len(parts) >= 2 and parts[0] == "akun" and parts[1] in self.apps:
            return self.apps[parts[1]]
        return self.owners.get(parts[0], self.home)

    def __call__(self, environ, start_response):
        return self.app_for(environ.get("PATH_INFO", "/"))(environ, start_response)
