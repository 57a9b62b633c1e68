"""Cell values as offices write them: dates as 31/12/2026 or 2026-12-31, choices in Bahasa Indonesia too."""
from __future__ import annotations

import re
from datetime import date

from marshmallow import ValidationError, fields

DATE_HINT = "write dates as dd/mm/yyyy (31/12/2026) or yyyy-mm-dd (2026-12-31)"
DATE_HINT_ID = "tulis tanggal sebagai dd/mm/yyyy (31/12/2026) atau yyyy-mm-dd (2026-12-31)"
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date:
    """A date written day first (the Indonesian way) or as ISO; ValueError naming both forms otherwise."""
    value = text.strip()
    match = _DAY_FIRST.match(value)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _ISO.match(value)):
        parts = iso.groups()
    if parts is None:
        raise ValueError(f"Not a valid date: {value!r}; {DATE_HINT}.")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"{value!r} is not a real date; {DATE_HINT}.") from None


class CellDate(fields.Field):
    """A date cell: dd/mm/yyyy or yyyy-mm-dd."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_date(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class CellChoice(fields.String):
    """A choice cell: the canonical value, or one of its Indonesian names (any case)."""

    def __init__(self, names: dict[str, str], **kwargs):
        super().__init__(**kwargs)
        self.names = names

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        key = text.lower().replace("-", "_").replace(" ", "_")
        return self.names.get(key, text)


GENDERS = {"male": "male", "female": "female", "laki_laki": "male", "lakilaki": "male", "l": "male",
           "pria": "male", "perempuan": "female", "p": "female", "wanita": "female"}
EMPLOYEE_STATUSES = {"aktif": "active", "cuti": "on_leave", "pindah": "moved", "mutasi": "moved",
                     "pensiun": "retired", "diberhentikan": "dismissed", "berhenti": "dismissed"}
TRAINING_STATUSES = {"selesai": "completed", "lulus": "completed", "rencana": "planned",
                     "direncanakan": "planned", "batal": "cancelled", "dibatalkan": "cancelled"}
EMPLOYEE_TYPES = {"pns": "PNS", "pppk": "PPPK"}

# Indonesian words for the messages marshmallow gives, shown on the import page beside its row.
SCHEMA_MESSAGES = {
    "Missing data for required field.": "Wajib diisi.",
    "Not a valid integer.": "Harus bilangan bulat.",
    "Not a valid string.": "Harus berupa teks.",
    "Must be one of": "Pilihan tidak dikenal",
    "Length must be between": "Panjang isian tidak sesuai",
    "Longer than maximum length": "Terlalu panjang",
    "Must be greater than or equal to": "Nilai di luar batas",
    "Not a valid date": DATE_HINT_ID[0].upper() + DATE_HINT_ID[1:],
    "is not a real date": "Tanggal tidak ada di kalender; " + DATE_HINT_ID,
}


def indonesian(message: str) -> str:
    """The Indonesian wording of a schema message (the English one where none is known)."""
    for start, words in SCHEMA_MESSAGES.items():
        if start in message:
            return f"{words} ({message})" if start in ("Must be one of", "Length must be between") else words
    return message
