"""Reading an uploaded CSV into its cells, each row with the line number a spreadsheet user sees."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

MAX_ROWS = 50_000


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (encoding, columns, size); the message says why."""

    def __init__(self, message: str, indonesian: str | None = None):
        super().__init__(message)
        self.indonesian = indonesian


@dataclass(frozen=True)
class CsvRow:
    line: int  # the row's first line in the file (or its row in the sheet); the header is line 1
    values: dict[str, str]  # only the cells that are filled in, stripped, by canonical column name
    extra_cells: bool = False


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str
    indonesian: str | None = None  # the same for an operator on the import page


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError:
        raise ImportFileError("The file is not UTF-8 text; save it from the spreadsheet as 'CSV UTF-8'.",
                              "Berkas bukan teks UTF-8; simpan dari lembar kerja sebagai 'CSV UTF-8' "
                              "atau unggah berkas XLSX.") from None


def _delimiter(header_line: str) -> str:
    # Spreadsheets set to Indonesian save with ';', since ',' is their decimal separator.
    return max((",", ";", "\t"), key=header_line.count)


def csv_lines(raw: bytes) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row of a CSV file, the header first."""
    text = decode(raw)
    if not text.strip():
        raise ImportFileError("The file is empty.", "Berkas kosong.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(f"Line {line}: the CSV cannot be read ({exc}).",
                              f"Baris {line}: CSV tidak dapat dibaca ({exc}).") from None
