"""The staff pages of improvement plans: BKPSDM turns a recommendation into an action and adopts the plan, the
owning department's operator moves it along with a note and a file; another department sees none of it."""
from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from services.consultation.domain.working_days import local_date
from shared.db import utcnow
from tests.consultation import helpers
from tests.e2e.signin import sign_in_client

REC = {"cakupan": "DINKES", "periode": "2026", "aturan": "pns_training", "angka": "competence.jp.pns.share_at_minimum",
       "nilai": "0.4", "ambang": "0.8", "teks": "Rencanakan pelatihan: baru 40,0 % PNS mencapai 20 JP."}


def staff(svc, role="admin", department=None):
    client = svc.app.test_client()
    sign_in_client(client, role, department)
    return client


def html(response) -> str:
    return response.get_data(as_text=True)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


def test_a_recommendation_becomes_an_action_its_department_finishes(consultation, admin):
    p = helpers.policy(consultation.client, admin, state="under_evaluation")
    bkpsdm = staff(consultation)
    form = bkpsdm.get("/kebijakan/kelola/tindak-lanjut/baru", query_string=REC)
    assert "Rencanakan pelatihan" in html(form) and 'value="DINKES" selected' in html(form)
    deadline = (local_date(utcnow()) + timedelta(days=90)).isoformat()
    made = bkpsdm.post("/kebijakan/kelola/tindak-lanjut/baru", data={
        **REC, "policy_id": p["id"], "description": "Pelatihan 20 JP bagi PNS DINKES", "owner_department": "DINKES",
        "deadline": deadline})
    assert made.status_code == 303
    plan_url = made.headers["Location"]
    assert "Tetapkan rencana" in html(bkpsdm.get(plan_url))
    assert bkpsdm.post(plan_url + "/tetapkan", data={}).status_code == 303

    dinkes = staff(consultation, "operator", "DINKES")
    mine = html(dinkes.get("/kebijakan/kelola/tindak-lanjut"))
    assert "Pelatihan 20 JP bagi PNS DINKES" in mine and "Mulai kerjakan" in mine
    action_id = mine.split('id="aksi-')[1].split('"')[0]
    step = f"/kebijakan/kelola/tindak-lanjut/aksi/{action_id}/langkah"
    assert dinkes.post(step, data={"target": "in_progress"}).status_code == 303
    refused = dinkes.post(step, data={"target": "done", "note": ""})
    assert refused.status_code == 422 and "bukti" in html(refused).lower()
    done = dinkes.post(step, data={"target": "done", "note": "38 PNS selesai 20 JP",
                                   "evidence": (io.BytesIO(_png()), "daftar-hadir.png")},
                       content_type="multipart/form-data")
    assert done.status_code == 303
    page = html(dinkes.get("/kebijakan/kelola/tindak-lanjut"))
    assert "38 PNS selesai 20 JP" in page and "tepat waktu" in page
    file_link = page.split('href="/kebijakan/kelola/tindak-lanjut/aksi/')[1].split('"')[0]
    evidence = dinkes.get("/kebijakan/kelola/tindak-lanjut/aksi/" + file_link)
    assert evidence.status_code == 200 and evidence.mimetype == "image/png"

    dishub = staff(consultation, "operator", "DISHUB")
    assert "Pelatihan 20 JP" not in html(dishub.get("/kebijakan/kelola/tindak-lanjut"))
    assert dishub.post(step, data={"target": "dropped", "reason": "x"}).status_code == 403
    assert dinkes.post("/kebijakan/kelola/tindak-lanjut/baru", data={**REC}).status_code == 403
