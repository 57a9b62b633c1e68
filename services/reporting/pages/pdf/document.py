"""Render the evaluation report as a PDF: A4, the city's letterhead on the first page, charts and tables."""
from __future__ import annotations

import io

from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate, Spacer

from services.reporting.pages.pdf import sections
from services.reporting.pages.pdf.letterhead import (
    LETTERHEAD_HEIGHT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    first_page,
    later_pages,
)

WIDTH = PAGE_WIDTH - 2 * MARGIN


def render_pdf(page: dict, who: str | None = None) -> bytes:
    """The PDF bytes of a report page (the same figures and charts as the dashboard, in the same view)."""
    r = page["report"]
    name = r["department_name"] or r["scope"]
    running = f"Laporan Evaluasi Kebijakan ASN · {name} · {page['period_name']} · revisi {r['revision']}"
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), title=f"Laporan Evaluasi Kebijakan ASN — {name}",
                          author="BKPSDM Kota Tebing Tinggi", subject=f"{page['period_name']}, revisi {r['revision']}")
    bottom = 2 * cm
    first_top = PAGE_HEIGHT - 1.5 * cm - LETTERHEAD_HEIGHT + 1 * cm
    doc.addPageTemplates([
        PageTemplate("first", [Frame(MARGIN, bottom, WIDTH, first_top - bottom, id="first")],
                     onPage=first_page(running)),
        PageTemplate("later", [Frame(MARGIN, bottom, WIDTH, PAGE_HEIGHT - 2 * cm - bottom, id="later")],
                     onPage=later_pages(running, f"{name} · {page['period_name']}")),
    ])
    story = [NextPageTemplate("later"), *sections.title_page(page, who, WIDTH), Spacer(1, 6)]
    for part in (sections.satisfaction, sections.competence, sections.responsiveness, sections.consultation,
                 sections.improvement, sections.recommendations):
        story += part(page, WIDTH)
    doc.build(story)
    return buffer.getvalue()
