"""Small helpers for the consultation tests: realistic requests, departments from personnel's events, the outbox."""
from __future__ import annotations

import json

from sqlalchemy import select

from services.consultation.db.models import plumbing
from services.consultation.handlers import SUBSCRIPTIONS
from shared.envelope import Envelope

DEPARTMENTS = {"DINKES": "Dinas Kesehatan", "DISHUB": "Dinas Perhubungan", "BKPSDM": "BKPSDM",
               "DISDUKCAPIL": "Dinas Kependudukan dan Pencatatan Sipil"}


def department_event(svc, code, name=None, *, verb="created", status="active", sequence=1, type_="dinas"):
    """Apply personnel.department.<verb> through consultation's real handler, as its consumer would."""
    env = Envelope(type=f"personnel.department.{verb}", source="/asn/personnel", subject=code, sequence=sequence,
                   data={"code": code, "name": name or DEPARTMENTS.get(code, code), "type": type_,
                         "parent_code": None, "status": status})
    subscription = SUBSCRIPTIONS[env.type]
    with svc.db.transaction() as session:
        subscription.handle(session, env, subscription.schema.load(env.data))


def seed_departments(svc, codes=tuple(DEPARTMENTS)):
    """The departments personnel has announced: consultation knows them from its events."""
    for code in codes:
        department_event(svc, code)

COMPLAINT = {
    "kind": "pengaduan",
    "category": "waktu_layanan",
    "department_code": "DINKES",
    "text": "Antrean di puskesmas sangat lama, sudah tiga jam belum dilayani.",
    "contact": {"name": "Siti Aminah", "phone": "081234567890", "email": "siti.aminah@example.id"},
}


ARTICLES = [
    {"heading": "Ketentuan umum", "body": "Peraturan ini berlaku bagi seluruh ASN di lingkungan Pemerintah Kota."},
    {"heading": "Tenggat tanggapan", "body": "ASN menanggapi pengaduan masyarakat dalam lima hari kerja."},
]
LIFE_CYCLE = ["in_consultation", "consultation_closed", "in_revision", "adopted", "in_implementation",
              "under_evaluation"]


def closing_date(days: int = 30) -> str:
    """A closing date far enough ahead for a round opened today (WIB)."""
    from datetime import timedelta

    from services.consultation.domain.working_days import local_date
    from shared.db import utcnow

    return (local_date(utcnow()) + timedelta(days=days)).isoformat()


def policy(client, headers, code="PERWAL-ASN-01", state="draft", department_code="BKPSDM", **extra):
    """Create a policy with two articles and walk it forward to `state` along the life cycle."""
    body = {"code": code, "title": "Percepatan tanggapan pengaduan oleh ASN",
            "summary": "ASN menanggapi pengaduan masyarakat dalam tenggat hari kerja.",
            "department_code": department_code, "articles": ARTICLES, **extra}
    resp = client.post("/api/v1/policies", json=body, headers=headers)
    assert resp.status_code == 201, resp.get_json()
    created = resp.get_json()
    for target in LIFE_CYCLE[:LIFE_CYCLE.index(state) + 1] if state != "draft" else []:
        created = move(client, headers, created["id"], target)
    return created


def move(client, headers, policy_id, target, reason=None, expect=200, **body):
    """POST a transition; opening a round gets a closing date 30 days ahead unless one is given."""
    if target == "in_consultation":
        body.setdefault("closes_on", closing_date())
    resp = client.post(f"/api/v1/policies/{policy_id}/transitions",
                       json={"target": target, "reason": reason, **body}, headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def submit(client, body=None, headers=None, **changes):
    resp = client.post("/api/v1/feedback", json={**(body or COMPLAINT), **changes}, headers=headers or {})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def feedback_id(svc, tracking_id: str) -> str:
    from services.consultation.db.models import Feedback

    with svc.db.sessions() as session:
        return session.execute(select(Feedback.id).where(Feedback.tracking_id == tracking_id)).scalar_one()


def step(client, headers, fid, action, expect=200, **body):
    resp = client.post(f"/api/v1/feedback/{fid}/{action}", json=body, headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def events(svc, prefix: str = "consultation.") -> list[dict]:
    """The envelopes in the outbox, oldest first, whose type starts with `prefix`."""
    outbox = plumbing["outbox"]
    with svc.db.sessions() as session:
        bodies = session.execute(select(outbox.c.body).where(outbox.c.type.startswith(prefix))
                                 .order_by(outbox.c.id)).scalars().all()
    return [json.loads(body) for body in bodies]
