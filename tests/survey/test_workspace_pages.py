"""The staff workspace through the Flask client: campaigns of one's department, the campaign form, opening and
closing, token batches that print again without issuing, the results page and its downloads."""
from __future__ import annotations

import io
import re

import openpyxl
import pytest
from sqlalchemy import func, select

from services.survey.db.models import InvitationToken
from tests.support.signin import sign_in_client
from tests.survey.conftest import DEPT, OTHER_DEPT, answers_of, uniform

TOKEN = re.compile(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}")


@pytest.fixture
def staff(survey):
    """A browser of its own, signed in as a staff member (the module's shared client stays public)."""

    def _sign_in(role: str = "operator", department: str | None = DEPT):
        client = survey.app.test_client()
        sign_in_client(client, role, department if role == "operator" else None)
        return client

    return _sign_in


def unused(survey, campaign_id: str) -> int:
    with survey.db.sessions() as session:
        return session.execute(select(func.count()).select_from(InvitationToken)
                               .where(InvitationToken.campaign_id == campaign_id)).scalar_one()


def new_campaign_form(**fields) -> dict:
    return {"service_unit": "Loket KTP Kecamatan Padang Hulu", "period_type": "quarterly", "period_year": "2026",
            "period_index": "3", "population": "220", "mode": "terbuka", "q1_text": "Layanan apa yang Anda urus?",
            "q1_type": "choice", "q1_choices": "KTP\nKK\nAkta", "q1_required": "1", **fields}


def test_the_workspace_is_for_staff_and_an_operator_sees_only_their_department(survey, make_campaign, staff, submit):
    own = make_campaign(service_unit="Puskesmas Satria")
    submit(own["id"], uniform(4))
    other = make_campaign(department_code=OTHER_DEPT, service_unit="Bidang Aplikasi Informatika")
    assert survey.client.get("/survei/kelola").status_code == 401
    page = staff("operator").get("/survei/kelola").get_data(as_text=True)
    assert "Puskesmas Satria" in page and "Bidang Aplikasi Informatika" not in page
    row = page[page.index("Puskesmas Satria"):].split("</tr>")[0]
    assert "100,00 (A)" in row and "sementara" in row and "1 / 169" in row  # N=300 needs 169
    city = staff("admin").get("/survei/kelola?status=open").get_data(as_text=True)
    assert "Puskesmas Satria" in city and other["service_unit"] in city
    assert staff("operator").get(f"/survei/kelola/{other['id']}").status_code == 403


def test_an_operator_creates_a_campaign_through_the_form_and_opens_it(survey, staff):
    operator = staff("operator")
    created = operator.post("/survei/kelola/baru", data=new_campaign_form())
    assert created.status_code == 303
    page = operator.get(created.headers["Location"]).get_data(as_text=True)
    assert "Survei dibuat sebagai rancangan" in page and "Triwulan III 2026" in page and "Rancangan" in page
    campaign_id = created.headers["Location"].rsplit("/", 1)[1]
    campaign = survey.client.get(f"/api/v1/campaigns/{campaign_id}", headers={}).status_code
    assert campaign == 404  # a draft is nobody's business but its staff's
    opened = operator.post(f"/survei/kelola/{campaign_id}/buka", data={})
    assert opened.status_code == 303
    page = operator.get(opened.headers["Location"]).get_data(as_text=True)
    assert "Survei dibuka" in page and 'id="status-survei">Dibuka' in page
    form = survey.client.get(f"/survei/{campaign_id}").get_data(as_text=True)
    assert "Layanan apa yang Anda urus?" in form and "> Akta</label>" in form


def test_a_wrong_form_says_what_to_fix_beside_each_field(survey, staff, make_campaign):
    operator = staff("operator")
    page = operator.post("/survei/kelola/baru", data=new_campaign_form(service_unit="", period_year="20x6",
                                                                      population="-5"))
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'id="service_unit-error"' in html and "Isi nama unit layanan" in html
    assert 'id="period_year-error"' in html and 'id="population-error"' in html
    assert 'value="Layanan apa yang Anda urus?"' in html  # what was typed is kept
    one_choice = operator.post("/survei/kelola/baru", data=new_campaign_form(q1_choices="Satu"))
    assert one_choice.status_code == 422
    assert 'id="q1-error"' in one_choice.get_data(as_text=True) and "paling sedikit 2 pilihan" in one_choice.get_data(
        as_text=True)
    existing = make_campaign(status="draft", service_unit="Puskesmas Bandar Sakti", period_index=2)
    twice = operator.post("/survei/kelola/baru", data=new_campaign_form(
        service_unit=existing["service_unit"], period_index="2", period_year="2026"))
    assert twice.status_code == 409 and "sudah memiliki survei untuk Triwulan II 2026" in twice.get_data(as_text=True)


def test_forms_need_their_csrf_token_and_this_site_as_origin(survey, staff, make_campaign):
    operator = staff("operator")
    campaign = make_campaign(status="draft")
    assert operator.post(f"/survei/kelola/{campaign['id']}/buka", data={}, csrf=False).status_code == 400
    forged = operator.post(f"/survei/kelola/{campaign['id']}/buka", data={}, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    assert staff("viewer").post(f"/survei/kelola/{campaign['id']}/buka", data={}).status_code == 403
    assert survey.client.get(f"/api/v1/campaigns/{campaign['id']}", headers={}).status_code == 404  # still a draft


def test_an_open_campaign_changes_only_its_population_and_closes(survey, staff, make_campaign):
    operator = staff("operator")
    campaign = make_campaign()
    form = operator.get(f"/survei/kelola/{campaign['id']}/ubah").get_data(as_text=True)
    assert 'name="service_unit"' not in form and 'name="population"' in form
    assert operator.post(f"/survei/kelola/{campaign['id']}/ubah", data={"population": "1200"}).status_code == 303
    assert "sampel minimal 291" in operator.get(f"/survei/kelola/{campaign['id']}").get_data(as_text=True)
    closed = operator.post(f"/survei/kelola/{campaign['id']}/tutup", data={})
    assert "Survei ditutup" in operator.get(closed.headers["Location"]).get_data(as_text=True)
    again = operator.post(f"/survei/kelola/{campaign['id']}/tutup", data={})
    assert again.status_code == 409


def test_tokens_are_issued_only_by_the_action_and_a_sheet_prints_again_the_unused_ones(survey, staff, make_campaign):
    operator = staff("operator")
    campaign = make_campaign(requires_token=True)
    assert operator.get(f"/survei/kelola/{campaign['id']}").status_code == 200
    assert unused(survey, campaign["id"]) == 0  # viewing the campaign issues nothing
    issued = operator.post(f"/survei/kelola/{campaign['id']}/token", data={"count": "4"})
    assert issued.status_code == 303 and unused(survey, campaign["id"]) == 4
    first = operator.get(issued.headers["Location"])
    again = operator.get(issued.headers["Location"])
    assert first.headers["Cache-Control"] == "no-store"
    tokens = TOKEN.findall(first.get_data(as_text=True))
    assert len(set(tokens)) == 4 and TOKEN.findall(again.get_data(as_text=True)) == tokens
    assert unused(survey, campaign["id"]) == 4  # reloading the sheet issued nothing
    used = tokens[1]
    assert survey.client.post(f"/survei/{campaign['id']}", data={**{k: "3" for k in uniform(3)},
                                                                "token": used}).status_code == 303
    reprint = TOKEN.findall(operator.get(issued.headers["Location"]).get_data(as_text=True))
    assert used not in reprint and len(set(reprint)) == 3
    listing = operator.get(f"/survei/kelola/{campaign['id']}").get_data(as_text=True)
    assert "Cetak ulang 3 token yang belum dipakai" in listing
    assert staff("viewer").get(issued.headers["Location"]).status_code == 403
    assert staff("operator", OTHER_DEPT).get(issued.headers["Location"]).status_code == 403
    too_many = operator.post(f"/survei/kelola/{campaign['id']}/token", data={"count": "999"})
    assert too_many.status_code == 422 and "1 sampai 200" in too_many.get_data(as_text=True)


def test_a_token_card_short_address_finds_the_survey(survey, staff, make_campaign):
    campaign = make_campaign(requires_token=True)
    sheet = staff("admin").post(f"/survei/kelola/{campaign['id']}/token", data={"count": "1"})
    token = TOKEN.findall(staff("admin").get(sheet.headers["Location"]).get_data(as_text=True))[0]
    found = survey.client.post("/survei/token", data={"token": token.lower().replace("-", " ")})
    assert found.status_code == 303
    assert found.headers["Location"].endswith(f"/survei/{campaign['id']}#token={token}")
    wrong = survey.client.post("/survei/token", data={"token": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 422 and "Token tidak valid atau sudah digunakan." in wrong.get_data(as_text=True)


def test_the_results_page_labels_an_open_campaign_provisional_and_hides_small_groups(survey, staff, make_campaign,
                                                                                       submit, admin):
    earlier = make_campaign(service_unit="Puskesmas Tebing Tinggi", period_index=1)
    for _ in range(5):
        submit(earlier["id"], uniform(3))
    survey.client.post(f"/api/v1/campaigns/{earlier['id']}/close", headers=admin)
    campaign = make_campaign(service_unit="Puskesmas Tebing Tinggi", period_index=2)
    for i in range(6):
        submit(campaign["id"], answers_of(4, 3, 3, 4, 3, 4, 4, 2, 3), profile={"gender": "perempuan" if i else "laki_laki"},
               suggestion="Bagus;=1+1" if i == 0 else f"Antrean nomor {i} lebih tertib")
    page = staff("operator").get(f"/survei/kelola/{campaign['id']}/hasil").get_data(as_text=True)
    assert "(sementara)" in page and "belum diumumkan kepada publik" in page
    assert 'id="nilai-ikm">83,33' in page and 'id="mutu">B' in page and 'id="responden">6' in page
    assert '<th scope="row">Perempuan</th><td class="num">5</td>' in page
    assert '<th scope="row">Laki-laki</th><td class="num">—</td>' in page  # one person: hidden
    assert "Antrean nomor 5 lebih tertib" in page and "Bagus;=1+1" in page  # the operator reads suggestions
    assert '<svg class="chart-svg"' in page and "Tren IKM: Triwulan I 2026 75,00; Triwulan II 2026 83,33 sementara" in page
    viewer = staff("viewer").get(f"/survei/kelola/{campaign['id']}/hasil").get_data(as_text=True)
    assert "Antrean nomor" not in viewer and "Saran hanya dapat dibaca" in viewer


def test_downloads_neutralise_formulas_and_give_suggestions_to_the_departments_operator(survey, staff, make_campaign,
                                                                                        submit):
    campaign = make_campaign()
    submit(campaign["id"], uniform(4), suggestion="Bagus;=1+1")
    submit(campaign["id"], uniform(3), suggestion="=HYPERLINK(\"http://x\",\"klik\")")
    operator = staff("operator")
    text = operator.get(f"/survei/kelola/{campaign['id']}/unduh/jawaban.csv").data.decode("utf-8-sig")
    assert "Bagus;'=1+1" in text and "'=HYPERLINK" in text
    book = openpyxl.load_workbook(io.BytesIO(operator.get(f"/survei/kelola/{campaign['id']}/unduh/skm.xlsx").data))
    assert book.sheetnames == ["Hasil", "Jawaban"]
    cells = [c for row in book["Jawaban"].iter_rows() for c in row]
    assert {c.value for c in cells} >= {"Bagus;'=1+1"} and not any(c.data_type == "f" for c in cells)
    viewer = staff("viewer")
    assert openpyxl.load_workbook(io.BytesIO(viewer.get(
        f"/survei/kelola/{campaign['id']}/unduh/skm.xlsx").data)).sheetnames == ["Hasil"]
    assert viewer.get(f"/survei/kelola/{campaign['id']}/unduh/jawaban.csv").status_code == 403
    assert staff("operator", OTHER_DEPT).get(f"/survei/kelola/{campaign['id']}/unduh/skm.xlsx").status_code == 403
    results = viewer.get(f"/survei/kelola/{campaign['id']}/unduh/hasil.csv").data.decode("utf-8-sig")
    assert "index,converted_display,,87.50" in results


def test_the_public_list_names_the_department_and_links_results_once_closed(survey, make_campaign, submit, admin):
    running = make_campaign(service_unit="Layanan Vaksinasi")
    done = make_campaign(service_unit="Puskesmas Pabatu", period_index=4)
    for score in (4, 4, 3, 3, 2):
        submit(done["id"], uniform(score))
    survey.client.post(f"/api/v1/campaigns/{done['id']}/close", headers=admin)
    page = survey.client.get("/survei").get_data(as_text=True)
    assert "Layanan Vaksinasi</a>" in page and "— Dinas Dinkes · Triwulan I 2026" in page
    assert f"/survei/{running['id']}/hasil" not in page
    assert f'href="/survei/{done["id"]}/hasil">Hasil Puskesmas Pabatu — Triwulan IV 2026</a>' in page
    hidden = survey.client.get(f"/survei/{running['id']}/hasil")
    assert hidden.status_code == 403 and "diumumkan setelah survei ditutup" in hidden.get_data(as_text=True)
    published = survey.client.get(f"/survei/{done['id']}/hasil").get_data(as_text=True)
    api = survey.client.get(f"/api/v1/campaigns/{done['id']}/results").get_json()
    assert f'id="nilai-ikm">{api["converted_display"].replace(".", ",")}' in published
    assert 'id="mutu">B' in published and 'id="responden">5' in published and "Dinas Dinkes" in published
    assert "Kompetensi Pelaksana" in published and "88,31 – 100,00" in published  # NRR per unsur, grade table
    assert "2,6000 – 3,0640" in published and "65,00 – 76,60" in published and "1,0000 – 2,5996" in published
