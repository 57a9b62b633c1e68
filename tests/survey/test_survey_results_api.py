"""Results over HTTP: hand-computed figures, exact boundaries, the running tally, and who may read them."""
import csv
import io
import json
import random
import threading

import pytest
from sqlalchemy import func, select

from services.survey.db.models import CampaignTally, Response
from services.survey.domain.ikm import Tally, compute_result
from services.survey.domain.unsur import UNSUR_KEYS
from tests.survey.conftest import DEPT, answers_of, uniform
from tests.survey.test_ikm import MIXED, responses_with_total


def results(survey, campaign_id, headers=None):
    resp = survey.client.get(f"/api/v1/campaigns/{campaign_id}/results", headers=headers or {})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def post_all(submit, campaign_id, answer_sets, **fields):
    for answers in answer_sets:
        resp = submit(campaign_id, answers, **fields)
        assert resp.status_code == 201, resp.get_json()


def test_hand_computed_example_matches_exactly(survey, admin, make_campaign, submit):
    # The four respondents of test_ikm.MIXED: column sums 14 14 11 16 13 13 16 7 13, total 117.
    # NRR = sums / 4; IKM = 29.25 / 9 = 3.25; converted = 81.25 -> mutu B, "Baik"; weakest u8 (NRR 1.75).
    campaign = make_campaign(population=4)
    post_all(submit, campaign["id"], MIXED, profile={"gender": "perempuan"})
    body = results(survey, campaign["id"], admin)
    assert body["respondents"] == 4
    assert body["nrr"] == dict(zip(UNSUR_KEYS, (3.5, 3.5, 2.75, 4, 3.25, 3.25, 4, 1.75, 3.25), strict=True))
    assert [u["nrr_display"] for u in body["unsur"]] == ["3.50", "3.50", "2.75", "4.00", "3.25", "3.25", "4.00",
                                                         "1.75", "3.25"]
    assert [u["sum"] for u in body["unsur"]] == [14, 14, 11, 16, 13, 13, 16, 7, 13]
    assert (body["ikm"], body["converted"], body["converted_display"]) == (3.25, 81.25, "81.25")
    assert (body["mutu"], body["kinerja"]) == ("B", "Baik")
    assert (body["weakest_unsur"], body["weakest_unsur_name"]) == ("u8", "Penanganan Pengaduan, Saran dan Masukan")
    assert (body["required_sample"], body["sample_sufficient"]) == (4, True)
    assert body["profile"]["gender"] == {"laki_laki": 0, "perempuan": 4, "unspecified": 0}
    assert body["profile"]["education"]["unspecified"] == 4


@pytest.mark.parametrize(("respondents", "total", "display", "mutu"), [
    (3, 27 * 4, "100.00", "A"),  # everybody answered 4 everywhere
    (5, 117, "65.00", "C"),  # 117 / 45 = 2.6 exactly
    (19, 524, "76.61", "B"),  # 76.608...: a rounded 0.111 weight, or NRR 3.06433, would make it C
    (24, 763, "88.31", "A"),  # 88.310...
])
def test_grade_boundaries_through_the_api(survey, admin, make_campaign, submit, respondents, total, display, mutu):
    campaign = make_campaign()
    post_all(submit, campaign["id"], responses_with_total(respondents, total))
    body = results(survey, campaign["id"], admin)
    assert (body["converted_display"], body["mutu"]) == (display, mutu)
    assert body["converted"] == total * 25 / (9 * respondents)


def test_sample_size_verdict_follows_krejcie_morgan(survey, admin, make_campaign, submit):
    campaign = make_campaign(population=20)  # N = 20 -> at least 19 respondents
    post_all(submit, campaign["id"], [uniform(3)] * 18)
    body = results(survey, campaign["id"], admin)
    assert (body["required_sample"], body["sample_sufficient"]) == (19, False)
    post_all(submit, campaign["id"], [uniform(3)])
    assert results(survey, campaign["id"], admin)["sample_sufficient"] is True
    survey.client.patch(f"/api/v1/campaigns/{campaign['id']}", json={"population": 50}, headers=admin)
    body = results(survey, campaign["id"], admin)
    assert (body["required_sample"], body["sample_sufficient"]) == (44, False)


def test_incremental_tally_equals_recomputation_from_stored_responses(survey, admin, make_campaign, submit):
    rng = random.Random(14_2017)
    campaign = make_campaign()
    answer_sets = [{key: rng.randint(1, 4) for key in UNSUR_KEYS} for _ in range(60)]
    genders = [rng.choice(["laki_laki", "perempuan", None]) for _ in answer_sets]
    for answers, gender in zip(answer_sets, genders, strict=True):
        assert submit(campaign["id"], answers, profile={"gender": gender}).status_code == 201
    with survey.db.sessions() as session:
        row = session.get(CampaignTally, campaign["id"])
        stored = session.execute(select(func.count(), *(func.sum(getattr(Response, k)) for k in UNSUR_KEYS))
                                 .where(Response.campaign_id == campaign["id"])).one()
    recomputed = Tally(stored[0], dict(zip(UNSUR_KEYS, map(int, stored[1:]), strict=True)))
    incremental = Tally.from_dict({"respondents": row.respondents, **{k: getattr(row, k) for k in UNSUR_KEYS}})
    assert incremental == recomputed
    assert recomputed == Tally(60, {k: sum(a[k] for a in answer_sets) for k in UNSUR_KEYS})
    expected = compute_result(recomputed)
    body = results(survey, campaign["id"], admin)
    assert (body["converted"], body["converted_display"], body["mutu"]) == (
        expected.converted, str(expected.converted_display), expected.mutu)
    assert body["profile"]["gender"]["perempuan"] == genders.count("perempuan")
    assert body["profile"]["gender"]["unspecified"] == genders.count(None)


def test_concurrent_responses_are_all_counted(survey, admin, make_campaign):
    campaign = make_campaign()
    url = f"/api/v1/campaigns/{campaign['id']}/responses"
    failures = []

    def answer_five(score):
        client = survey.app.test_client()
        for _ in range(5):
            resp = client.post(url, json={"answers": uniform(score)})
            if resp.status_code != 201:
                failures.append(resp.get_json())

    threads = [threading.Thread(target=answer_five, args=(1 + i % 4,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    body = results(survey, campaign["id"], admin)
    assert body["respondents"] == 40
    assert [u["sum"] for u in body["unsur"]] == [100] * 9  # 10 responses each of 1, 2, 3 and 4


def test_results_are_staff_only_until_the_campaign_closes(survey, admin, tokens, make_campaign, submit):
    campaign = make_campaign()
    post_all(submit, campaign["id"], [uniform(4)] * 5)
    url = f"/api/v1/campaigns/{campaign['id']}/results"
    public = survey.client.get(url)
    assert public.status_code == 403 and "ditutup" in public.get_json()["detail"]
    assert survey.client.get(url, headers=tokens("operator", "DISHUB")).status_code == 403
    assert survey.client.get(url, headers=tokens("operator", DEPT)).get_json()["converted_display"] == "100.00"
    assert survey.client.get(url, headers=tokens("viewer")).status_code == 200
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/close", headers=admin)
    body = results(survey, campaign["id"])
    assert (body["status"], body["converted_display"], body["mutu"], body["suppressed"]) == (
        "closed", "100.00", "A", False)
    draft = make_campaign(status="draft")
    assert survey.client.get(f"/api/v1/campaigns/{draft['id']}/results").status_code == 404


def test_public_results_hide_groups_under_five_people(survey, admin, make_campaign, submit):
    small = make_campaign()
    post_all(submit, small["id"], [uniform(3)] * 4)
    survey.client.post(f"/api/v1/campaigns/{small['id']}/close", headers=admin)
    body = results(survey, small["id"])
    assert body["suppressed"] is True and body["respondents"] == 4
    assert body["converted_display"] is None and body["mutu"] is None and body["nrr"] is None
    assert results(survey, small["id"], admin)["converted_display"] == "75.00"

    larger = make_campaign()
    post_all(submit, larger["id"], [uniform(3)] * 5, profile={"gender": "perempuan"})
    post_all(submit, larger["id"], [uniform(3)], profile={"gender": "laki_laki"})
    survey.client.post(f"/api/v1/campaigns/{larger['id']}/close", headers=admin)
    body = results(survey, larger["id"])
    assert body["suppressed"] is False and body["converted_display"] == "75.00"
    assert body["profile"]["gender"] == {"laki_laki": None, "perempuan": 5, "unspecified": 0}


def test_results_as_csv(survey, admin, make_campaign, submit):
    campaign = make_campaign(status="open", population=4)
    post_all(submit, campaign["id"], MIXED)
    resp = survey.client.get(f"/api/v1/campaigns/{campaign['id']}/results.csv", headers=admin)
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert rows[0] == ["section", "item", "name", "value"]
    values = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert values[("index", "converted_display")] == "81.25"
    assert values[("index", "mutu")] == "B"
    assert values[("unsur", "u8")] == "1.75"
    assert values[("campaign", "respondents")] == "4"
    assert values[("campaign", "sample_sufficient")] == "True"
    assert survey.client.get(f"/api/v1/campaigns/{campaign['id']}/results.csv").status_code == 403


def test_every_change_publishes_an_ordered_snapshot(survey, admin, make_campaign, submit):
    campaign = make_campaign()  # created, then opened
    post_all(submit, campaign["id"], [answers_of(4, 4, 4, 4, 4, 4, 4, 4, 4), answers_of(2, 2, 2, 2, 2, 2, 2, 2, 2)])
    survey.client.post(f"/api/v1/campaigns/{campaign['id']}/close", headers=admin)
    outbox = survey.app.extensions["asn"].tables["outbox"]
    with survey.db.sessions() as session:
        events = [json.loads(b) for b in session.execute(
            select(outbox.c.body).where(outbox.c.subject == campaign["id"]).order_by(outbox.c.id)).scalars()]
    assert [e["type"] for e in events] == [
        "survey.campaign.opened", "survey.results.updated", "survey.results.updated", "survey.results.updated",
        "survey.campaign.closed", "survey.results.updated"]
    sequences = [e["sequence"] for e in events]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)
    final = events[-1]["data"]
    assert (final["status"], final["respondents"], final["converted_display"], final["mutu"]) == (
        "closed", 2, "75.00", "C")
    assert (final["required_sample"], final["sample_sufficient"]) == (169, False)  # N = 300
