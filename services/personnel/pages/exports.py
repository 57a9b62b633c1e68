"""The department competence page as a file: CSV (semicolons and a byte-order mark, as Indonesian spreadsheets
open it) and XLSX (openpyxl), one row per employee and the summary on its own sheet."""
from __future__ import annotations

import csv
import io

from services.personnel.pages import wording

COLUMNS = ("NIP", "Nama", "Jenis pegawai", "Jabatan", "Jenis jabatan", "JP", "Ketentuan JP", "Keadaan JP",
           "Wajib pelatihan kepemimpinan", "Batas waktu", "Keadaan kepemimpinan", "Dipenuhi pada",
           "Segera jatuh tempo")
SUMMARY = (("employees", "Jumlah ASN"), ("pns", "PNS"), ("pns_reached_minimum", "PNS mencapai minimal JP"),
           ("pns_share_at_minimum", "Bagian PNS mencapai minimal JP"), ("pns_average_jp", "Rata-rata JP PNS"),
           ("pppk", "PPPK"), ("pppk_over_cap", "PPPK melebihi batas JP"), ("pppk_average_jp", "Rata-rata JP PPPK"),
           ("average_jp", "Rata-rata JP semua ASN"), ("leadership_required", "Wajib pelatihan kepemimpinan"),
           ("leadership_done", "Sudah memenuhi"), ("leadership_within_window", "Dalam batas waktu"),
           ("leadership_overdue", "Terlambat"), ("leadership_no_tmt", "TMT jabatan belum dicatat"),
           ("leadership_due_soon", "Segera jatuh tempo"))


def _jp_state(jp: dict) -> tuple[str, str]:
    if jp["minimum"] is not None:
        return (f"minimal {jp['minimum']} JP",
                "Tercapai" if jp["reached_minimum"] else f"Kurang {jp['shortfall']} JP")
    return f"maksimal {jp['cap']} JP", "Melebihi batas" if jp["over_cap"] else "Dalam batas"


def rows(view: dict) -> list[list]:
    """One row per employee, in the page's order; dates as dates."""
    out = []
    for item in view["items"]:
        rule, state = _jp_state(item["jp"])
        lead = item["leadership"]
        out.append([item["nip"] or "", item["name"], item["employee_type"], item["position_title"] or "",
                    wording.POSITION_TYPES.get(item["position_type"] or "", ""), item["jp"]["total"], rule, state,
                    wording.LEADERSHIP.get(lead["required_level"] or "", ""), lead["due_date"],
                    wording.LEADERSHIP_STATES.get(lead["state"] or "", ""), lead["met_on"],
                    "Ya" if lead["due_soon"] else ""])
    return out


def as_csv(view: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(view):
        writer.writerow(["" if v is None else v.isoformat() if hasattr(v, "isoformat") else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(view: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Kompetensi"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(view):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if hasattr(cell.value, "isoformat"):
                cell.number_format = "DD/MM/YYYY"
    # A NIP is text: shown whole, never as 1.98502E+17.
    for cell in sheet["A"][1:]:
        cell.number_format = "@"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 32
    summary = book.create_sheet("Ringkasan")
    summary.append(["Perangkat daerah", view["department_code"]])
    summary.append(["Tahun", view["year"]])
    summary.append(["Dinilai per", view["as_of"]])
    summary["B3"].number_format = "DD/MM/YYYY"
    for key, label in SUMMARY:
        summary.append([label, view["summary"][key]])
    summary.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
