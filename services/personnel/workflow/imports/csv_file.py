"""Reading an uploaded CSV: its columns, and each row with the line number a spreadsheet user sees."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

MAX_ROWS = 50_000


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (encoding, columns, size); the message says why."""


@dataclass(frozen=True)
class CsvRow:
    line: int  # the row's first line in the file; the header is line 1
    values: dict[str, str]  # only the cells that are filled in, stripped
    extra_cells: bool = False


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError:
        raise ImportFileError("The file is not UTF-8 text; save it from the spreadsheet as 'CSV UTF-8'.") from None


def _delimiter(header_line: str) -> str:
    # Spreadsheets set to Indonesian save with ';', since ',' is their decimal separator.
    return max((",", ";", "\t"), key=header_line.count)


def _column(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def read_csv(text: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[CsvRow]:
    """The data rows of a CSV whose header names columns from `allowed`, including all of `required`."""
    if not text.strip():
        raise ImportFileError("The file is empty.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    header = [_column(name) for name in next(reader)]
    unknown = [name for name in header if name not in allowed]
    if unknown:
        raise ImportFileError(f"Unknown column(s) {', '.join(unknown)}; the columns are: {', '.join(allowed)}.")
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(f"Missing column(s): {', '.join(missing)}.")
    if len(set(header)) != len(header):
        raise ImportFileError("A column appears twice in the header.")
    rows = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if cell.strip()}
                rows.append(CsvRow(line, values, extra_cells=any(c.strip() for c in cells[len(header):])))
                if len(rows) > MAX_ROWS:
                    raise ImportFileError(f"More than {MAX_ROWS} rows; split the file.")
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(f"Line {line}: the CSV cannot be read ({exc}).") from None
    if not rows:
        raise ImportFileError("The file has a header but no rows.")
    return rows
