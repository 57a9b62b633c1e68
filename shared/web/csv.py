"""Spreadsheet-safe cells for CSV downloads: no cell, and no piece of one, opens as a formula.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (OWASP, "CSV
injection"). Quoting does not help when the reader splits a cell again: Excel in an Indonesian
locale separates on `;`, a text import may split on `,`, tab or `|`, and a pasted cell splits on
line breaks. So `Bagus;=1+1` becomes the two cells `Bagus` and `=1+1`. `safe_cell` therefore puts
an apostrophe (which spreadsheets read as "this is text" and do not show) before a formula
character at the start of the cell AND at the start of every piece after a separator, ignoring
the spaces in between. Numbers, dates and booleans pass unchanged; None becomes an empty cell.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from flask import Response

# Separators a spreadsheet may split a cell on, and the characters that start a formula
# (with their full-width forms, which some spreadsheets fold into the ASCII ones).
SEPARATORS = ",;\t|\r\n"
FORMULA_START = "=+-@\uff1d\uff0b\uff0d\uff20"
_PIECE_START = re.compile(f"(^|[{re.escape(SEPARATORS)}])(\\s*)(?=[{re.escape(FORMULA_START)}])")


def safe_cell(value: object) -> object:
    """The value as a CSV cell that no spreadsheet evaluates, however it splits it."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    return _PIECE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}'", value)


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """A CSV download's text: UTF-8 with a BOM (so a spreadsheet reads the letters right), every cell safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> Response:
    return Response(csv_text(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
