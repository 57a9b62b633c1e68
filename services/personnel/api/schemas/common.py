"""What several of personnel's schemas share."""
from __future__ import annotations

from marshmallow import ValidationError, validate

from services.personnel.domain.nip import NipError, normalize_nip

# Business codes (department, programme): stable, upper case, safe in URLs and CSV files.
CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_.-]{1,39}$", error="Use 2-40 capital letters, digits, '.', '_' or '-'.")


def nip_shape(value: str) -> None:
    """18 digits, spaces allowed between the groups; the domain's own message otherwise."""
    try:
        normalize_nip(value)
    except NipError as exc:
        raise ValidationError(exc.message) from None
