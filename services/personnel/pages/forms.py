"""Reading posted forms into the values the use cases take, with a message beside each field that is wrong."""
from __future__ import annotations

from datetime import date

from werkzeug.datastructures import MultiDict

from services.personnel.workflow.imports.cells import parse_date

REQUIRED = "Wajib diisi."


class FormErrors(dict):
    """{field: Indonesian message}; empty when the form is fine."""


def text(form: MultiDict, name: str) -> str | None:
    value = (form.get(name) or "").strip()
    return value or None


def read(form: MultiDict, required: tuple[str, ...] = (), dates: tuple[str, ...] = (),
         numbers: tuple[str, ...] = (), flags: tuple[str, ...] = (), optional: tuple[str, ...] = ()):
    """(values, errors): texts stripped (empty ones left out), dates parsed (31/12/2026 or 2026-12-31),
    whole numbers parsed, checkboxes as booleans."""
    values, errors = {}, FormErrors()
    for name in (*required, *optional):
        if name in dates or name in numbers:
            continue
        value = text(form, name)
        if value is not None:
            values[name] = value
    for name in dates:
        value = text(form, name)
        if value is None:
            continue
        try:
            values[name] = parse_date(value)
        except ValueError:
            errors[name] = "Tulis tanggal sebagai dd/mm/yyyy, misalnya 31/12/2026."
    for name in numbers:
        value = text(form, name)
        if value is None:
            continue
        if value.isdigit():
            values[name] = int(value)
        else:
            errors[name] = "Tulis bilangan bulat, misalnya 24."
    for name in flags:
        values[name] = form.get(name) in ("1", "on", "true", "ya")
    for name in required:
        if name not in values and name not in errors:
            errors[name] = REQUIRED
    return values, errors


def shown_date(value) -> str:
    """A date as an <input type=date> takes it back."""
    return value.isoformat() if isinstance(value, date) else (value or "")
