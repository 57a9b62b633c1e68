"""No insecure start: outside all-in-one mode a service refuses to start, in one line saying what to set."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.startup import settings_for_start
from tests.support.compose import read_env_file

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "BROKER_URL": "amqp://asn:a-long-broker-password@rabbitmq:5672/%2F",
    "DATABASE_URL": "postgresql://survey:a-long-database-password@postgres:5432/survey",
    "OIDC_ISSUER": "https://layanan.tebingtinggikota.go.id/auth/realms/tebingtinggi",
    "OIDC_CLIENT_ID": "asn-survey",
    "OIDC_CLIENT_SECRET": "k3ycl0ak-generated-client-secret-0123",
    "SESSION_SECRET": "9f1c2e7a4b8d6f0e3a5c7b9d1f2e4a6c8b0d2f4e",
    "MIGRATE_ON_START": "0",
    "PUBLIC_BASE_URL": "https://layanan.tebingtinggikota.go.id",
}


def refusal(env: dict, capsys, web: bool = True) -> str:
    with pytest.raises(SystemExit) as stopped:
        settings_for_start("survey", web=web, env=env)
    assert stopped.value.code == 4  # gunicorn halts on it
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_complete_secure_configuration_starts():
    settings = settings_for_start("survey", env=GOOD)
    assert settings.oidc_client_id == "asn-survey" and settings.jwt_secret is None


def test_all_in_one_mode_needs_nothing():
    assert settings_for_start("survey", env={"BROKER_URL": "memory://"}).dev_sign_in


@pytest.mark.parametrize(("missing", "said"), [
    ("OIDC_ISSUER", "OIDC_ISSUER not set"), ("OIDC_CLIENT_ID", "OIDC_CLIENT_ID not set"),
    ("OIDC_CLIENT_SECRET", "OIDC_CLIENT_SECRET not set"), ("SESSION_SECRET", "SESSION_SECRET not set"),
])
def test_missing_identity_settings_or_session_secret_are_refused(missing, said, capsys):
    line = refusal({k: v for k, v in GOOD.items() if k != missing}, capsys)
    assert line.startswith("survey: refusing to start: ") and said in line


@pytest.mark.parametrize(("variable", "value", "said"), [
    ("SESSION_SECRET", "change-me-to-a-long-random-session-secret", "SESSION_SECRET is still the placeholder"),
    ("SESSION_SECRET", "short-secret", "SESSION_SECRET is too short (12 characters)"),
    ("OIDC_CLIENT_SECRET", "change-me-survey-client-secret", "OIDC_CLIENT_SECRET is still the placeholder"),
    ("OIDC_CLIENT_SECRET", "abc123", "OIDC_CLIENT_SECRET is too short"),
    ("DATABASE_URL", "postgresql://survey:change-me-survey@postgres:5432/survey", "the password in DATABASE_URL is still"),
    ("DATABASE_URL", "postgresql://survey:survey@postgres:5432/survey", "the password in DATABASE_URL is too short"),
    ("BROKER_URL", "amqp://asn:change-me-rabbitmq@rabbitmq:5672/%2F", "the password in BROKER_URL is still"),
    ("JWT_SECRET", "a-shared-hs256-secret-of-sufficient-length", "JWT_SECRET is set"),
    ("OIDC_ROLE_MAP", "asn-admin=administrator", "OIDC_ROLE_MAP names unknown role(s) administrator"),
])
def test_placeholders_short_credentials_and_a_shared_jwt_secret_are_refused(variable, value, said, capsys):
    assert said in refusal({**GOOD, variable: value}, capsys)


def test_a_worker_checks_its_credentials_but_needs_no_sign_in_settings(capsys):
    worker_env = {"BROKER_URL": GOOD["BROKER_URL"], "DATABASE_URL": GOOD["DATABASE_URL"]}
    assert settings_for_start("survey", web=False, env=worker_env).broker_url == GOOD["BROKER_URL"]
    assert "BROKER_URL" in refusal({**worker_env, "BROKER_URL": "amqp://asn:change-me@rabbitmq/%2F"}, capsys, web=False)


def test_every_credential_placeholder_of_env_example_is_refused(capsys):
    example = read_env_file(ROOT / ".env.example")
    placeholders = {name: value for name, value in example.items() if "change-me" in value}
    assert placeholders, ".env.example marks its credentials with change-me"
    for name in ("SESSION_SECRET", "OIDC_CLIENT_SECRET"):
        for value in placeholders.values():
            assert "placeholder" in refusal({**GOOD, name: value}, capsys)


def test_credentials_can_come_from_files(tmp_path):
    (tmp_path / "session").write_text(GOOD["SESSION_SECRET"] + "\n")
    (tmp_path / "client").write_text(GOOD["OIDC_CLIENT_SECRET"])
    env = {k: v for k, v in GOOD.items() if k not in ("SESSION_SECRET", "OIDC_CLIENT_SECRET")}
    settings = settings_for_start("survey", env={**env, "SESSION_SECRET_FILE": str(tmp_path / "session"),
                                                 "OIDC_CLIENT_SECRET_FILE": str(tmp_path / "client")})
    assert settings.session_secret == GOOD["SESSION_SECRET"] and settings.oidc_client_secret == GOOD["OIDC_CLIENT_SECRET"]


def test_an_unreadable_credential_file_is_refused_in_one_line(capsys):
    env = {k: v for k, v in GOOD.items() if k != "SESSION_SECRET"}
    with pytest.raises(SystemExit) as stopped:
        settings_for_start("survey", env={**env, "SESSION_SECRET_FILE": "/run/secrets/missing"})
    assert "SESSION_SECRET_FILE=/run/secrets/missing: cannot read it" in str(stopped.value.code)


@pytest.mark.parametrize("command", [
    ["gunicorn", "--bind", "127.0.0.1:0", "services.survey.app:create_app()"],
    [sys.executable, "-m", "services.survey.worker"],
], ids=["web (gunicorn)", "worker"])
def test_the_processes_an_operator_starts_refuse_a_placeholder(command, tmp_path):
    env = {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "HOME": str(tmp_path),
           **GOOD, "DATABASE_URL": "postgresql://survey:change-me-survey@127.0.0.1:9/survey"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "survey: refusing to start: the password in DATABASE_URL is still the placeholder" in done.stderr


@pytest.mark.parametrize(("value", "said"), [
    (None, "PUBLIC_BASE_URL not set"),
    ("layanan.tebingtinggikota.go.id", "PUBLIC_BASE_URL is not an http(s) address"),
    ("javascript:alert(1)", "PUBLIC_BASE_URL is not an http(s) address"),
])
def test_survey_without_a_public_address_refuses_rather_than_print_the_host_header_on_posters(value, said, capsys):
    env = {k: v for k, v in GOOD.items() if k != "PUBLIC_BASE_URL"} | ({"PUBLIC_BASE_URL": value} if value else {})
    line = refusal(env, capsys)
    assert said in line and "QR codes" in line


def test_consultation_needs_the_public_address_for_its_e_mails_and_personnel_does_not(capsys):
    env = {k: v for k, v in GOOD.items() if k != "PUBLIC_BASE_URL"}
    with pytest.raises(SystemExit):
        settings_for_start("consultation", env=env)
    assert "e-mails" in capsys.readouterr().err
    assert settings_for_start("personnel", env=env).service == "personnel"
    assert settings_for_start("survey", web=False, env=env).service == "survey"  # the worker prints no address
