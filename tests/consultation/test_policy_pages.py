"""The public pages of policies and the staff workspace, through the Flask client: the text with comments under
their articles, comments without an account (moderated, rate-limited, contact never shown), the outcome page,
and the staff list, article editor, moves, answers, meetings and comparison."""
from __future__ import annotations

import re

import pytest

from tests.consultation import helpers
from tests.e2e.signin import sign_in_client

COMMENT = "Lima hari kerja terlalu lama untuk pengaduan layanan kesehatan."


def keys(c, pid, headers=None):
    return [a["key"] for a in c.get(f"/api/v1/policies/{pid}/text", headers=headers or {}).get_json()["articles"]]


def html(response) -> str:
    return response.get_data(as_text=True)


def staff_client(svc, role="admin", department=None):
    client = svc.app.test_client()
    sign_in_client(client, role, department)
    return client


def test_every_published_policy_stays_listed_with_its_stage(consultation, admin):
    c = consultation.client
    helpers.policy(c, admin, code="PERWAL-ASN-01", state="in_consultation")
    adopted = helpers.policy(c, admin, code="PERWAL-ASN-02", state="adopted")
    helpers.policy(c, admin, code="PERWAL-DRAFT-03")
    page = html(c.get("/kebijakan"))
    assert "PERWAL-ASN-01" in page and "Tanggapan diterima sampai" in page
    assert "PERWAL-ASN-02" in page and "Ditetapkan" in page
    assert f"/kebijakan/{adopted['id']}/hasil" in page
    assert "PERWAL-DRAFT-03" not in page


def test_a_citizen_comments_on_an_article_and_sees_it_after_moderation_with_its_answer(consultation, admin):
    c = consultation.client
    pid = helpers.policy(c, admin, state="in_consultation")["id"]
    page = html(c.get(f"/kebijakan/{pid}"))
    assert "Pasal 2 — Tenggat tanggapan" in page and "Tanggapi Pasal 2" in page
    second = keys(c, pid)[1]

    sent = c.post(f"/kebijakan/{pid}/tanggapan", data={"article_key": second, "text": COMMENT, "name": "",
                                                       "phone": "081234567890", "email": ""})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("#pasal-2")
    after = html(c.get(sent.headers["Location"]))
    assert "akan ditampilkan setelah diperiksa moderator" in after
    assert COMMENT not in after  # not before moderation

    cid = c.get(f"/api/v1/policies/{pid}/comments/staff", headers=admin).get_json()["items"][0]["id"]
    c.post(f"/api/v1/comments/{cid}/moderation", json={"moderation": "published"}, headers=admin)
    c.post(f"/api/v1/comments/{cid}/answer", headers=admin,
           json={"outcome": "accepted", "article_number": 2, "reason": "Tenggat menjadi tiga hari kerja."})
    page = html(c.get(f"/kebijakan/{pid}"))
    article = page[page.index('id="pasal-2"'):page.index('id="tanggapan-umum"')]
    assert COMMENT in article and "Warga" in article
    assert "Jawaban resmi: Diterima" in article and "dimasukkan ke versi 2, Pasal 2" in article
    assert "081234567890" not in page


def test_a_refused_comment_keeps_the_typing_and_says_why_beside_its_form(consultation, admin):
    c = consultation.client
    pid = helpers.policy(c, admin, state="in_consultation")["id"]
    first = keys(c, pid)[0]
    refused = c.post(f"/kebijakan/{pid}/tanggapan", data={"article_key": first, "text": "Pendek",
                                                          "phone": "0812", "name": "Budi"})
    page = html(refused)
    assert refused.status_code == 422 and "Perbaiki isian" in page
    assert "paling sedikit 10" in page and "nomor ponsel Indonesia" in page
    assert re.search(r'<details class="comment-form" open>\s*<summary>Tanggapi Pasal 1<', page)
    assert 'value="Budi"' in page and ">Pendek</textarea>" in page
    assert helpers.events(consultation, "consultation.comment.") == []
    forged = c.post(f"/kebijakan/{pid}/tanggapan", data={"text": COMMENT}, csrf=False)
    assert forged.status_code == 400


def test_comments_are_refused_with_a_page_once_the_round_closed(consultation, admin):
    c = consultation.client
    pid = helpers.policy(c, admin, state="consultation_closed")["id"]
    page = html(c.get(f"/kebijakan/{pid}"))
    assert "Tanggapi Pasal" not in page and "Lihat hasil konsultasi" in page
    refused = c.post(f"/kebijakan/{pid}/tanggapan", data={"text": COMMENT})
    assert refused.status_code == 409 and "tidak sedang dibuka" in html(refused)


def test_comments_are_rate_limited_like_reports(start_service, tokens):
    svc = start_service("consultation", ratelimit_public="2/minute")
    helpers.seed_departments(svc)
    pid = helpers.policy(svc.client, tokens("admin"), state="in_consultation")["id"]
    codes = [svc.client.post(f"/kebijakan/{pid}/tanggapan", data={"text": COMMENT}).status_code for _ in range(3)]
    assert codes == [303, 303, 429]


def test_the_outcome_page_waits_for_the_round_to_close_then_shows_counts_and_changes(consultation, admin):
    c = consultation.client
    pid = helpers.policy(c, admin, state="in_consultation")["id"]
    assert "masih berlangsung" in html(c.get(f"/kebijakan/{pid}/hasil"))
    c.post(f"/api/v1/policies/{pid}/comments", json={"text": COMMENT, "article_key": keys(c, pid)[1]})
    helpers.move(c, admin, pid, "consultation_closed")
    helpers.move(c, admin, pid, "in_revision")
    second = keys(c, pid, admin)[1]
    c.put(f"/api/v1/policies/{pid}/articles/{second}", headers=admin,
          json={"heading": "Tenggat tanggapan", "body": "ASN menanggapi pengaduan masyarakat dalam tiga hari kerja."})
    before = html(c.get(f"/kebijakan/{pid}/hasil"))
    assert "Teks akhir belum ditetapkan" in before
    reason = "Penetapan mengikuti jadwal APBD; tanggapan dijawab pada evaluasi."
    helpers.move(c, admin, pid, "adopted", reason=reason, confirm_unanswered=True)
    page = html(c.get(f"/kebijakan/{pid}/hasil"))
    assert re.search(r'id="diterima-semua">1<', page) and re.search(r'id="belum-dijawab">1<', page)
    assert "1 pasal berubah" in page and "Pasal 2 — Tenggat tanggapan" in page
    assert "<del><span class=\"visually-hidden\">[dihapus: </span>lima" in page and ">tiga<" in page.replace(
        '<span class="visually-hidden">]</span>', "")
    assert reason in page and "1 tanggapan belum dijawab ketika kebijakan ditetapkan" in page
    assert "Ditetapkan" in html(c.get("/kebijakan"))


def test_staff_pages_need_a_signed_in_admin_or_operator(consultation, admin):
    pid = helpers.policy(consultation.client, admin)["id"]
    for url in ("/kebijakan/kelola", f"/kebijakan/kelola/{pid}", f"/kebijakan/kelola/{pid}/tanggapan"):
        sent = consultation.client.get(url)
        assert sent.status_code == 303 and "/akun/consultation/masuk" in sent.headers["Location"]
    assert consultation.client.post(f"/kebijakan/kelola/{pid}/pasal", data={"heading": "Judul"}).status_code == 401
    viewer = staff_client(consultation, "viewer")
    assert viewer.get("/kebijakan/kelola").status_code == 403


def test_staff_draft_a_policy_write_articles_and_open_the_consultation(consultation, admin):
    c = staff_client(consultation)
    made = c.post("/kebijakan/kelola", data={"code": "perwal-asn-2026-07", "title": "Tenggat pengaduan ASN",
                                              "summary": "Tenggat tanggapan pengaduan oleh ASN.",
                                              "department_code": "DINKES"})
    assert made.status_code == 303
    workspace = made.headers["Location"]
    pid = workspace.rstrip("/").split("/")[-1]
    for heading in ("Ketentuan umum", "Tenggat", "Sanksi"):
        assert c.post(f"{workspace}/pasal", data={"heading": heading,
                                                 "body": f"Isi pasal {heading.lower()} yang cukup panjang."}
                      ).status_code == 303
    refused = c.post(f"{workspace}/pasal", data={"heading": "Ab", "body": "pendek"})
    assert refused.status_code == 422 and "Judul pasal 3 sampai 200 karakter" in html(refused)
    sanksi = keys(c, pid, admin)[2]
    assert c.post(f"{workspace}/pasal/{sanksi}", data={"heading": "Sanksi", "body": "Teguran tertulis bagi ASN.",
                                                       "position": "1"}).status_code == 303
    page = html(c.get(workspace))
    assert page.index("Pasal 1 — Sanksi") < page.index("Pasal 2 — Ketentuan umum") < page.index("Pasal 3 — Tenggat")
    too_soon = c.post(f"{workspace}/langkah", data={"target": "in_consultation", "closes_on": "2000-01-01"})
    assert too_soon.status_code == 422 and "cukup jauh" in html(too_soon)
    opened = c.post(f"{workspace}/langkah", data={"target": "in_consultation", "closes_on": helpers.closing_date()})
    assert opened.status_code == 303
    page = html(c.get(workspace))
    assert 'id="tahap">Konsultasi publik<' in page and "Teks versi ini sudah dibekukan" in page
    listing = html(c.get("/kebijakan/kelola"))
    assert "PERWAL-ASN-2026-07" in listing and "ditutup setelah" in listing
    assert listing.count('action="/akun/consultation/keluar"') == 1  # the header's sign-out only


def test_staff_answer_comments_from_the_unanswered_list(consultation, admin):
    pid = helpers.policy(consultation.client, admin, state="in_consultation", department_code="DINKES")["id"]
    first, second = keys(consultation.client, pid)
    for key in (first, second):
        consultation.client.post(f"/api/v1/policies/{pid}/comments", json={"text": COMMENT, "article_key": key,
                                                                           "email": "warga@example.id"})
    operator = staff_client(consultation, "operator", "DINKES")
    page = html(operator.get(f"/kebijakan/kelola/{pid}/tanggapan?belum=1"))
    ids = re.findall(r'<article class="card" id="t-([0-9a-f-]+)"', page)
    assert len(ids) == 2 and "warga@example.id" not in page  # contacts are BKPSDM's only
    assert "warga@example.id" in html(staff_client(consultation).get(f"/kebijakan/kelola/{pid}/tanggapan"))
    refused = operator.post(f"/kebijakan/kelola/tanggapan/{ids[1]}/jawab",
                            data={"outcome": "rejected", "reason": "", "version": "2", "policy_id": pid})
    assert refused.status_code == 422 and "Tuliskan alasannya" in html(refused)
    done = operator.post(f"/kebijakan/kelola/tanggapan/{ids[1]}/jawab", data={
        "outcome": "rejected", "reason": "Di luar kewenangan daerah.", "version": "2", "policy_id": pid,
        "filter": "belum"})
    assert done.status_code == 303 and "belum=1" in done.headers["Location"]
    operator.post(f"/kebijakan/kelola/tanggapan/{ids[0]}/jawab", data={
        "outcome": "accepted", "article_number": "2", "version": "2", "reason": "Diperpendek.", "policy_id": pid})
    assert "Tidak ada tanggapan yang belum dijawab" in html(operator.get(f"/kebijakan/kelola/{pid}/tanggapan?belum=1"))
    other = staff_client(consultation, "operator", "DISHUB")
    assert other.get(f"/kebijakan/kelola/{pid}/tanggapan").status_code == 403


def test_staff_record_a_meeting_shown_on_the_public_page(consultation, admin):
    pid = helpers.policy(consultation.client, admin, state="in_consultation")["id"]
    c = staff_client(consultation)
    refused = c.post(f"/kebijakan/kelola/{pid}/sesi", data={"held_on": "2099-01-01", "format": "workshop"})
    assert refused.status_code == 422 and "pihak yang diundang" in html(refused)
    recorded = c.post(f"/kebijakan/kelola/{pid}/sesi", data={
        "held_on": "2026-01-15", "format": "public_hearing", "place": "Aula BKPSDM Kota Tebing Tinggi",
        "stakeholder_groups": ["opd", "community"], "participants": "42",
        "outcome_summary": "Peserta meminta tenggat yang lebih pendek.",
        "minutes": "Rapat dibuka pukul 09.00 WIB oleh Kepala BKPSDM."})
    assert recorded.status_code == 303
    public = html(consultation.client.get(f"/kebijakan/{pid}"))
    assert "Aula BKPSDM Kota Tebing Tinggi" in public and "Perangkat daerah (OPD), Masyarakat" in public
    assert "42 orang" in public and "Rapat dibuka pukul 09.00 WIB" in public


def test_the_comparison_page_marks_the_changed_words(consultation, admin):
    c = consultation.client
    pid = helpers.policy(c, admin, state="in_revision")["id"]
    second = keys(c, pid, admin)[1]
    c.put(f"/api/v1/policies/{pid}/articles/{second}", headers=admin,
          json={"heading": "Tenggat tanggapan", "body": "ASN menanggapi pengaduan masyarakat dalam tiga hari kerja."})
    staff = html(staff_client(consultation).get(f"/kebijakan/kelola/{pid}/perbandingan?dari=1&ke=2"))
    assert "1 pasal berubah dari versi 1 ke versi 2" in staff and "lima" in staff and "tiga" in staff
    assert c.get(f"/kebijakan/{pid}/perbandingan?dari=1&ke=2").status_code == 404  # version 2 is still a draft
    assert c.get(f"/kebijakan/{pid}/perbandingan?dari=x").status_code == 404


@pytest.mark.parametrize("path", ["/kebijakan/no-such-policy", "/kebijakan/no-such-policy/hasil"])
def test_an_unknown_policy_is_an_indonesian_page(consultation, path):
    page = consultation.client.get(path)
    assert page.status_code == 404 and "Kebijakan ini tidak ditemukan" in html(page)


def test_an_aspiration_may_still_name_a_policy_through_the_report_form(consultation, admin):
    open_ = helpers.policy(consultation.client, admin, state="in_consultation")
    sent = consultation.client.post("/lapor", data={"kind": "aspirasi", "category": "lainnya",
                                                    "policy_id": open_["id"], "text": COMMENT})
    assert sent.status_code == 303
    listed = consultation.client.get("/api/v1/feedback?policy_id=" + open_["id"], headers=admin).get_json()
    assert listed["total"] == 1 and listed["items"][0]["kind"] == "aspirasi"


def test_the_adopt_form_refuses_while_comments_wait_unless_confirmed_with_a_reason_shown_publicly(
        consultation, admin):
    pid = helpers.policy(consultation.client, admin, state="in_consultation")["id"]
    consultation.client.post(f"/api/v1/policies/{pid}/comments", json={"text": COMMENT})
    helpers.move(consultation.client, admin, pid, "consultation_closed")
    helpers.move(consultation.client, admin, pid, "in_revision")
    c = staff_client(consultation)
    workspace = html(c.get(f"/kebijakan/kelola/{pid}"))
    assert "1 tanggapan warga belum dijawab" in workspace and 'name="confirm_unanswered"' in workspace
    refused = c.post(f"/kebijakan/kelola/{pid}/langkah", data={"target": "adopted", "reason": "Mendesak"})
    assert refused.status_code == 409
    assert "Masih ada 1 tanggapan warga yang belum dijawab" in html(refused)
    assert ">Mendesak</textarea>" in html(refused)  # the typing is kept
    reason = "Perwali wajib berlaku 1 Januari; tanggapan yang tersisa dijawab pada evaluasi."
    adopted = c.post(f"/kebijakan/kelola/{pid}/langkah", data={"target": "adopted", "reason": reason,
                                                                "confirm_unanswered": "ya"})
    assert adopted.status_code == 303
    outcome = html(consultation.client.get(f"/kebijakan/{pid}/hasil"))
    assert "Ditetapkan sebelum semua tanggapan dijawab" in outcome and reason in outcome
    assert reason in html(consultation.client.get(f"/kebijakan/{pid}"))  # and in the policy's history


def test_the_staff_start_page_leads_to_the_policy_workspace(consultation):
    assert 'href="/kebijakan/kelola"' in html(staff_client(consultation, "operator", "DINKES").get("/petugas"))
    assert 'href="/kebijakan/kelola"' not in html(staff_client(consultation, "viewer").get("/petugas"))
