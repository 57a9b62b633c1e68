"""The building blocks of the PDF: paragraph styles, tables, and a chart with its data table."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from services.reporting.pages.pdf.drawings import chart_drawing
from shared.web.pages import angka

_base = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_base["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, textColor=colors.HexColor("#444444"))
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10.5)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Helvetica-Bold", fontSize=12, leading=15,
                         spaceBefore=10, spaceAfter=4)
CAPTION = ParagraphStyle("caption", parent=BODY, fontName="Helvetica-Bold", fontSize=9.5, spaceBefore=6)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=13, leading=17, alignment=TA_CENTER)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=11, leading=14, alignment=TA_CENTER)
GRID = colors.HexColor("#9aa5b1")


def para(text, style=BODY) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def table(rows: list[list], widths: list[float], header: bool = True, numeric_from: int = 1) -> Table:
    """A table of text cells (wrapped), with a shaded header row and numbers aligned right."""
    cells = [[c if not isinstance(c, str) else para(c, CELL) for c in row] for row in rows]
    t = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e9ef")))
    t.setStyle(TableStyle(style))
    return t


def facts(pairs: list[tuple[str, str]], width: float) -> Table:
    return table([[label, value] for label, value in pairs], [width * 0.3, width * 0.7], header=False)


def chart_block(spec: dict, width: float, view: str, min_group: int) -> list:
    """The chart's title, its drawing (or why there is none), and its numbers as a table."""
    parts = [para(spec["title"], CAPTION)]
    if spec["has_data"]:
        parts.append(chart_drawing(spec, width))
        if spec["partly_hidden"] and view == "public":
            parts.append(para(f"Sebagian angka disembunyikan untuk umum karena dihitung dari kurang dari "
                              f"{min_group} orang.", SMALL))
    elif spec["all_hidden"] and view == "public":
        parts.append(para(f"Angka disembunyikan untuk umum karena dihitung dari kurang dari {min_group} orang.",
                          SMALL))
    else:
        parts.append(para(spec["empty"], SMALL))
    if spec["labels"]:
        head = ["Kategori", *[s["label"] for s in spec["series"]]]
        rows = [[label, *[angka(s["data"][i], spec["digits"]) for s in spec["series"]]]
                for i, label in enumerate(spec["labels"])]
        first = width * (0.5 if len(spec["series"]) < 3 else 0.4)
        rest = (width - first) / len(spec["series"])
        parts += [Spacer(1, 3), table([head, *rows], [first] + [rest] * len(spec["series"]))]
    return [KeepTogether(parts[:2]), *parts[2:], Spacer(1, 6)]
