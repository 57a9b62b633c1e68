"""Reading an uploaded XLSX workbook (its first sheet) into cells as text, as a CSV would give them."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from services.personnel.workflow.imports.csv_file import ImportFileError

XLSX_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive
# Above this a whole number in a cell has lost digits to floating point (a NIP typed as a number).
EXACT_DIGITS = 15


def is_xlsx(raw: bytes) -> bool:
    return raw.startswith(XLSX_MAGIC)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= 10 ** EXACT_DIGITS:
            # What the sheet itself shows, so that the NIP rule can say what went wrong (domain/nip.py).
            return f"{value:.5E}"
        return str(int(value))
    if isinstance(value, int) and len(str(abs(value))) > EXACT_DIGITS + 2:
        return str(value)
    return str(value)


def xlsx_lines(raw: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) of the first sheet, the header first."""
    from openpyxl import load_workbook  # only an XLSX upload needs it

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(f"The XLSX file cannot be read ({exc}).",
                              "Berkas XLSX tidak dapat dibaca; simpan ulang dari aplikasi lembar kerja.") from None
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_text(value) for value in row]
    finally:
        book.close()
