"""The results pages' charts, drawn on the server as SVG: NRR per unsur against the grade bands, and the trend.

Server-side SVG rather than a copy of the dashboard's Chart.js: the results pages are meant to be
printed and filed (PermenPANRB 14/2017 asks units to publish them), and SVG prints sharp with no
script, draws the same with JavaScript off, costs nothing at page load, and leaves survey with no
vendored library to keep in step with reporting's. Every chart has a table of the same figures
beside it, and its text alternative.
"""
from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from services.survey.domain.ikm import GRADES
from services.survey.domain.unsur import MAX_SCORE, MIN_SCORE

WIDTH = 640
BAND_COLORS = {"D": "#f6d5d9", "C": "#fbe7c6", "B": "#dcebf7", "A": "#d7efdc"}
INK, BRAND, MUTED = "#1b1b1b", "#0b4f8a", "#4a4a4a"


def bands(scale: Decimal = Decimal(1)) -> list[tuple[float, float, str, str]]:
    """(from, to, mutu, kinerja) of each grade band, lowest first, on the converted scale or divided by `scale`."""
    floors = sorted(GRADES)
    edges = [float(low / scale) for low, _, _ in floors] + [float(Decimal(100) / scale)]
    return [(edges[i], edges[i + 1], mutu, kinerja) for i, (_, mutu, kinerja) in enumerate(floors)]


def grade_table() -> list[dict]:
    """The grade table as PermenPANRB 14/2017 prints it, best grade first: each band's converted interval
    (65,00-76,60) and the NRR interval it divides back to (2,60-3,064)."""
    cent = Decimal("0.01")
    rows, ceiling = [], Decimal(100)
    for floor, mutu, kinerja in GRADES:  # best band first
        rows.append({"mutu": mutu, "kinerja": kinerja, "converted_from": float(floor), "converted_to": float(ceiling),
                     "nrr_from": float(floor / 25), "nrr_to": float(ceiling / 25)})
        ceiling = floor - cent
    return rows


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def short_label(period_label: str) -> str:
    """Triwulan III 2026 -> Tw III 2026: eight periods side by side must fit under the axis."""
    return period_label.replace("Triwulan", "Tw").replace("Semester", "Smt")


def _svg(height: int, label: str, body: list[str]) -> Markup:
    return Markup(f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
                  f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
                  f'font-family="system-ui, sans-serif" font-size="13">' + "".join(body) + "</svg>")


def nrr_bars(rows: list[dict]) -> Markup | None:
    """Horizontal bars of the NRR per unsur (1-4) over the mutu bands; None when there are no figures."""
    shown = [r for r in rows if r.get("nrr") is not None]
    if not shown:
        return None
    left, right, row_height, top = 8, WIDTH - 48, 40, 22
    height = top + row_height * len(shown) + 24
    x = lambda v: left + (v - MIN_SCORE) / (MAX_SCORE - MIN_SCORE) * (right - left)  # noqa: E731
    body = []
    for low, high, mutu, _ in bands(Decimal(25)):
        body.append(f'<rect x="{x(max(low, MIN_SCORE)):.1f}" y="{top}" width="{x(high) - x(max(low, MIN_SCORE)):.1f}" '
                    f'height="{row_height * len(shown)}" fill="{BAND_COLORS[mutu]}"/>')
        body.append(f'<text x="{(x(max(low, MIN_SCORE)) + x(high)) / 2:.1f}" y="14" text-anchor="middle" '
                    f'fill="{MUTED}">{mutu}</text>')
    for i, row in enumerate(shown):
        y = top + i * row_height
        body.append(f'<text x="{left + 4}" y="{y + 14}" fill="{INK}">{escape(row["name"])}</text>')
        body.append(f'<rect x="{left}" y="{y + 19}" width="{x(row["nrr"]) - left:.1f}" height="14" fill="{BRAND}"/>')
        body.append(f'<text x="{x(row["nrr"]) + 4:.1f}" y="{y + 31}" fill="{INK}" font-weight="700">'
                    f'{_number(row["nrr"])}</text>')
    for tick in range(MIN_SCORE, MAX_SCORE + 1):
        body.append(f'<text x="{x(tick):.1f}" y="{height - 6}" text-anchor="middle" fill="{MUTED}">{tick}</text>')
    label = "NRR per unsur: " + "; ".join(f"{r['name']} {_number(r['nrr'])}" for r in shown)
    return _svg(height, label, body)


def trend_line(points: list[dict]) -> Markup | None:
    """The converted IKM (25-100) of a unit's campaigns over its periods; a provisional point is drawn hollow."""
    shown = [p for p in points if p.get("converted") is not None]
    if not shown:
        return None
    left, right, top, bottom = 40, WIDTH - 24, 12, 200
    height = bottom + 44
    step = (right - left) / max(len(shown) - 1, 1)
    x = lambda i: left + (i * step if len(shown) > 1 else (right - left) / 2)  # noqa: E731
    y = lambda v: bottom - (v - 25) / 75 * (bottom - top)  # noqa: E731
    body = [f'<rect x="{left}" y="{y(high):.1f}" width="{right - left}" height="{y(low) - y(high):.1f}" '
            f'fill="{BAND_COLORS[mutu]}"/>' for low, high, mutu, _ in bands()]
    body += [f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="{MUTED}">{v}</text>'
             for v in (25, 50, 75, 100)]
    path = " ".join(f"{x(i):.1f},{y(p['converted']):.1f}" for i, p in enumerate(shown))
    body.append(f'<polyline points="{path}" fill="none" stroke="{BRAND}" stroke-width="2.5"/>')
    for i, p in enumerate(shown):
        fill = "#ffffff" if p.get("provisional") else BRAND
        body.append(f'<circle cx="{x(i):.1f}" cy="{y(p["converted"]):.1f}" r="5" fill="{fill}" '
                    f'stroke="{BRAND}" stroke-width="2.5"/>')
        body.append(f'<text x="{x(i):.1f}" y="{y(p["converted"]) - 10:.1f}" text-anchor="middle" fill="{INK}" '
                    f'font-weight="700">{_number(p["converted"])}</text>')
        body.append(f'<text x="{x(i):.1f}" y="{bottom + 20}" text-anchor="middle" fill="{MUTED}" '
                    f'font-size="11">{escape(short_label(p["period_label"]))}</text>')
        if p.get("provisional"):
            body.append(f'<text x="{x(i):.1f}" y="{bottom + 36}" text-anchor="middle" fill="{MUTED}" '
                        f'font-size="11" font-style="italic">sementara</text>')
    label = "Tren IKM: " + "; ".join(f"{p['period_label']} {_number(p['converted'])}"
                                     + (" sementara" if p.get("provisional") else "") for p in shown)
    return _svg(height, label, body)
