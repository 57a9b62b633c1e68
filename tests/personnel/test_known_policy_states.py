"""Personnel's copy of the policies follows the whole consultation cycle (issue 16): a policy whose consultation
closed or whose draft is being revised is known in that state, and cannot be socialized until it is adopted."""
from datetime import date

from services.personnel.db.models import KnownPolicy
from services.personnel.handlers import SUBSCRIPTIONS
from shared.envelope import Envelope

CYCLE = [("drafted", "draft", 1), ("consultation_opened", "in_consultation", 1),
         ("consultation_closed", "consultation_closed", 1), ("revision_started", "in_revision", 2)]


def hear(api, suffix, state, version, sequence):
    event_type = f"consultation.policy.{suffix}"
    env = Envelope(type=event_type, source="/asn/consultation", subject="pol-1", sequence=sequence, data={
        "policy_id": "pol-1", "code": "PERWALI-2026-07", "title": "Perwali Disiplin ASN", "version": version,
        "state": state, "department_code": "BKPSDM", "changed_at": "2026-05-02T03:00:00Z", "reason": None,
        "closes_on": "2026-05-30", "consulted_version": 1, "changed_articles": None})
    subscription = SUBSCRIPTIONS[event_type]
    with api.db.transaction() as session:
        return subscription.handle(session, env, subscription.schema.load(env.data))


def known(api):
    with api.db.sessions() as session:
        found = session.get(KnownPolicy, "pol-1")
        return found.state, found.policy_version


def socialize(api):
    return api.client.post("/api/v1/socialization-sessions", headers=api.admin, json={
        "policy_id": "pol-1", "format": "workshop", "title": "Sosialisasi Perwali Disiplin ASN",
        "held_on": date.today().isoformat(), "department_codes": ["DINKES"]})


def test_the_copy_follows_the_closing_and_the_revision_of_a_consultation(api):
    for sequence, (suffix, state, version) in enumerate(CYCLE, start=1):
        assert hear(api, suffix, state, version, sequence) is True
        assert known(api) == (state, version)
        assert socialize(api).status_code == 422  # not adopted yet
    hear(api, "adopted", "adopted", 2, 5)
    assert known(api) == ("adopted", 2) and socialize(api).status_code == 201
