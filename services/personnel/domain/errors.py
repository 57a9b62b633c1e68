"""The error a domain rule raises: the field it concerns and why, for a workflow to report."""


class FieldError(ValueError):
    """A value breaks a rule; `field` names the input it came from, the message says why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
