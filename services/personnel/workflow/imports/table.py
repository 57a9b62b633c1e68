"""An uploaded table (CSV or XLSX) as rows keyed by canonical column names.

Headers are accepted in English or Bahasa Indonesia (`nama`, `kode_opd`, `tanggal_mulai`, …),
in any case, with spaces or hyphens for underscores.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from services.personnel.workflow.imports.csv_file import MAX_ROWS, CsvRow, ImportFileError, csv_lines
from services.personnel.workflow.imports.xlsx_file import is_xlsx, xlsx_lines


@dataclass(frozen=True)
class Columns:
    """The columns a kind of file has: canonical (English) names, the required ones, and other names for them."""

    names: tuple[str, ...]
    required: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)  # other name -> canonical name

    def canonical(self, header: str) -> str | None:
        key = header.strip().lower().replace(" ", "_").replace("-", "_").replace(".", "")
        return key if key in self.names else self.aliases.get(key)


def _header(cells: list[str], columns: Columns) -> list[str | None]:
    named = [cell.strip() for cell in cells]
    header = [columns.canonical(cell) if cell else None for cell in named]
    unknown = [cell for cell, name in zip(named, header, strict=True) if cell and name is None]
    if unknown:
        listed = ", ".join(columns.names)
        raise ImportFileError(f"Unknown column(s) {', '.join(unknown)}; the columns are: {listed}.",
                              f"Kolom tidak dikenal: {', '.join(unknown)}. Kolom yang dikenal: {listed} "
                              "(atau namanya dalam Bahasa Indonesia).")
    missing = [name for name in columns.required if name not in header]
    if missing:
        raise ImportFileError(f"Missing column(s): {', '.join(missing)}.",
                              f"Kolom wajib belum ada: {', '.join(missing)}.")
    present = [name for name in header if name]
    if len(set(present)) != len(present):
        raise ImportFileError("A column appears twice in the header.", "Ada kolom yang muncul dua kali di judul.")
    return header


def read_table(raw: bytes, columns: Columns) -> list[CsvRow]:
    """The data rows of a CSV or XLSX file whose header names `columns`, including all required ones."""
    lines = xlsx_lines(raw) if is_xlsx(raw) else csv_lines(raw)
    header = None
    rows = []
    for line, cells in lines:
        if header is None:
            if not any(cell.strip() for cell in cells):
                continue  # blank rows above the header
            header = _header(cells, columns)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name and cell.strip()}
        extra = any(cell.strip() for cell in cells[len(header):]) or any(
            cell.strip() for name, cell in zip(header, cells, strict=False) if name is None)
        rows.append(CsvRow(line, values, extra_cells=extra))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(f"More than {MAX_ROWS} rows; split the file.",
                                  f"Lebih dari {MAX_ROWS} baris; bagi berkasnya.")
    if header is None:
        raise ImportFileError("The file is empty.", "Berkas kosong.")
    if not rows:
        raise ImportFileError("The file has a header but no rows.", "Berkas hanya berisi judul kolom, tanpa baris data.")
    return rows
