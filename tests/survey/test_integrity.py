"""The soft controls of an open campaign, as a citizen's browser meets them: one answer per device, a limit per
address that a forged X-Forwarded-For does not reset, a honeypot; and the refusals counted for staff."""
from __future__ import annotations

import dataclasses

from sqlalchemy import select

from services.survey.app import create_app
from services.survey.config import Config
from services.survey.db.models import CampaignTally
from services.survey.domain.unsur import UNSUR_KEYS
from tests.support.signin import sign_in_client
from tests.survey.conftest import DEPT


def form(**fields) -> dict:
    return {**dict.fromkeys(UNSUR_KEYS, "3"), **fields}


def counts(survey, campaign_id: str) -> tuple:
    with survey.db.sessions() as session:
        tally = session.execute(select(CampaignTally).where(CampaignTally.campaign_id == campaign_id)).scalar_one()
        return tally.respondents, tally.refused_repeat, tally.refused_rate, tally.refused_challenge


def test_a_second_answer_from_the_same_browser_is_refused_with_a_clear_page(survey, make_campaign):
    campaign = make_campaign()
    browser = survey.app.test_client()
    assert browser.post(f"/survei/{campaign['id']}", data=form()).status_code == 303
    marker = browser.get_cookie("skm_terisi", path="/survei")
    assert marker is not None and marker.http_only and campaign["id"] not in marker.value  # signed, not readable
    again = browser.get(f"/survei/{campaign['id']}")
    assert again.status_code == 200 and "Anda sudah mengisi survei ini" in again.get_data(as_text=True)
    repeat = browser.post(f"/survei/{campaign['id']}", data=form())  # e.g. the form still open in another tab
    assert repeat.status_code == 409 and "tidak dihitung lagi" in repeat.get_data(as_text=True)
    assert counts(survey, campaign["id"]) == (1, 1, 0, 0)
    neighbour = survey.app.test_client()  # another phone
    assert neighbour.post(f"/survei/{campaign['id']}", data=form()).status_code == 303
    forged = survey.app.test_client()
    forged.set_cookie("skm_terisi", "bm90LXNpZ25lZA", path="/survei")  # a marker not signed by us means nothing
    assert forged.post(f"/survei/{campaign['id']}", data=form()).status_code == 303
    assert counts(survey, campaign["id"])[0] == 3
    staff = survey.app.test_client()
    sign_in_client(staff, "operator", DEPT)
    page = staff.get(f"/survei/kelola/{campaign['id']}").get_data(as_text=True)
    assert 'id="jumlah-ditolak">1: perangkat yang sama sudah mengisi 1' in page


def test_a_token_campaign_takes_one_answer_per_token_whatever_the_device(survey, make_campaign, admin):
    campaign = make_campaign(requires_token=True)
    first, second = survey.client.post(f"/api/v1/campaigns/{campaign['id']}/tokens", json={"count": 2},
                                       headers=admin).get_json()["tokens"]
    counter_tablet = survey.app.test_client()
    assert counter_tablet.post(f"/survei/{campaign['id']}", data=form(token=first)).status_code == 303
    assert counter_tablet.post(f"/survei/{campaign['id']}", data=form(token=second)).status_code == 303
    assert counter_tablet.get_cookie("skm_terisi", path="/survei") is None
    assert counts(survey, campaign["id"]) == (2, 0, 0, 0)


def test_a_robot_that_fills_the_hidden_field_is_told_thanks_and_not_counted(survey, make_campaign):
    campaign = make_campaign()
    robot = survey.app.test_client()
    sent = robot.post(f"/survei/{campaign['id']}", data=form(situs_web="http://spam.example"))
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/terima-kasih")
    assert counts(survey, campaign["id"]) == (0, 0, 0, 1)
    page = survey.app.test_client().get(f"/survei/{campaign['id']}").get_data(as_text=True)
    assert '<div class="honeypot">' in page and 'name="situs_web"' in page


def limited_app(survey, hops: int = 0):
    settings = dataclasses.replace(survey.settings, trusted_proxy_hops=hops)
    app = create_app(settings, db=survey.db, config=Config(responses_per_address="2/hour"))
    app.config["TESTING"] = True
    return app


def test_a_forged_forwarded_for_does_not_reset_the_limit_per_address(survey, make_campaign):
    app = limited_app(survey)
    campaign = make_campaign()
    url = f"/survei/{campaign['id']}"
    # Each answer from a fresh browser, as from different phones behind one address.
    assert [app.test_client().post(url, data=form()).status_code for _ in range(2)] == [303, 303]
    spoofed = app.test_client().post(url, data=form(), headers={"X-Forwarded-For": "203.0.113.77"})
    assert spoofed.status_code == 429 and spoofed.mimetype == "text/html"
    assert "terlalu banyak jawaban untuk survei ini" in spoofed.get_data(as_text=True)
    api = app.test_client().post(f"/api/v1/campaigns/{campaign['id']}/responses",
                                 json={"answers": dict.fromkeys(UNSUR_KEYS, 3)},
                                 headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.78"})
    assert api.status_code == 429 and api.headers["Retry-After"] == "3600"  # the API door shares the limit
    assert counts(survey, campaign["id"]) == (2, 0, 2, 0)


def test_behind_the_trusted_proxy_only_the_address_it_saw_counts(survey, make_campaign):
    app = limited_app(survey, hops=1)
    campaign = make_campaign()
    url = f"/survei/{campaign['id']}"

    def via_proxy(forged: str, real: str = "198.51.100.7"):
        # The proxy appends the address it saw to whatever the client wrote.
        return app.test_client().post(url, data=form(), headers={"X-Forwarded-For": f"{forged}, {real}"})

    assert [via_proxy(f"10.0.0.{i}").status_code for i in range(3)] == [303, 303, 429]
    assert via_proxy("10.0.0.9", real="198.51.100.8").status_code == 303  # another citizen's network
    assert counts(survey, campaign["id"]) == (3, 0, 1, 0)
