"""A policy's text over HTTP: articles of the working version, frozen versions, comparison, who may edit."""
from __future__ import annotations

from tests.consultation.helpers import events, move, policy


def text(c, pid, headers=None, version=None):
    query = f"?version={version}" if version else ""
    return c.get(f"/api/v1/policies/{pid}/text{query}", headers=headers or {})


def add(c, headers, pid, heading, body, expect=201, **extra):
    resp = c.post(f"/api/v1/policies/{pid}/articles", json={"heading": heading, "body": body, **extra},
                  headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def test_staff_write_numbered_articles_and_the_public_sees_none_of_the_first_draft(consultation, admin):
    c = consultation.client
    pid = policy(c, admin)["id"]
    third = add(c, admin, pid, "Sanksi", "Pelanggaran tenggat dikenai teguran tertulis.")
    first = add(c, admin, pid, "Definisi", "Yang dimaksud pengaduan adalah laporan masyarakat.", position=1)
    assert (first["number"], third["number"]) == (1, 3)  # the third went to 4 when the first came in:
    draft = text(c, pid, admin).get_json()
    assert draft["editable"] and [a["heading"] for a in draft["articles"]] == [
        "Definisi", "Ketentuan umum", "Tenggat tanggapan", "Sanksi"]
    assert text(c, pid).status_code == 404  # a first draft is staff business

    resp = c.put(f"/api/v1/policies/{pid}/articles/{third['key']}", headers=admin,
                 json={"heading": "Sanksi administratif", "body": "Pelanggaran dikenai teguran tertulis.",
                       "position": 2})
    assert resp.status_code == 200 and resp.get_json()["number"] == 2
    assert c.delete(f"/api/v1/policies/{pid}/articles/{first['key']}", headers=admin).status_code == 204
    assert [(a["number"], a["heading"]) for a in text(c, pid, admin).get_json()["articles"]] == [
        (1, "Sanksi administratif"), (2, "Ketentuan umum"), (3, "Tenggat tanggapan")]
    problem = add(c, admin, pid, "Ab", "pendek", expect=422)
    assert set(problem["errors"]) == {"heading", "body"}


def test_publishing_freezes_the_version_the_public_reads(consultation, admin):
    c = consultation.client
    pid = policy(c, admin)["id"]
    move(c, admin, pid, "in_consultation")
    public = text(c, pid).get_json()
    assert (public["version"], public["frozen_for"], public["editable"]) == (1, "consultation", False)
    assert len(public["articles"]) == 2
    problem = add(c, admin, pid, "Tambahan", "Pasal baru di tengah konsultasi.", expect=409)
    assert problem["allowed"] == ["consultation_closed"]

    move(c, admin, pid, "consultation_closed")
    revision = move(c, admin, pid, "in_revision")
    assert (revision["state"], revision["version"]) == ("in_revision", 2)
    key = text(c, pid, admin).get_json()["articles"][1]["key"]
    c.put(f"/api/v1/policies/{pid}/articles/{key}", headers=admin,
          json={"heading": "Tenggat tanggapan", "body": "ASN menanggapi pengaduan masyarakat dalam tiga hari kerja."})
    # The public still reads the consulted version while the revision is written.
    assert text(c, pid).get_json()["version"] == 1
    assert text(c, pid, version=2).status_code == 404
    assert text(c, pid, admin, version=1).get_json()["articles"][1]["body"].endswith("lima hari kerja.")

    move(c, admin, pid, "adopted", reason="Ditetapkan setelah konsultasi")
    assert text(c, pid).get_json()["version"] == 2
    comparison = c.get(f"/api/v1/policies/{pid}/comparison?from=1&to=2").get_json()
    assert comparison["changed_numbers"] == [2]
    changed = comparison["articles"][1]
    assert changed["change"] == "changed"
    assert {"op": "removed", "text": "lima"} in changed["body"] and {"op": "added", "text": "tiga"} in changed["body"]
    adopted = events(consultation, "consultation.policy.adopted")[-1]["data"]
    assert (adopted["changed_articles"], adopted["article_count"], adopted["adopted_version"]) == ([2], 2, 2)


def test_the_lead_departments_operator_edits_the_text_and_no_one_else(consultation, admin, dinkes, dishub):
    c = consultation.client
    pid = policy(c, admin, department_code="DINKES")["id"]
    add(c, dinkes, pid, "Puskesmas", "Puskesmas menanggapi pengaduan layanan kesehatan.")
    assert add(c, dishub, pid, "Terminal", "Terminal menanggapi pengaduan angkutan umum.", expect=403)["status"] == 403
    assert c.post(f"/api/v1/policies/{pid}/articles", json={"heading": "Tanpa", "body": "Tanpa tanda masuk."}
                  ).status_code == 401
    assert move(c, dinkes, pid, "in_consultation", expect=403)["status"] == 403  # moves are BKPSDM's


def test_opening_a_round_needs_a_closing_date_far_enough_and_a_text(consultation, admin):
    c = consultation.client
    pid = policy(c, admin)["id"]
    assert "closes_on" in move(c, admin, pid, "in_consultation", closes_on=None, expect=422)["errors"]
    from tests.consultation.helpers import closing_date
    assert "closes_on" in move(c, admin, pid, "in_consultation", closes_on=closing_date(3), expect=422)["errors"]
    empty = c.post("/api/v1/policies", headers=admin, json={
        "code": "PERWAL-KOSONG", "title": "Tanpa pasal", "summary": "Rancangan yang belum ditulis."}).get_json()
    assert "at least one article" in move(c, admin, empty["id"], "in_consultation", expect=409)["detail"]


def test_a_new_round_consults_the_revised_text(consultation, admin):
    c = consultation.client
    pid = policy(c, admin, state="in_revision")["id"]
    second = move(c, admin, pid, "in_consultation", reason="Putaran kedua")
    assert (second["version"], second["consultation_round"], second["consulted_version"]) == (2, 2, 2)
    assert [v["frozen_for"] for v in second["versions"]] == ["consultation", "consultation"]
    opened = events(consultation, "consultation.policy.consultation_opened")
    assert [(e["data"]["version"], e["data"]["consultation_round"]) for e in opened] == [(1, 1), (2, 2)]
