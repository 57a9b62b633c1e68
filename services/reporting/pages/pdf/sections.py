"""The PDF's pages in reading order: title and facts, summary, the four sections, recommendations."""
from __future__ import annotations

from datetime import datetime

from reportlab.platypus import ListFlowable, ListItem, Spacer

from services.reporting.pages import wording
from services.reporting.pages.pdf.blocks import (
    BODY,
    HEADING,
    SMALL,
    SUBTITLE,
    TITLE,
    chart_block,
    facts,
    para,
    table,
)
from shared.web.pages import WIB, angka, persen, tanggal


def title_page(page: dict, who: str | None, width: float) -> list:
    r = page["report"]
    printed = tanggal(datetime.now(WIB)) + (f" oleh {who}" if who else "")
    return [
        para("LAPORAN EVALUASI KEBIJAKAN APARATUR SIPIL NEGARA", TITLE),
        para(r["department_name"] or r["scope"], SUBTITLE), para(page["period_name"], SUBTITLE), Spacer(1, 10),
        facts([("Periode", f"{r['period']} ({tanggal(r['period_start'])} s.d. {tanggal(r['period_end'])})"),
               ("Data per (as_of)", tanggal(r["as_of"]) if r["as_of"] else "belum ada data"),
               ("Revisi", str(r["revision"])),
               ("Tampilan", wording.view_text(r["view"], page["min_group"])),
               ("Dicetak", printed)], width),
        para("Ringkasan", HEADING),
        table([["Ukuran", "Nilai", "Keterangan"], *[list(row) for row in wording.key_figures(r)]],
              [width * 0.4, width * 0.2, width * 0.4]),
    ]


def _charts(page: dict, section: str, width: float) -> list:
    r = page["report"]
    return [part for spec in page["charts"][section] for part in chart_block(spec, width, r["view"], page["min_group"])]


def satisfaction(page: dict, width: float) -> list:
    s = page["report"]["sections"]["satisfaction"]
    ikm = wording.ikm_text(s)
    weakest = s.get("weakest_unsur") or {}
    provisional = wording.provisional_text(s)
    lines = [para(f"1. {s['title']}", HEADING), para(s["rule"], SMALL),
             *([para(provisional, SMALL)] if provisional else []),
             facts([("Nilai IKM (konversi)", f"{ikm}" + (f" — mutu {s['mutu']} ({s['kinerja']})" if s.get("mutu") else "")),
                    ("Responden", f"{angka(s.get('n'), 0)} dari {s.get('units', 0)} unit layanan"),
                    ("Unsur terlemah", f"{weakest.get('label') or '—'} (NRR {angka(weakest.get('nrr'))})")], width)]
    return lines + _charts(page, "satisfaction", width)


def competence(page: dict, width: float) -> list:
    s = page["report"]["sections"]["competence"]
    jp, lead = s["jp"], s["leadership"]
    parts = [para(f"2. {s['title']}", HEADING), para(jp["rule"], SMALL),
             table([["Kelompok", "Jumlah", "Rata-rata JP", "Capaian"],
                    [f"PNS (minimal {jp['pns']['minimum']} JP)", angka(jp["pns"]["n"], 0),
                     angka(jp["pns"]["average_jp"], 1), f"{persen(jp['pns']['share_at_minimum'])} mencapai minimal"],
                    [f"PPPK (paling banyak {jp['pppk']['cap']} JP)", angka(jp["pppk"]["n"], 0),
                     angka(jp["pppk"]["average_jp"], 1), f"{persen(jp['pppk']['share_over_cap'])} melebihi batas"]],
                   [width * 0.35, width * 0.15, width * 0.15, width * 0.35])]
    parts += _charts(page, "competence", width) + [para(lead["rule"], SMALL)]
    if lead.get("overdue_officials"):
        parts += [para("Pejabat yang terlambat mengikuti pelatihan kepemimpinan", HEADING), table(
            [["Nama", "OPD", "Pelatihan wajib", "Batas waktu", "Terlambat (hari)"],
             *[[o["name"], o["department_code"], o["required_training"], tanggal(o["due_date"]), str(o["days_overdue"])]
               for o in lead["overdue_officials"]]], [width * 0.32, width * 0.14, width * 0.16, width * 0.22, width * 0.16])]
    if s["socialization"]["policies"]:
        parts += [para("Cakupan sosialisasi kebijakan yang berlaku", HEADING), table(
            [["Kebijakan", "Tahap", "Hadir", "Cakupan"],
             *[[f"{p['code']} — {p['title']}", p["state_label"], angka(p["attended"], 0), persen(p["coverage"])]
               for p in s["socialization"]["policies"]]], [width * 0.5, width * 0.2, width * 0.12, width * 0.18])]
    return parts


def responsiveness(page: dict, width: float) -> list:
    s = page["report"]["sections"]["responsiveness"]
    return [para(f"3. {s['title']}", HEADING), para(s["rule"], SMALL), facts([
        ("Laporan masuk", f"{angka(s.get('n'), 0)} ({angka(s['open'].get('n'), 0)} masih terbuka)"),
        ("Respons pertama", f"median {angka(s['first_response'].get('median_hours'), 1)} jam"),
        ("Tindak lanjut OPD", f"median {angka(s['follow_up'].get('median_hours'), 1)} jam setelah diteruskan"),
        ("Pengaduan terlambat", f"{angka(s['complaints'].get('overdue'), 0)} dari {angka(s['complaints'].get('n'), 0)} "
                                f"({persen(s['complaints'].get('share_overdue'))})")], width),
        *_charts(page, "responsiveness", width)]


def consultation(page: dict, width: float) -> list:
    s = page["report"]["sections"]["consultation"]
    parts = [para(f"4. {s['title']}", HEADING), para(s["rule"], SMALL)]
    if not s["policies"]:
        return parts + [para("Belum ada kebijakan yang dikonsultasikan.", BODY)]
    rows = [[f"{p['code'] or '—'} — {p['title'] or ''}", p["state_label"] or "—",
             *(angka(p[k], 0) for k in ("n", "accepted", "rejected", "noted", "unanswered", "articles_changed")),
             _before_adoption(p)] for p in s["policies"]]
    return parts + [table([["Kebijakan", "Tahap", "Masukan", "Diterima", "Ditolak", "Dicatat", "Belum",
                            "Pasal berubah", "Dijawab sblm ditetapkan"], *rows],
                          [width * 0.26, width * 0.12] + [width * 0.08] * 6 + [width * 0.14])]


def _before_adoption(policy: dict) -> str:
    answered = policy.get("answered_before_adoption")
    return "—" if answered is None else "Ya" if answered else f"Tidak ({policy.get('unanswered_at_adoption')})"


def improvement(page: dict, width: float) -> list:
    """What became of the actions of earlier plans: per policy counts, then (staff views) each action measured."""
    s = page["report"]["sections"]["improvement"]
    parts = [para(f"5. {s['title']}", HEADING), para(s["rule"], SMALL)]
    if not s["policies"]:
        return parts + [para("Belum ada tindak lanjut dari rencana periode sebelumnya.", BODY)]
    rows = [[f"{p['policy_code']} — {p['policy_title']}", p["planned"], p["done_on_time"], p["late"], p["dropped"],
             p["open"]] for p in s["policies"]]
    parts.append(table([["Kebijakan", "Direncanakan", "Tepat waktu", "Terlambat", "Dibatalkan", "Berjalan"], *rows],
                       [width * 0.4] + [width * 0.12] * 5))
    items = [ListItem([para(f"{a['description']} ({a['policy_code']}, {a['owner_department']}, tenggat "
                            f"{tanggal(a['deadline'])}): {a['timeliness_label']}", BODY),
                       para(wording.improvement_figures(a), SMALL)]) for a in s.get("actions", [])]
    return parts + ([ListFlowable(items, bulletType="1", bulletFontName="Helvetica", bulletFontSize=9.5)]
                    if items else [])


def recommendations(page: dict, width: float) -> list:
    recs = page["report"]["recommendations"]
    parts = [para("6. Rekomendasi untuk revisi kebijakan", HEADING)]
    if not recs:
        return parts + [para("Tidak ada rekomendasi: tidak ada angka yang melewati ambang batas.", BODY)]
    items = [ListItem([para(rec["text"], BODY), para(wording.recommendation_figures(rec), SMALL)]
                      + ([para(wording.repeated_text(rec), SMALL)] if rec.get("repeated") else [])) for rec in recs]
    return parts + [ListFlowable(items, bulletType="1", bulletFontName="Helvetica", bulletFontSize=9.5)]
