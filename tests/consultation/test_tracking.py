"""The tracking page: a citizen follows a report by id and sees status and official words, nothing private."""
from __future__ import annotations

import json

from tests.consultation.helpers import COMPLAINT, events, feedback_id, step, submit

PRIVATE = ("Siti Aminah", "081234567890", "siti.aminah@example.id", COMPLAINT["text"])


def test_tracking_shows_status_history_and_answer_but_never_contact_or_text(consultation, admin, dinkes):
    c = consultation.client
    receipt = submit(c)
    fid = feedback_id(consultation, receipt["tracking_id"])
    step(c, admin, fid, "forward", department_code="DINKES", note="Diteruskan ke Dinas Kesehatan.")
    step(c, dinkes, fid, "respond", response="Jam layanan puskesmas ditambah mulai pekan depan.")
    step(c, admin, fid, "hide", reason="Berisi kata-kata kasar terhadap petugas")

    resp = c.get(f"/api/v1/feedback/track/{receipt['tracking_id']}")
    assert resp.status_code == 200
    page = resp.get_json()
    assert set(page) == {"tracking_id", "kind", "kind_label", "category", "category_label", "status",
                         "status_label", "submitted_at", "history", "response", "answer", "privacy",
                         "privacy_label", "area", "text", "department_name", "question", "may_reply",
                         "may_provide_info"}
    assert page["text"] is None and page["privacy"] == "confidential" and page["may_reply"] is True
    assert page["status"] == "responded" and page["status_label"] == "Ditindaklanjuti"
    assert [h["status"] for h in page["history"]] == ["received", "forwarded", "responded"]
    assert page["history"][1]["note"] == "Diteruskan ke Dinas Kesehatan."
    assert page["response"]["text"] == "Jam layanan puskesmas ditambah mulai pekan depan."
    raw = json.dumps(page)
    for private in (*PRIVATE, "kata-kata kasar", "test-admin", "DINKES-operator"):
        assert private not in raw


def test_a_hidden_report_keeps_its_record_but_not_its_text_for_operators(consultation, admin, dinkes):
    c = consultation.client
    receipt = submit(c)
    fid = feedback_id(consultation, receipt["tracking_id"])
    step(c, admin, fid, "forward", department_code="DINKES")
    hidden = step(c, admin, fid, "hide", reason="Kata-kata kasar")
    assert hidden["hidden"] is True and hidden["text"] == COMPLAINT["text"]  # admins still see what was hidden
    assert c.get(f"/api/v1/feedback/{fid}", headers=dinkes).get_json()["text"] is None
    assert c.get("/api/v1/feedback", headers=admin).get_json()["total"] == 1


def test_a_typed_tracking_id_is_forgiven_and_a_wrong_one_is_explained(consultation):
    c = consultation.client
    tracking_id = submit(c)["tracking_id"]
    head, body = tracking_id[:9], tracking_id[9:]  # "TBT-2026-", then the random part
    sloppy = (head + body.replace("0", "O").replace("1", "I")).lower().replace("-", " ")
    assert c.get(f"/api/v1/feedback/track/{sloppy}").get_json()["tracking_id"] == tracking_id
    assert c.get("/api/v1/feedback/track/TBT-2026-ZZZZ-ZZZZ").status_code == 404
    malformed = c.get("/api/v1/feedback/track/hello")
    assert malformed.status_code == 422 and malformed.content_type == "application/problem+json"


def test_the_citizen_confirms_and_the_report_closes(consultation, admin, dinkes):
    c = consultation.client
    tracking_id = submit(c)["tracking_id"]
    fid = feedback_id(consultation, tracking_id)
    early = c.post(f"/api/v1/feedback/track/{tracking_id}/reply", json={"satisfied": True})
    assert early.status_code == 409  # nothing to reply to yet
    step(c, admin, fid, "forward", department_code="DINKES")
    step(c, dinkes, fid, "respond", response="Jam layanan puskesmas ditambah mulai pekan depan.")
    page = c.post(f"/api/v1/feedback/track/{tracking_id}/reply",
                  json={"satisfied": True, "note": "Terima kasih, sudah lebih cepat."}).get_json()
    assert page["status"] == "closed"
    assert "Terima kasih" not in json.dumps(page)
    closed = events(consultation)[-1]
    assert closed["type"] == "consultation.feedback.closed" and closed["data"]["closed_by"] == "citizen"
