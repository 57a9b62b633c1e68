"""One address: each API under /api/v1/<service>/, its documents rewritten for the prefix, offline docs,
Indonesian 404/405 pages for browsers (problem+json for API clients), forwarded headers only from the proxy,
and the proxy's routes in step with the services' own paths."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from shared.config import load_settings
from shared.web.one_address import SuiteRouter, page_segments

ROOT = Path(__file__).resolve().parents[2]
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture
def suite(start_service):
    services = {name: start_service(name) for name in ("personnel", "consultation", "survey", "reporting")}
    return services, SuiteRouter({name: svc.app for name, svc in services.items()}, home="consultation")


def test_the_api_answers_under_its_service_prefix_too(personnel, tokens):
    direct = personnel.client.get("/api/v1/departments")
    prefixed = personnel.client.get("/api/v1/personnel/departments")
    assert direct.status_code == prefixed.status_code == 200 and direct.get_json() == prefixed.get_json()
    assert personnel.client.get("/api/v1/personnel/healthz").get_json()["service"] == "personnel"


def test_the_openapi_document_through_the_prefix_names_the_prefix(personnel):
    own = personnel.client.get("/openapi.json").get_json()
    prefixed = personnel.client.get("/api/v1/personnel/openapi.json").get_json()
    assert "/api/v1/departments" in own["paths"] and "servers" not in own
    assert prefixed["servers"][0]["url"] == "/api/v1/personnel"
    assert "/departments" in prefixed["paths"] and not any(p.startswith("/api/v1") for p in prefixed["paths"])


def test_the_docs_page_uses_vendored_swagger_ui_and_no_inline_script(personnel):
    for path, spec in (("/docs", "/openapi.json"), ("/api/v1/personnel/docs", "/api/v1/personnel/openapi.json")):
        page = personnel.client.get(path)
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and f'data-openapi-url="{spec}"' in html
        assert "cdn" not in html and "http" not in html.replace('name="viewport"', "")
        assert "script-src 'self';" in page.headers["Content-Security-Policy"]
        assert not re.search(r"<script>(?!</script>)", html)
    assert personnel.client.get("/asn-static/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_browsers_get_indonesian_404_and_405_pages_and_api_clients_problems(personnel):
    page = personnel.client.get("/tidak-ada", headers=HTML)
    assert page.status_code == 404 and "Halaman tidak ditemukan" in page.get_data(as_text=True)
    assert page.mimetype == "text/html"
    wrong = personnel.client.delete("/petugas", headers=HTML)
    assert wrong.status_code == 405 and "Cara akses tidak diizinkan" in wrong.get_data(as_text=True)
    assert personnel.client.get("/tidak-ada").mimetype == "application/problem+json"
    api = personnel.client.get("/api/v1/personnel/tidak-ada", headers=HTML)
    assert api.status_code == 404 and api.mimetype == "application/problem+json"


def test_the_router_sends_each_path_to_its_service(suite):
    services, router = suite
    owner = {name: svc.app for name, svc in services.items()}
    for path, service in (("/lapor", "consultation"), ("/lacak/ABC", "consultation"), ("/kebijakan", "consultation"),
                          ("/survei/x/qr", "survey"), ("/laporan/kota", "reporting"), ("/", "consultation"),
                          ("/api/v1/personnel/employees", "personnel"), ("/api/v1/survey/docs", "survey"),
                          ("/akun/reporting/masuk", "reporting"), ("/petugas", "consultation")):
        assert router.app_for(path) is owner[service], path


def test_the_compose_proxy_routes_every_page_path_to_its_service(suite):
    services, _router = suite
    template = (ROOT / "deploy" / "proxy" / "nginx.conf.template").read_text()
    for name, svc in services.items():
        for segment in page_segments(svc.app):
            line = rf"location ~ \^/{re.escape(segment)}\(/\|\$\)\s+{{ proxy_pass http://{name}; }}"
            assert re.search(line, template), f"/{segment} -> {name}"
        assert f"location /api/v1/{name}/" in template and f"location /akun/{name}/" in template


def test_forwarded_headers_count_only_from_the_trusted_proxy(start_service):
    svc = start_service("personnel", trusted_proxy_hops=1, trusted_proxies="10.9.0.2")
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "layanan.example", "X-Forwarded-For": "1.2.3.4"}

    def believed_tls(remote: str) -> bool:
        page = svc.client.get("/", headers=forwarded, environ_base={"REMOTE_ADDR": remote})
        return "Strict-Transport-Security" in page.headers  # sent only to requests that came over TLS

    assert believed_tls("10.9.0.2")
    assert not believed_tls("10.9.0.7")


def test_the_development_sign_in_exists_in_all_in_one_mode_only(start_service, tmp_path):
    deployed = start_service("survey")
    assert deployed.client.get("/akun/survey/dev").status_code == 404
    assert deployed.client.post("/akun/survey/dev", data={"akun": "admin"}).status_code == 404
    assert deployed.client.get("/akun/survey/masuk").status_code == 503  # no provider configured: no way in
    from services.survey.app import create_app

    local = create_app(load_settings("survey", broker_url="memory://", database_url=f"sqlite:///{tmp_path}/s.db"))
    client = local.test_client()
    listing = client.get("/akun/survey/dev?next=/survei")
    assert listing.status_code == 200 and "Mode pengembangan" in listing.get_data(as_text=True)
    chosen = client.post("/akun/survey/dev", data={"akun": "operator", "next": "/survei"})
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/survei"
    assert "Budi Nasution" in client.get("/survei").get_data(as_text=True)
    with_provider = create_app(load_settings("survey", broker_url="memory://", database_url=f"sqlite:///{tmp_path}/t.db",
                                             oidc_issuer="http://127.0.0.1:9", oidc_client_id="asn-survey",
                                             oidc_client_secret="x" * 20))
    assert with_provider.test_client().get("/akun/survey/dev").status_code == 404
