"""A response submitted over HTTP reaches the real RabbitMQ as survey.response.submitted and
survey.results.updated, read with plain pika exactly as another city system would; and a department
created in personnel reaches survey over the broker, so that campaigns for it are accepted."""
import hashlib
import json
import time
import uuid
from datetime import datetime

import pika

from tests.support import seed
from tests.support.workers import running, wait_for
from tests.survey.departments import seed_departments

KEYS = ("survey.response.submitted", "survey.results.updated")


def bind_listener(broker_url, exchange):
    """An exclusive queue of our own, bound before the relay publishes anything."""
    connection = pika.BlockingConnection(pika.URLParameters(broker_url))
    channel = connection.channel()
    channel.exchange_declare(exchange, exchange_type="topic", durable=True)
    queue = channel.queue_declare("", exclusive=True).method.queue
    for key in KEYS:
        channel.queue_bind(queue, exchange, routing_key=key)
    return connection, channel, queue


def read_until(channel, queue, done, timeout=15.0):
    messages, deadline = [], time.monotonic() + timeout
    for method, props, body in channel.consume(queue, inactivity_timeout=0.2):
        if method is not None:
            channel.basic_ack(method.delivery_tag)
            messages.append((method, props, body))
            if done(messages):
                break
        if time.monotonic() > deadline:
            break
    channel.cancel()
    return messages


def test_a_response_is_published_with_its_snapshot_and_no_token(start_service, broker_url, tokens):
    svc = start_service("survey")
    seed_departments(svc.db, "DINKES")
    admin, c = tokens("admin"), svc.client
    campaign = c.post("/api/v1/campaigns", json={
        "department_code": "DINKES", "service_unit": "RSUD dr. Kumpulan Pane", "period_type": "yearly",
        "period_year": 2026, "population": 1200, "requires_token": True}, headers=admin).get_json()
    token = c.post(f"/api/v1/campaigns/{campaign['id']}/tokens", json={"count": 1},
                   headers=admin).get_json()["tokens"][0]
    assert c.post(f"/api/v1/campaigns/{campaign['id']}/open", headers=admin).status_code == 200
    connection, channel, queue = bind_listener(broker_url, svc.settings.events_exchange)
    try:
        request_id = str(uuid.uuid4())
        answers = {"u1": 4, "u2": 3, "u3": 3, "u4": 4, "u5": 3, "u6": 4, "u7": 4, "u8": 2, "u9": 3}
        resp = c.post(f"/api/v1/campaigns/{campaign['id']}/responses", headers={"X-Request-ID": request_id},
                      json={"answers": answers, "token": token, "profile": {"gender": "perempuan",
                                                                             "occupation": "wiraswasta"}})
        assert resp.status_code == 201, resp.get_json()
        response_id = resp.get_json()["id"]

        with running(relay=svc.relay()):
            messages = read_until(channel, queue, lambda ms: any(
                json.loads(b)["type"] == "survey.results.updated" and json.loads(b)["data"]["respondents"] == 1
                for _, _, b in ms))
    finally:
        connection.close()

    by_type = {}
    for method, props, body in messages:
        event = json.loads(body)
        assert props.content_type == "application/cloudevents+json"
        assert props.type == event["type"] == method.routing_key
        assert props.message_id == event["id"]
        by_type.setdefault(event["type"], []).append((event, body))
    submitted, raw_submitted = by_type["survey.response.submitted"][0]
    snapshot, raw_snapshot = by_type["survey.results.updated"][-1]

    for event in (submitted, snapshot):
        assert event["specversion"] == "1.0" and uuid.UUID(event["id"])
        assert event["source"] == "/asn/survey"
        assert datetime.fromisoformat(event["time"].replace("Z", "+00:00")).tzinfo is not None
        assert event["datacontenttype"] == "application/json"
        assert event["dataschema"].endswith(f"{event['type']}:1")
        assert isinstance(event["sequence"], int)
        assert event["correlationid"] == request_id
    assert submitted["subject"] == response_id
    assert submitted["data"]["answers"] == answers
    assert submitted["data"]["profile"] == {"gender": "perempuan", "age_group": None, "education": None,
                                            "occupation": "wiraswasta"}
    assert submitted["data"]["campaign_id"] == campaign["id"]

    # 30 / 9 * 25 = 83.333... -> B; N = 1 200 needs 291 respondents.
    assert snapshot["subject"] == campaign["id"]
    data = snapshot["data"]
    assert (data["respondents"], data["converted_display"], data["mutu"], data["kinerja"]) == (1, "83.33", "B", "Baik")
    assert data["weakest_unsur"] == "u8" and data["status"] == "open"
    assert (data["required_sample"], data["sample_sufficient"]) == (291, False)

    secrets = (token, token.replace("-", ""), hashlib.sha256(token.replace("-", "").encode()).hexdigest())
    for raw in (raw_submitted, raw_snapshot):
        assert not any(secret.encode() in raw for secret in secrets)
        assert b"token" not in raw.replace(b"requires_token", b"")


def test_departments_reach_survey_from_personnel_over_the_broker(start_service, tokens):
    personnel, survey = start_service("personnel"), start_service("survey")
    admin = tokens("admin")

    def create_campaign(code):
        return survey.client.post("/api/v1/campaigns", json={
            "department_code": code, "service_unit": f"Loket {code}", "period_type": "yearly", "period_year": 2026},
            headers=admin)

    assert create_campaign("DISDUKCAPIL").status_code == 422
    with running(consumer=survey.consumer(), relay=personnel.relay()):
        seed.department(personnel.client, admin, code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
        seed.department(personnel.client, admin, code="DISPERKIM", name="Dinas Perumahan dan Kawasan Permukiman")
        wait_for(lambda: create_campaign("DISDUKCAPIL").status_code == 201, message="survey to learn DISDUKCAPIL")
        dissolved = personnel.client.patch("/api/v1/departments/DISPERKIM", json={"status": "dissolved"},
                                           headers=admin)
        assert dissolved.status_code == 200, dissolved.get_json()
        wait_for(lambda: "dissolved" in str(create_campaign("DISPERKIM").get_json().get("errors")),
                 message="survey to learn that DISPERKIM was dissolved")
