"""The letterhead (kop surat) on the first page, and the running header and footer on every page."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2 * cm
LETTERHEAD_HEIGHT = 3.6 * cm  # what the first page's frame leaves free at the top
GOVERNMENT = "PEMERINTAH KOTA TEBING TINGGI"
AGENCY = "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"
PLACE = "Kota Tebing Tinggi, Provinsi Sumatera Utara"


def _footer(canvas, doc, running: str) -> None:
    canvas.setFont("Helvetica", 8)
    canvas.setFillGray(0.25)
    canvas.drawString(MARGIN, 1.2 * cm, running)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 1.2 * cm, f"Halaman {doc.page}")


def first_page(running: str):
    """Draw the kop surat: the government, the agency, the place, and the double rule under them."""

    def draw(canvas, doc):
        canvas.saveState()
        middle, top = PAGE_WIDTH / 2, PAGE_HEIGHT - 1.5 * cm
        canvas.setFont("Helvetica-Bold", 15)
        canvas.drawCentredString(middle, top - 10, GOVERNMENT)
        canvas.setFont("Helvetica-Bold", 11.5)
        canvas.drawCentredString(middle, top - 28, AGENCY)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(middle, top - 42, PLACE)
        rule = top - 52
        canvas.setLineWidth(2.2)
        canvas.line(MARGIN, rule, PAGE_WIDTH - MARGIN, rule)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, rule - 3.5, PAGE_WIDTH - MARGIN, rule - 3.5)
        _footer(canvas, doc, running)
        canvas.restoreState()

    return draw


def later_pages(running: str, heading: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 8.5)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 1.3 * cm, GOVERNMENT)
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 1.3 * cm, heading)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, PAGE_HEIGHT - 1.45 * cm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 1.45 * cm)
        _footer(canvas, doc, running)
        canvas.restoreState()

    return draw
