"""The survey's public pages, through the Flask client: the questionnaire a citizen fills in (the staff workspace:
test_workspace_pages.py)."""
from __future__ import annotations

import time

from sqlalchemy import select

from services.survey.app import create_app
from services.survey.config import load_config
from services.survey.db.models import CampaignTally
from services.survey.domain.unsur import UNSUR, UNSUR_KEYS
from tests.support.signin import sign_in_client
from tests.survey.departments import seed_departments


def form_of(scores: dict | None = None, **fields) -> dict:
    return {**{k: str(v) for k, v in (scores or dict.fromkeys(UNSUR_KEYS, 3)).items()}, **fields}


def respondents(survey, campaign_id) -> int:
    with survey.db.sessions() as session:
        return session.execute(select(CampaignTally.respondents)
                               .where(CampaignTally.campaign_id == campaign_id)).scalar_one()


def test_the_page_shows_nine_questions_in_their_standard_wording(survey, make_campaign):
    campaign = make_campaign()
    page = survey.client.get(f"/survei/{campaign['id']}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="id"' in html
    assert campaign["service_unit"] in html
    for unsur in UNSUR:
        assert unsur.question in html
        for label in unsur.answers:
            assert f"> {label}</label>" in html
    assert html.count('type="radio"') == 36
    assert 'name="suggestion"' in html and 'name="gender"' in html and 'name="token"' not in html


def test_a_sent_form_counts_once_and_thanks_the_respondent(survey, make_campaign):
    campaign = make_campaign()
    sent = survey.client.post(f"/survei/{campaign['id']}", data=form_of(gender="perempuan", suggestion="Antrean rapi"))
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"/survei/{campaign['id']}/terima-kasih")
    thanks = survey.client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Terima kasih" in thanks
    assert respondents(survey, campaign["id"]) == 1


def test_a_missing_answer_is_named_next_to_its_question_and_the_rest_is_kept(survey, make_campaign):
    campaign = make_campaign()
    scores = dict.fromkeys(UNSUR_KEYS, 4)
    del scores["u3"]
    page = survey.client.post(f"/survei/{campaign['id']}", data=form_of(scores, suggestion="Parkir sempit",
                                                                       education="sma"))
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'id="u3-error"' in html and "Pilih salah satu dari empat jawaban." in html
    assert 'id="u1-error"' not in html
    assert 'id="u1-4" name="u1" value="4" required checked' in html
    assert ">Parkir sempit</textarea>" in html and '<option value="sma" selected>' in html
    assert respondents(survey, campaign["id"]) == 0


def test_a_token_campaign_asks_for_the_token_and_refuses_a_wrong_one(survey, make_campaign):
    campaign = make_campaign(requires_token=True)
    assert 'name="token"' in survey.client.get(f"/survei/{campaign['id']}").get_data(as_text=True)
    page = survey.client.post(f"/survei/{campaign['id']}", data=form_of(token="AAAA-BBBB-CCCC"))
    html = page.get_data(as_text=True)
    assert page.status_code == 403 and 'id="token-error"' in html
    assert "Token tidak valid atau sudah digunakan." in html and "(The token" not in html
    assert 'value="AAAA-BBBB-CCCC"' in html


def test_a_closed_campaign_says_so(survey, make_campaign):
    campaign = make_campaign("closed")
    page = survey.client.get(f"/survei/{campaign['id']}")
    assert page.status_code == 409 and "sudah ditutup" in page.get_data(as_text=True)
    assert survey.client.get("/survei/no-such-campaign").status_code == 404


def test_a_staff_page_sends_the_public_to_the_sign_in_and_back(survey, make_campaign):
    campaign = make_campaign()
    poster = f"/survei/kelola/{campaign['id']}/poster"
    public = survey.client.get(poster)
    assert public.status_code == 303
    assert public.headers["Location"] == f"/akun/survey/masuk?next={poster}"
    forged = survey.client.post(f"/survei/kelola/{campaign['id']}/token", data={"count": "3"})
    assert forged.status_code == 401 and "Khusus petugas" in forged.get_data(as_text=True)


def test_a_staff_page_is_for_the_campaigns_department_and_shows_who_is_signed_in(survey, make_campaign):
    campaign = make_campaign()
    poster = f"/survei/kelola/{campaign['id']}/poster"
    sign_in_client(survey.client, "operator", "DISHUB")
    assert survey.client.get(poster).status_code == 403
    sign_in_client(survey.client, "operator", "DINKES", name="Budi Nasution")
    page = survey.client.get(poster).get_data(as_text=True)
    assert "Masuk sebagai <strong>Budi Nasution</strong>" in page and 'action="/akun/survey/keluar"' in page


def test_signing_out_ends_the_sign_in(survey, make_campaign):
    campaign = make_campaign()
    poster = f"/survei/kelola/{campaign['id']}/poster"
    sign_in_client(survey.client, "admin")
    assert survey.client.get(poster).status_code == 200
    assert survey.client.post("/akun/survey/keluar", data={}, csrf=False).status_code == 400  # a forged sign-out
    assert survey.client.get(poster).status_code == 200
    out = survey.client.post("/akun/survey/keluar", data={})
    assert out.status_code == 303 and out.headers["Location"] == "/akun/survey/keluar"
    assert "Anda sudah keluar" in survey.client.get("/akun/survey/keluar").get_data(as_text=True)
    assert survey.client.get(poster).status_code == 303


def test_a_sign_in_ends_after_its_lifetime_and_after_idling(start_service, tokens):
    svc = start_service("survey", session_lifetime_minutes=60, session_idle_minutes=15)
    seed_departments(svc.db, "DINKES")
    campaign = svc.client.post("/api/v1/campaigns", headers=tokens("admin"), json={
        "department_code": "DINKES", "service_unit": "Puskesmas", "period_type": "yearly", "period_year": 2026,
        "population": 100}).get_json()
    poster = f"/survei/kelola/{campaign['id']}/poster"
    sign_in_client(svc.client, "admin", signed_in_at=time.time() - 10 * 60)
    assert svc.client.get(poster).status_code == 200
    sign_in_client(svc.client, "admin", signed_in_at=time.time() - 61 * 60)
    assert svc.client.get(poster).status_code == 303  # the lifetime is over
    sign_in_client(svc.client, "admin")
    with svc.client.session_transaction() as session:
        session["staff"] = {**session["staff"], "seen": time.time() - 16 * 60}
    assert svc.client.get(poster).status_code == 303  # idle too long


def test_the_public_form_is_rate_limited_with_a_page_not_json(start_service, tokens):
    svc = start_service("survey", ratelimit_public="2/minute")
    seed_departments(svc.db, "DINKES")
    campaign = svc.client.post("/api/v1/campaigns", headers=tokens("admin"), json={
        "department_code": "DINKES", "service_unit": "Puskesmas Bajenis", "period_type": "yearly",
        "period_year": 2026}).get_json()
    for _ in range(2):
        assert svc.client.post(f"/survei/{campaign['id']}", data=form_of()).status_code == 404  # a draft is not public
    refused = svc.client.post(f"/survei/{campaign['id']}", data=form_of())
    assert refused.status_code == 429 and refused.mimetype == "text/html"
    assert refused.headers["Retry-After"] == "60" and "Terlalu banyak permintaan" in refused.get_data(as_text=True)


def test_a_form_sent_after_the_campaign_closed_says_so_and_keeps_the_answers(survey, make_campaign, admin):
    campaign = make_campaign()
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/close", headers=admin)  # closed while the form was open
    page = survey.client.post(f"/survei/{campaign['id']}", data=form_of(suggestion="Ruang tunggu sejuk"))
    html = page.get_data(as_text=True)
    assert page.status_code == 409 and "Survei ini sedang tidak dibuka" in html
    assert ">Ruang tunggu sejuk</textarea>" in html
    assert respondents(survey, campaign["id"]) == 0


def test_a_closed_campaign_links_its_results_and_gets_no_token_sheet(survey, make_campaign):
    campaign = make_campaign("closed", requires_token=True)
    page = survey.client.get(f"/survei/{campaign['id']}").get_data(as_text=True)
    assert f'href="/survei/{campaign["id"]}/hasil"' in page
    staff = survey.app.test_client()
    sign_in_client(staff, "admin")
    sheet = staff.post(f"/survei/kelola/{campaign['id']}/token", data={"count": "3"})
    assert sheet.status_code == 409 and "sudah ditutup" in sheet.get_data(as_text=True)


def test_the_qr_poster_leads_to_the_public_address_read_at_start(survey, make_campaign):
    app = create_app(survey.settings, db=survey.db,
                     config=load_config({"PUBLIC_BASE_URL": "https://survei.tebingtinggikota.go.id/"}))
    campaign = make_campaign()
    staff = app.test_client()
    sign_in_client(staff, "operator", "DINKES")
    page = staff.get(f"/survei/kelola/{campaign['id']}/poster").get_data(as_text=True)
    assert f"Kode QR menuju kuesioner survei {campaign['service_unit']}: https://survei.tebingtinggikota.go.id/survei/{campaign['id']}" in page
    assert '<span class="short-url">survei.tebingtinggikota.go.id/survei</span>' in page
