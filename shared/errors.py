"""The errors a use case raises, one small hierarchy for every service.

Workflows (`services/<name>/workflow/`) raise these instead of HTTP errors, so the same
function serves the JSON API, the staff pages, inbound messages and CSV imports. They are
turned into problem+json in one place (`shared.web.errors`), into an Indonesian error page in
one place (`shared.web.pages`), and into a dead letter by the consumer.

Each carries an English `detail` (the API's language) and, where a citizen or an OPD operator
may read it on a page, an Indonesian `indonesian` text.
"""
from __future__ import annotations


class WorkflowError(Exception):
    """A use case refused the request; the subclass says why."""

    status = 400

    def __init__(self, detail: str, *, indonesian: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.indonesian = indonesian


class NotFound(WorkflowError):
    """The thing asked for does not exist (or the caller may not know that it does)."""

    status = 404


class Forbidden(WorkflowError):
    """The caller is known but may not do this."""

    status = 403


class Conflict(WorkflowError):
    """The request clashes with the current state: a duplicate, or a move the state does not allow.

    `allowed` lists the moves that are allowed from the current state, where that applies.
    """

    status = 409

    def __init__(self, detail: str, *, allowed: list[str] | tuple[str, ...] | None = None,
                 indonesian: str | None = None):
        super().__init__(detail, indonesian=indonesian)
        self.allowed = list(allowed) if allowed is not None else None


class Invalid(WorkflowError):
    """The input breaks a rule: one message per field that is wrong."""

    status = 422

    def __init__(self, field: str | None = None, reason: str | None = None, *,
                 errors: dict | None = None, detail: str | None = None, indonesian: str | None = None):
        # `errors` may nest as marshmallow's do ({"answers": {"u3": ["..."]}}).
        self.errors = dict(errors or {})
        if field is not None and reason is not None:
            self.errors.setdefault(field, []).append(reason)
        if not self.errors:
            raise ValueError("Invalid needs a field and a reason, or errors")
        super().__init__(detail or f"{self.field}: {self.reason}", indonesian=indonesian)

    @property
    def field(self) -> str:
        """The first field at fault, as a dotted path (answers.u3)."""
        return ".".join(_first(self.errors)[0])

    @property
    def reason(self) -> str:
        return _first(self.errors)[1]


def _first(errors) -> tuple[list[str], str]:
    """The path to the first message in nested errors, and that message."""
    if isinstance(errors, dict) and errors:
        key, value = next(iter(errors.items()))
        path, message = _first(value)
        return [str(key), *path], message
    if isinstance(errors, list | tuple) and errors:
        return _first(errors[0])
    return [], str(errors)
