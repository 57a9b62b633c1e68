"""A round of consultation over real RabbitMQ and PostgreSQL: consultation's relay publishes the policy's moves
and the comments; reporting's and personnel's consumers follow them into the report's consultation section
and personnel's copy of the policy."""
from __future__ import annotations

from services.consultation.domain.working_days import local_date
from services.personnel.db.models import KnownPolicy
from shared.db import utcnow
from tests.consultation.helpers import move, policy, seed_departments
from tests.support.workers import running, wait_for


def test_reporting_and_personnel_follow_a_round_of_consultation(start_service, tokens):
    consultation, reporting, personnel = (start_service(s) for s in ("consultation", "reporting", "personnel"))
    seed_departments(consultation)
    c, admin = consultation.client, tokens("admin")

    with running(consumer=reporting.consumer()), running(consumer=personnel.consumer()), \
            running(relay=consultation.relay()):
        pid = policy(c, admin, state="in_consultation", department_code="DINKES")["id"]
        keys = [a["key"] for a in c.get(f"/api/v1/policies/{pid}/text").get_json()["articles"]]
        answered, _left = (c.post(f"/api/v1/policies/{pid}/comments", json={
            "text": text, "article_key": key}).get_json()["id"] for text, key in (
            ("Tenggat lima hari kerja terlalu lama.", keys[1]), ("Ketentuan umum perlu definisi pengaduan.", keys[0])))
        c.post(f"/api/v1/comments/{answered}/answer", headers=admin, json={"outcome": "accepted", "article_number": 2})
        move(c, admin, pid, "consultation_closed")
        move(c, admin, pid, "in_revision")
        key = c.get(f"/api/v1/policies/{pid}/text", headers=admin).get_json()["articles"][1]["key"]
        c.put(f"/api/v1/policies/{pid}/articles/{key}", headers=admin,
              json={"heading": "Tenggat tanggapan", "body": "ASN menanggapi pengaduan dalam tiga hari kerja."})
        move(c, admin, pid, "adopted", reason="Mendesak untuk tahun anggaran berjalan.", confirm_unanswered=True)

        def section():
            body = reporting.client.get("/api/v1/reports/DINKES?period=" + _year(), headers=admin).get_json()
            policies = body["sections"]["consultation"]["policies"] if body else []
            return policies[0] if policies and policies[0]["state"] == "adopted" else None

        row = wait_for(section, message="the adoption in reporting's consultation section")
        known = wait_for(lambda: _known(personnel, pid, "adopted"), message="personnel's copy, adopted")
    assert (row["comments"], row["accepted"], row["unanswered"], row["share_answered"]) == (2, 1, 1, 0.5)
    assert (row["articles_changed"], row["answered_before_adoption"], row["unanswered_at_adoption"]) == (1, False, 1)
    assert known == ("adopted", 2)
    unanswered = reporting.client.get("/api/v1/reports/DINKES?period=" + _year(), headers=admin).get_json()
    assert [r["rule"] for r in unanswered["recommendations"]] == ["unanswered_comments"]


def _known(personnel, policy_id: str, state: str) -> tuple[str, int] | None:
    with personnel.db.sessions() as session:
        known = session.get(KnownPolicy, policy_id)
        return (known.state, known.policy_version) if known is not None and known.state == state else None


def _year() -> str:
    return str(local_date(utcnow()).year)
