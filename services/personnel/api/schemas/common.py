"""What several of personnel's schemas share."""
from __future__ import annotations

from marshmallow import validate

# Business codes (department, programme): stable, upper case, safe in URLs and CSV files.
CODE = validate.Regexp(r"^[A-Z0-9][A-Z0-9_.-]{1,39}$", error="Use 2-40 capital letters, digits, '.', '_' or '-'.")
