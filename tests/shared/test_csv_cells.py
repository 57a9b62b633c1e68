"""shared.web.csv.safe_cell: a citizen's text never becomes a formula in an official's spreadsheet."""
from __future__ import annotations

import csv
import io
import re

import pytest

from shared.web.csv import FORMULA_START, SEPARATORS, safe_cell

DANGEROUS = re.compile(f"^\\s*[{re.escape(FORMULA_START)}]")


def pieces(text: str) -> list[str]:
    """Every cell a spreadsheet could make of this text, whichever separator it splits on."""
    found = [text]
    for separator in SEPARATORS:
        found += text.split(separator)
    return found


@pytest.mark.parametrize("text", [
    "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "  =HYPERLINK(\"http://x\")",
    "Bagus;=1+1", "Bagus,=1+1", "Bagus\t=1+1", "Bagus|=1+1", "Bagus\n=1+1", "Bagus\r\n@A1",
    "Ramah; ;  -5", "\uff1d1+1", "a;=b;=c,+d",
])
def test_no_piece_of_a_dangerous_cell_starts_a_formula(text):
    cell = safe_cell(text)
    assert [p for p in pieces(cell) if DANGEROUS.match(p)] == []
    assert cell.replace("'", "") == text.replace("'", "")  # only apostrophes were added


@pytest.mark.parametrize("text", ["Antrean lama - perlu petugas tambahan", "Bagus sekali", "email a@b.id",
                                  "1+1=2", "Nilai 4; sangat baik"])
def test_ordinary_text_is_left_as_it_was(text):
    assert safe_cell(text) == text


def test_numbers_dates_and_empty_cells_pass_unchanged():
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(None) == "" and safe_cell(True) is True


def test_a_written_row_reads_back_as_text():
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell("Bagus;=1+1"), safe_cell("=A1")])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["Bagus;'=1+1", "'=A1"]
