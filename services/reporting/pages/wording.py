"""How a report's figures read on a page or in the PDF: views, roles, recommendation figures, key figures."""
from __future__ import annotations

from shared.web.auth import Principal
from shared.web.pages import angka, persen, tanggal

VIEWS = {"public": "Tampilan publik: angka atas kelompok kurang dari {min_group} orang disembunyikan.",
         "internal": "Tampilan internal: semua angka, tanpa nama pegawai.",
         "full": "Tampilan lengkap: semua angka, termasuk nama pejabat yang terlambat pelatihan."}
FIGURES = {
    "satisfaction.weakest_unsur.nrr": "NRR unsur terlemah",
    "competence.jp.pns.share_at_minimum": "Bagian PNS yang mencapai minimal JP",
    "responsiveness.complaints.share_overdue": "Bagian pengaduan yang terlambat",
    "competence.leadership.overdue": "Pejabat terlambat pelatihan kepemimpinan",
    "satisfaction.trend.delta": "Perubahan nilai IKM (poin)",
}

# A figure of one item of a list (one policy), named by the end of its path.
LIST_FIGURES = {"coverage": "Cakupan sosialisasi", "unanswered": "Masukan warga belum dijawab"}


def view_text(view: str, min_group: int) -> str:
    return VIEWS[view].format(min_group=min_group)


def who(principal: Principal | None) -> str | None:
    if principal is None:
        return None
    if principal.role == "operator":
        return f"Operator {principal.department}"
    return {"admin": "Admin BKPSDM", "viewer": "Pembaca laporan"}.get(principal.role, principal.role)


def scope_slug(scope: str) -> str:
    """How a scope appears in a page address: 'kota' for the city, else the department code."""
    return "kota" if scope == "CITY" else scope


def figure_value(figure: str, value) -> str:
    if value is None:
        return "—"
    if "share" in figure or "coverage" in figure:
        return persen(value)
    if figure.endswith(("nrr", "delta")):
        return angka(value)
    return angka(value, 0)


def recommendation_figures(rec: dict) -> str:
    """'Bagian PNS yang mencapai minimal JP: 40,0 % (ambang 80,0 %)' for one recommendation."""
    name = FIGURES.get(rec["figure"]) or next((text for part, text in LIST_FIGURES.items() if part in rec["figure"]),
                                              rec["figure"])
    return (f"{name}: {figure_value(rec['figure'], rec['value'])} "
            f"(ambang {figure_value(rec['figure'], rec['threshold'])})")


def ikm_text(satisfaction: dict) -> str:
    """The converted IKM as survey rounded it (half up), written the Indonesian way: 78,25."""
    shown = satisfaction.get("converted_display")
    return shown.replace(".", ",") if shown else angka(satisfaction.get("converted"))


def provisional_text(satisfaction: dict) -> str | None:
    """Why a staff view's IKM is provisional; None when every campaign behind it is closed."""
    units = satisfaction.get("provisional_units")
    if not satisfaction.get("provisional") or not units:
        return None
    return (f"Sementara: {units} unit layanan masih membuka survei. Angkanya belum diumumkan dan tidak tampil "
            "dalam tampilan publik sampai survei ditutup.")


def key_figures(report: dict) -> list[tuple[str, str, str]]:
    """(label, value, note) of the few figures at the top of the dashboard and the PDF."""
    s = report["sections"]
    sat, comp, resp = s["satisfaction"], s["competence"], s["responsiveness"]
    ikm = ikm_text(sat)
    mutu = f"mutu {sat['mutu']} ({sat['kinerja']})" if sat.get("mutu") else f"{sat.get('units', 0)} unit layanan"
    if sat.get("provisional"):
        mutu += " — sementara: survei masih dibuka"
    pns = comp["jp"]["pns"]
    return [
        ("Nilai IKM", ikm, mutu),
        (f"PNS mencapai {pns.get('minimum')} JP", persen(pns.get("share_at_minimum")), f"dari {angka(pns.get('n'), 0)} PNS"),
        ("Kepatuhan pelatihan kepemimpinan", persen(comp["leadership"].get("compliance_share")),
         f"dari {angka(comp['leadership'].get('n'), 0)} pejabat"),
        ("Pengaduan terlambat", persen(resp["complaints"].get("share_overdue")),
         f"dari {angka(resp['complaints'].get('n'), 0)} pengaduan"),
        ("Laporan masyarakat", angka(resp.get("n"), 0), f"{angka(resp['open'].get('n'), 0)} masih terbuka"),
    ]


def _figure_name(figure: str) -> str:
    return FIGURES.get(figure) or next((text for part, text in LIST_FIGURES.items() if part in figure), figure)


def improvement_figures(action: dict) -> str:
    """'Bagian PNS yang mencapai minimal JP: 40,0 % → 90,0 % (ambang 80,0 %), kesenjangan tertutup'."""
    if not action.get("figure"):
        return "Ditambahkan tanpa rekomendasi: tidak ada angka pemicu."
    figure = action["figure"]
    now = (figure_value(figure, action["value_now"]) if action["value_now"] is not None
           else "belum terukur pada laporan ini")
    gap = {True: "kesenjangan tertutup", False: "kesenjangan belum tertutup", None: ""}[action["gap_closed"]]
    return (f"{_figure_name(figure)}: {figure_value(figure, action['value_then'])} → {now} "
            f"(ambang {figure_value(figure, action['threshold'])}){', ' + gap if gap else ''}")


def repeated_text(rec: dict) -> str | None:
    """What a recommendation an open action already works on says instead of appearing as new."""
    follow = rec.get("follow_up")
    if not rec.get("repeated") or not follow:
        return None
    state = {"planned": "direncanakan", "in_progress": "sedang dikerjakan"}.get(follow["state"], follow["state"])
    return (f"Berulang: sudah ditindaklanjuti dalam rencana {follow['policy_code']} ({follow['period']}), "
            f"“{follow['description']}” oleh {follow['owner_department']}, {state}, tenggat {tanggal(follow['deadline'])}.")


def follow_up_query(rec: dict, report: dict) -> dict:
    """The recommendation's figures for consultation's form "Jadikan tindak lanjut" (page address parameters)."""
    return {"cakupan": report["scope"], "periode": report["period"], "aturan": rec["rule"], "angka": rec["figure"],
            "subjek": rec.get("subject") or "", "nilai": rec["value"], "ambang": rec["threshold"],
            "teks": rec["text"]}
