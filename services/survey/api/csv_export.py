"""CSV downloads that open cleanly in a spreadsheet: UTF-8 with BOM, and no formula injection (shared.web.csv)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import Response

from shared.web.csv import safe_cell


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
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
