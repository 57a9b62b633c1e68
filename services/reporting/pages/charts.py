"""The charts of the evaluation report, described once: the dashboard draws them with Chart.js, the PDF with
reportlab, and both show the same numbers in a table beside each chart.

A chart here is plain data (labels, series, axis, grade bands), never drawing code. A figure that
a public view suppresses stays None: the chart leaves a gap and the table says it is hidden.
"""
from __future__ import annotations

from services.reporting.pages.periods import period_name

# The SKM grade bands on the converted scale (PermenPANRB 14/2017): lowest value, mutu, kinerja unit.
# Survey grades every unit itself; these are only drawn behind the figures so a reader sees the bands.
GRADE_BANDS = ((25.0, "D", "Tidak baik"), (65.0, "C", "Kurang baik"), (76.61, "B", "Baik"),
               (88.31, "A", "Sangat baik"))
BAND_COLORS = {"D": "#f6d5d9", "C": "#fbe7c6", "B": "#dcebf7", "A": "#d7efdc"}
BLUE, GREEN, RED, AMBER, GREY = "#0b4f8a", "#1d6b2f", "#a4001d", "#8a5a00", "#6b6b6b"


def grade_bands(scale: float = 1.0) -> list[dict]:
    """The bands on the converted scale (25-100), or on the NRR scale (1-4) with scale=25."""
    edges = [low for low, _, _ in GRADE_BANDS] + [100.0]
    return [{"from": round(edges[i] / scale, 4), "to": round(edges[i + 1] / scale, 4), "grade": mutu,
             "label": f"{mutu} ({kinerja})", "color": BAND_COLORS[mutu]}
            for i, (_, mutu, kinerja) in enumerate(GRADE_BANDS)]


def chart(chart_id: str, title: str, kind: str, labels: list[str], series: list[dict], *, unit: str = "",
          horizontal: bool = False, stacked: bool = False, axis: dict | None = None, percent: bool = False,
          bands: list[dict] | None = None, digits: int = 0, empty: str | None = None,
          hidden: bool | None = None, zero_is_empty: bool = False) -> dict:
    """A chart's description. `hidden`: whether a missing figure was suppressed (by default any missing one
    was); `zero_is_empty`: all zeros mean there is nothing to draw (nobody to count), not a real 0 %."""
    values = [v for s in series for v in s["data"]]
    shown = [v for v in values if v is not None]
    has_data = bool(shown) and not (zero_is_empty and not any(shown))
    suppressed = hidden if hidden is not None else any(v is None for v in values)
    return {"id": chart_id, "title": title, "kind": kind, "labels": labels, "series": series, "unit": unit,
            "horizontal": horizontal, "stacked": stacked, "axis": axis or {}, "percent": percent,
            "bands": bands or [], "digits": digits, "has_data": has_data,
            # what a reader is told where a figure is missing: some hidden, all hidden, or no data at all
            "partly_hidden": has_data and suppressed, "all_hidden": not shown and suppressed,
            "empty": empty or "Belum ada data untuk periode ini.", "summary": summary(title, labels, series, digits)}


def summary(title: str, labels: list[str], series: list[dict], digits: int) -> str:
    """The chart in words, for screen readers (the canvas's accessible name)."""
    def value(v):
        return "disembunyikan" if v is None else f"{v:.{digits}f}".replace(".", ",")
    parts = [f"{label}: " + ", ".join(f"{s['label']} {value(s['data'][i])}" for s in series)
             for i, label in enumerate(labels)]
    return f"{title}. " + ("; ".join(parts) if parts else "Belum ada data.")


def _share_pct(share):
    return None if share is None else round(share * 100, 1)


def ikm_per_unsur(satisfaction: dict) -> dict:
    rows = satisfaction.get("nrr") or []
    note = " (sementara)" if satisfaction.get("provisional") else ""
    return chart("ikm-unsur", f"IKM per unsur: nilai rata-rata (NRR, skala 1–4) dan batas mutu{note}", "bar",
                 [r["label"] for r in rows], [{"label": "NRR", "data": [r["nrr"] for r in rows], "color": BLUE}],
                 horizontal=True, axis={"min": 1, "max": 4}, bands=grade_bands(25), digits=2,
                 empty="Belum ada hasil survei kepuasan masyarakat untuk periode ini.")


def ikm_trend(points: list[dict]) -> dict:
    return chart("ikm-trend", "Tren nilai IKM (konversi 25–100)", "line",
                 [period_name(p["period"]) + (" (sementara)" if p.get("provisional") else "") for p in points],
                 [{"label": "IKM", "data": [p["converted"] for p in points], "color": BLUE}],
                 axis={"min": 25, "max": 100, "step": 15}, bands=grade_bands(), digits=2,
                 empty="Belum ada hasil survei untuk periode-periode ini.",
                 hidden=any(p.get("suppressed") for p in points))  # a period without a survey is no secret


def jp_by_department(rows: list[dict], minimum: int) -> dict:
    return chart("jp-departments", f"PNS yang mencapai {minimum} JP per perangkat daerah", "bar",
                 [r["name"] for r in rows],
                 [{"label": f"PNS mencapai {minimum} JP (%)", "data": [_share_pct(r["share"]) for r in rows],
                   "color": BLUE}],
                 horizontal=True, axis={"min": 0, "max": 100}, percent=True, digits=1,
                 empty="Belum ada data PNS untuk periode ini.")


def leadership(section: dict) -> dict:
    rows = section.get("by_position") or []

    def waiting(r):
        known = (r["n"], r["with_training"], r["overdue"])
        return None if None in known else r["n"] - r["with_training"] - r["overdue"]

    return chart("leadership", "Kepatuhan pelatihan kepemimpinan per jenis jabatan", "bar",
                 [r["label"] for r in rows], [
                     {"label": "Sudah mengikuti", "data": [r["with_training"] for r in rows], "color": GREEN},
                     {"label": "Belum, masih dalam batas waktu", "data": [waiting(r) for r in rows], "color": GREY},
                     {"label": "Terlambat", "data": [r["overdue"] for r in rows], "color": RED}],
                 horizontal=True, stacked=True, unit="orang", zero_is_empty=True,
                 empty="Tidak ada pejabat yang wajib mengikuti pelatihan kepemimpinan.")


def response_deadlines(section: dict) -> dict:
    stages = [(section.get("forward_deadline") or {}, "Verifikasi dan diteruskan"),
              (section.get("follow_up_deadline") or {}, "Tindak lanjut OPD")]

    def late(stage):
        return None if stage.get("n") is None or stage.get("met") is None else stage["n"] - stage["met"]

    return chart("response-deadlines", "Waktu tanggapan laporan masyarakat terhadap batas waktu", "bar",
                 [f"{name} (batas {stage.get('days')} hari kerja)" for stage, name in stages], [
                     {"label": "Tepat waktu", "data": [stage.get("met") for stage, _ in stages], "color": GREEN},
                     {"label": "Terlambat", "data": [late(stage) for stage, _ in stages], "color": RED}],
                 horizontal=True, stacked=True, unit="laporan", zero_is_empty=True,
                 empty="Belum ada laporan yang melewati tahap ini dalam periode ini.")


def category_label(key: str) -> str:
    # Reporting receives category keys only; consultation owns their labels.
    return key.replace("_", " ").capitalize()


def feedback_by_category(section: dict) -> dict:
    rows = section.get("by_category") or []
    return chart("feedback-category", "Laporan masyarakat per kategori", "bar",
                 [category_label(r["key"]) for r in rows],
                 [{"label": "Jumlah laporan", "data": [r["n"] for r in rows], "color": AMBER}],
                 horizontal=True, unit="laporan", empty="Belum ada laporan masyarakat dalam periode ini.")


def report_charts(report: dict, trend: list[dict], departments: list[dict], minimum: int) -> dict[str, list[dict]]:
    """Every chart of the report, by section."""
    s = report["sections"]
    return {
        "satisfaction": [ikm_per_unsur(s["satisfaction"]), ikm_trend(trend)],
        "competence": [jp_by_department(departments, minimum), leadership(s["competence"]["leadership"])],
        "responsiveness": [response_deadlines(s["responsiveness"]), feedback_by_category(s["responsiveness"])],
    }
