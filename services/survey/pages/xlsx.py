"""XLSX downloads (openpyxl): one sheet per table, every text cell stored as text, never as a formula.

openpyxl turns a string that starts with "=" into a formula; a citizen's suggestion must never
become one, so text cells are written with their type set to string (inline text, which Excel
shows and never evaluates), and still pass through shared.web.csv.safe_cell so that the sheet
stays harmless when someone saves it as CSV.
"""
from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from shared.web.csv import safe_cell

MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(sheet, value, bold: bool = False) -> WriteOnlyCell:
    value = safe_cell(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook(sheets: Iterable[tuple[str, list[str], Iterable[Iterable]]]) -> bytes:
    """An .xlsx file of (sheet title, header, rows) tables, the header in bold and frozen."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        sheet.append([_cell(sheet, name, bold=True) for name in header])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
