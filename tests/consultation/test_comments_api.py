"""Citizens' comments over HTTP: sent without an account while a round is open, moderated, answered officially,
and adoption refused while any is left unanswered unless BKPSDM confirms it with a public reason."""
from __future__ import annotations

from tests.consultation.helpers import events, move, policy

COMMENT = {"text": "Lima hari kerja terlalu lama untuk pengaduan layanan kesehatan.", "name": "Rina",
           "phone": "081234567890", "email": "rina@example.id"}


def article_keys(c, pid):
    return [a["key"] for a in c.get(f"/api/v1/policies/{pid}/text").get_json()["articles"]]


def comment(c, pid, expect=201, **body):
    resp = c.post(f"/api/v1/policies/{pid}/comments", json={**COMMENT, **body})
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def act(c, headers, cid, action, expect=200, **body):
    resp = c.post(f"/api/v1/comments/{cid}/{action}", json=body, headers=headers)
    assert resp.status_code == expect, resp.get_json()
    return resp.get_json()


def staff_list(c, headers, pid, query=""):
    resp = c.get(f"/api/v1/policies/{pid}/comments/staff{query}", headers=headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_a_comment_is_shown_only_after_moderation_and_never_with_its_contact(consultation, admin, dinkes):
    c = consultation.client
    pid = policy(c, admin, state="in_consultation", department_code="DINKES")["id"]
    key = article_keys(c, pid)[1]
    receipt = comment(c, pid, article_key=key)
    assert (receipt["article_number"], receipt["moderation"]) == (2, "pending")
    assert c.get(f"/api/v1/policies/{pid}/comments").get_json() == []

    act(c, dinkes, receipt["id"], "moderation", moderation="published")  # the lead department moderates
    [shown] = c.get(f"/api/v1/policies/{pid}/comments").get_json()
    assert (shown["author"], shown["article_number"], shown["text"]) == ("Rina", 2, COMMENT["text"])
    assert "081234567890" not in str(shown) and "rina@example.id" not in str(shown)
    assert staff_list(c, dinkes, pid)["items"][0]["contact"] is None  # the contact is BKPSDM's only
    assert staff_list(c, admin, pid)["items"][0]["contact"] == {"phone": "081234567890", "email": "rina@example.id"}

    hidden = comment(c, pid, text="Komentar kasar yang tidak pantas ditampilkan.", name=None)
    act(c, admin, hidden["id"], "moderation", expect=422, moderation="hidden")  # hiding needs a reason
    act(c, admin, hidden["id"], "moderation", moderation="hidden", reason="Bahasa kasar")
    assert len(c.get(f"/api/v1/policies/{pid}/comments").get_json()) == 1
    sent = [(e["type"], e["data"]["moderation"]) for e in events(consultation, "consultation.comment.")]
    assert sent == [("consultation.comment.submitted", "pending"), ("consultation.comment.published", "published"),
                    ("consultation.comment.submitted", "pending"), ("consultation.comment.hidden", "hidden")]
    bus = str(events(consultation, "consultation.comment."))
    assert COMMENT["text"] not in bus and "Rina" not in bus and "0812" not in bus  # no words, names or contacts


def test_comments_are_taken_only_while_the_round_is_open(consultation, admin):
    c = consultation.client
    pid = policy(c, admin)["id"]
    assert comment(c, pid, expect=404)["status"] == 404  # a first draft is not public
    move(c, admin, pid, "in_consultation")
    assert comment(c, pid, article_key="no-such-article", expect=422)["errors"] == {
        "article_key": ["No such article in the text in consultation."]}
    problem = comment(c, pid, text="pendek", phone="12345", expect=422)
    assert set(problem["errors"]) == {"text", "phone"}
    move(c, admin, pid, "consultation_closed", reason="Ditutup lebih awal")
    assert comment(c, pid, expect=409)["status"] == 409


def test_answers_name_the_version_and_article_that_took_the_comment_in(consultation, admin, dishub):
    c = consultation.client
    pid = policy(c, admin, state="in_consultation")["id"]
    keys = article_keys(c, pid)
    accepted, rejected, noted = (comment(c, pid, article_key=keys[1])["id"], comment(c, pid, article_key=keys[0])["id"],
                                 comment(c, pid)["id"])
    act(c, dishub, accepted, "answer", expect=403, outcome="noted")  # not the lead department
    answer = act(c, admin, accepted, "answer", outcome="accepted", article_number=2,
                 reason="Tenggat diperpendek menjadi tiga hari kerja.")["answer"]
    assert (answer["version"], answer["article_number"]) == (2, 2)  # the next version, the revision
    assert "reason" in act(c, admin, rejected, "answer", expect=422, outcome="rejected")["errors"]
    act(c, admin, rejected, "answer", outcome="rejected", reason="Ketentuan umum mengikuti Perda.")
    assert "article_number" in act(c, admin, noted, "answer", expect=422, outcome="accepted")["errors"]
    assert "version" in act(c, admin, noted, "answer", expect=422, outcome="accepted", version=1,
                            article_number=1)["errors"]
    act(c, admin, noted, "answer", outcome="noted")
    assert staff_list(c, admin, pid, "?unanswered=true")["total"] == 0
    answered = events(consultation, "consultation.comment.answered")
    assert [(e["data"]["answer_outcome"], e["data"]["answered_in_version"], e["data"]["answered_in_article"])
            for e in answered] == [("accepted", 2, 2), ("rejected", None, None), ("noted", None, None)]


def test_adopting_is_refused_while_comments_are_unanswered_unless_confirmed_with_a_public_reason(
        consultation, admin):
    c = consultation.client
    pid = policy(c, admin, state="in_consultation")["id"]
    first, second = comment(c, pid)["id"], comment(c, pid, text="Mohon ada kanal pengaduan lewat WhatsApp.")["id"]
    act(c, admin, first, "answer", outcome="noted")
    move(c, admin, pid, "consultation_closed")
    move(c, admin, pid, "in_revision")
    assert staff_list(c, admin, pid, "?unanswered=true")["items"][0]["id"] == second

    refused = move(c, admin, pid, "adopted", expect=409)
    assert "1 comment(s) have no official answer" in refused["detail"]
    move(c, admin, pid, "adopted", reason="Mendesak", expect=409)  # a reason alone is not a confirmation
    move(c, admin, pid, "adopted", confirm_unanswered=True, expect=409)  # nor a confirmation without a reason
    assert c.get(f"/api/v1/policies/{pid}", headers=admin).get_json()["state"] == "in_revision"

    reason = "Perwali harus berlaku awal tahun anggaran; sisa tanggapan dijawab pada evaluasi."
    adopted = move(c, admin, pid, "adopted", reason=reason, confirm_unanswered=True)
    assert adopted["state"] == "adopted"
    public = c.get(f"/api/v1/policies/{pid}").get_json()
    assert public["history"][-1]["reason"] == reason  # shown publicly
    outcome = c.get(f"/api/v1/policies/{pid}/outcome").get_json()
    assert outcome["adoption"] == {"at": outcome["adoption"]["at"], "reason": reason, "unanswered": 1}
    data = events(consultation, "consultation.policy.adopted")[-1]["data"]
    assert (data["unanswered_comments"], data["comments_received"], data["reason"]) == (1, 2, reason)
    assert data["unanswered_at_adoption"] == 1


def test_adopting_after_every_comment_is_answered_needs_no_confirmation(consultation, admin):
    c = consultation.client
    pid = policy(c, admin, state="in_consultation")["id"]
    cid = comment(c, pid)["id"]
    act(c, admin, cid, "moderation", moderation="hidden", reason="Spam")  # a hidden comment is owed nothing
    move(c, admin, pid, "consultation_closed")
    move(c, admin, pid, "in_revision")
    assert move(c, admin, pid, "adopted")["state"] == "adopted"
    counts = c.get(f"/api/v1/policies/{pid}/outcome").get_json()["counts"]
    assert (counts["received"], counts["hidden"], counts["unanswered"]) == (1, 1, 0)


def test_a_retried_comment_with_the_same_idempotency_key_is_stored_once(consultation, admin):
    c = consultation.client
    pid = policy(c, admin, state="in_consultation")["id"]
    headers = {"Idempotency-Key": "comment-7f3a9c1e-2b44"}
    first = c.post(f"/api/v1/policies/{pid}/comments", json=COMMENT, headers=headers)
    again = c.post(f"/api/v1/policies/{pid}/comments", json=COMMENT, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers.get("Idempotent-Replayed") == "true" and again.get_json()["id"] == first.get_json()["id"]
    assert staff_list(c, admin, pid)["total"] == 1
