"""An SKM campaign from the operator's desk to the published results, in Chromium: survey and reporting over
HTTP, survey's relay and reporting's consumer on the real RabbitMQ, the citizens on phones.

1. an operator creates and opens a campaign; 2. prints a token sheet (no new tokens on reload, checked by
count); 3. five citizens answer on a phone; 4. a repeat from the same browser is refused; 5. the public
dashboard shows no figure of the open campaign; 6. the operator closes it; 7. the public results page and the
dashboard then show the same IKM.
"""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from services.survey.db.models import InvitationToken
from tests.e2e.browser import PHONE, new_page, screenshot, serious_accessibility_problems, served
from tests.e2e.signin import sign_in_cookie
from tests.support.workers import running, wait_for
from tests.survey.departments import seed_departments

# Five citizens' answers (the label of each unsur's chosen answer), u1..u9.
CITIZENS = [
    ("Sesuai", "Mudah", "Cepat", "Gratis", "Sesuai", "Kompeten", "Sopan dan ramah", "Dikelola dengan baik", "Baik"),
    ("Sangat sesuai", "Sangat mudah", "Cepat", "Gratis", "Sangat sesuai", "Sangat kompeten", "Sangat sopan dan ramah",
     "Dikelola dengan baik", "Sangat baik"),
    ("Sesuai", "Kurang mudah", "Kurang cepat", "Gratis", "Sesuai", "Kompeten", "Sopan dan ramah",
     "Berfungsi kurang maksimal", "Cukup"),
    ("Sesuai", "Mudah", "Cepat", "Murah", "Sesuai", "Kompeten", "Sopan dan ramah", "Dikelola dengan baik", "Baik"),
    ("Kurang sesuai", "Mudah", "Tidak cepat", "Gratis", "Sesuai", "Kompeten", "Sangat sopan dan ramah",
     "Berfungsi kurang maksimal", "Baik"),
]
UNIT = "Puskesmas Rambutan"


@pytest.fixture
def sites(start_service):
    survey = start_service("survey", ratelimit_public="1000/minute")
    reporting = start_service("reporting", ratelimit_public="1000/minute")
    seed_departments(survey.db, "DINKES")  # as personnel's department event would
    with served(survey.app) as survey_url, served(reporting.app) as reporting_url:
        survey.url, reporting.url = survey_url, reporting_url
        yield survey, reporting


def unused_tokens(survey) -> int:
    with survey.db.sessions() as session:
        return session.execute(select(func.count()).select_from(InvitationToken)).scalar_one()


def answer(page, labels) -> None:
    for i, label in enumerate(labels, start=1):
        page.locator(f"#q-u{i}").get_by_label(label, exact=True).check()


def create_campaign(page, base: str, unit: str, mode: str) -> str:
    page.goto(f"{base}/survei/kelola")
    page.get_by_role("link", name="Survei baru", exact=True).click()
    page.get_by_label("Unit layanan").fill(unit)
    page.get_by_label("Triwulan", exact=True).check()
    page.get_by_label("Tahun", exact=True).fill("2026")
    page.get_by_label("Periode ke-").select_option("2")
    page.get_by_label("Jumlah orang yang dilayani").fill("60")
    page.get_by_role("radio", name=re.compile("Dengan token" if mode == "token" else "Terbuka:")).check()
    page.get_by_role("button", name="Buat survei").click()
    page.get_by_text("Survei dibuat sebagai rancangan").wait_for()
    return page.url.rsplit("/", 1)[1]


def dashboard_ikm(page) -> str:
    figure = page.locator(".key-figures li").filter(has_text="Nilai IKM")
    return figure.locator(".kf-value").inner_text().strip()


def test_a_campaign_from_the_operators_desk_to_the_published_results(sites, browser, desktop_page, tokens):
    survey, reporting = sites
    staff = desktop_page
    sign_in_cookie(staff, survey.app, survey.url, "operator", "DINKES", name="Sari Lubis")
    with running(relay=survey.relay(), consumer=reporting.consumer()):
        # 1. The operator creates and opens a campaign.
        campaign_id = create_campaign(staff, survey.url, UNIT, "terbuka")
        assert serious_accessibility_problems(staff) == []
        staff.get_by_role("button", name="Buka survei").click()
        staff.get_by_text("Survei dibuka.").wait_for()
        assert staff.locator("#status-survei").inner_text() == "Dibuka"
        screenshot(staff, "workspace-1-campaign-opened")

        # 2. A token sheet, for the counter's invitation cards: reloading it issues no token.
        token_campaign = create_campaign(staff, survey.url, "Mal Pelayanan Publik", "token")
        staff.get_by_label("Jumlah token baru").fill("12")
        staff.get_by_role("button", name="Buat token dan lembar cetaknya").click()
        staff.get_by_role("heading", name=re.compile("Lembar token")).wait_for()
        assert staff.locator("#jumlah-token").inner_text() == "12" and unused_tokens(survey) == 12
        printed = staff.locator(".slip .token").all_inner_texts()
        staff.reload()
        assert staff.locator(".slip .token").all_inner_texts() == printed and unused_tokens(survey) == 12
        sheet_pdf = staff.pdf(format="A4", print_background=True)
        staff.emulate_media(media="print")
        screenshot(staff, "workspace-2-token-sheet-print")
        staff.emulate_media(media="screen")
        lines = [" ".join(line.split()) for p in PdfReader(io.BytesIO(sheet_pdf)).pages
                 for line in p.extract_text().splitlines()]
        short = survey.url.split("://", 1)[1] + "/survei/token"
        for token in printed:  # each token, and the short address, whole on one printed line
            assert any(token in line for line in lines), token
        assert sum(short in line for line in lines) == len(printed)
        staff.goto(f"{survey.url}/survei/kelola/{token_campaign}")
        assert "Cetak ulang 12 token yang belum dipakai" in staff.content()

        # 3. Five citizens answer on their phones; 4. the fifth tries again from the same browser.
        for i, labels in enumerate(CITIZENS):
            context, phone = new_page(browser, PHONE)
            phone.goto(f"{survey.url}/survei")
            phone.get_by_role("link", name=UNIT).click()
            second_tab = context.new_page() if i == len(CITIZENS) - 1 else None
            if second_tab:
                second_tab.goto(phone.url)  # the same form, still open in another tab
            answer(phone, labels)
            if i == 0:
                screenshot(phone, "workspace-3-citizen-form")
            phone.get_by_role("button", name="Kirim jawaban").click()
            phone.get_by_role("heading", name="Terima kasih!").wait_for()
            if second_tab:
                answer(second_tab, labels)
                second_tab.get_by_role("button", name="Kirim jawaban").click()
                second_tab.get_by_role("heading", name="Anda sudah mengisi survei ini").wait_for()
                assert "tidak dihitung lagi" in second_tab.content()
                screenshot(second_tab, "workspace-4-repeat-refused")
                assert serious_accessibility_problems(second_tab) == []
                phone.goto(f"{survey.url}/survei/{campaign_id}")
                assert phone.get_by_role("heading", name="Anda sudah mengisi survei ini").is_visible()
            context.close()
        staff.goto(f"{survey.url}/survei/kelola/{campaign_id}")
        assert staff.locator("#jumlah-responden").inner_text().startswith("5 dari sampel minimal 52")
        assert staff.locator("#jumlah-ditolak").inner_text() == "1: perangkat yang sama sudah mengisi 1"
        staff.get_by_role("link", name="Lihat hasil sementara").click()
        provisional = staff.locator("#nilai-ikm").inner_text()
        assert "(sementara)" in staff.locator("h1").inner_text() and provisional != "—"
        screenshot(staff, "workspace-3-results-provisional")
        assert serious_accessibility_problems(staff) == []

        # 5. Reporting has the open campaign's figures (staff see them), the public dashboard shows none.
        admin = tokens("admin")
        wait_for(lambda: reporting.client.get("/api/v1/reports/city?period=2026", headers=admin).get_json()
                 ["sections"]["satisfaction"]["n"] == 5, message="the open campaign's snapshot in reporting")
        context, public = new_page(browser, {"width": 1280, "height": 900})
        public.goto(f"{reporting.url}/laporan/kota?periode=2026")
        assert dashboard_ikm(public) == "—" and provisional not in public.content()
        assert "sementara" not in public.content().lower()
        screenshot(public, "workspace-5-public-dashboard-while-open")

        # 6. The operator closes the campaign.
        staff.goto(f"{survey.url}/survei/kelola/{campaign_id}")
        staff.get_by_role("button", name="Tutup survei dan umumkan hasil").click()
        staff.get_by_text("Survei ditutup.").wait_for()
        assert staff.locator("#status-survei").inner_text() == "Ditutup"

        # 7. The public results page and the public dashboard show the same IKM.
        public.goto(f"{survey.url}/survei")
        public.get_by_role("link", name=re.compile(f"Hasil {UNIT}")).click()
        published = public.locator("#nilai-ikm").inner_text()
        assert published == provisional and public.locator("#responden").inner_text() == "5"
        assert "Dinas Dinkes" in public.content()
        assert serious_accessibility_problems(public) == []
        public.emulate_media(media="print")
        screenshot(public, "workspace-7-public-results-print")
        public.emulate_media(media="screen")
        wait_for(lambda: reporting.client.get("/api/v1/reports/city?period=2026").get_json()
                 ["sections"]["satisfaction"]["converted_display"] is not None,
                 message="the closed campaign's snapshot in reporting's public view")
        public.goto(f"{reporting.url}/laporan/kota?periode=2026")
        assert dashboard_ikm(public) == published
        screenshot(public, "workspace-7-public-dashboard-after-close")
        context.close()

