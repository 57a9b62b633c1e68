"""Applying domain rules inside a use case: a broken rule becomes Invalid for the field it names."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from services.personnel.domain.errors import FieldError
from shared.errors import Invalid


@contextlib.contextmanager
def checked() -> Iterator[None]:
    """Run domain checks; a FieldError from them is the caller's 422, with the domain's own message
    (and its Indonesian wording, for the pages)."""
    try:
        yield
    except FieldError as exc:
        raise Invalid(exc.field, exc.message, indonesian=exc.indonesian) from None
