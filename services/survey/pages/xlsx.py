"""XLSX downloads (openpyxl, write-only): one sheet per table, no text cell ever a formula.

openpyxl stores a string that starts with "=" as a formula. Every value passes through
shared.web.csv.safe_cell first, which puts an apostrophe before a formula character at the start
of the cell and after every separator, so no cell starts with "=" and none becomes a formula even
when someone later saves the sheet as CSV.
"""
from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from shared.web.csv import safe_cell

MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(sheets: Iterable[tuple[str, list[str], Iterable[Iterable]]]) -> bytes:
    """An .xlsx file of (sheet title, header, rows) tables, the header in bold and frozen."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        cells = [WriteOnlyCell(sheet, value=safe_cell(name)) for name in header]
        for cell in cells:
            cell.font = bold
        sheet.append(cells)
        for row in rows:
            sheet.append([None if value is None else safe_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
