"""The error a domain rule raises: the field it concerns and why, for a workflow to report."""


class FieldError(ValueError):
    """A value breaks a rule; `field` names the input it came from, the message says why.

    `indonesian` says the same to an OPD operator on a page, where the rule has its own wording.
    """

    def __init__(self, field: str, message: str, indonesian: str | None = None):
        super().__init__(message)
        self.field = field
        self.message = message
        self.indonesian = indonesian
