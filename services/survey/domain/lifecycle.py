"""A campaign's life: draft -> open -> closed, and which states accept responses."""

DRAFT, OPEN, CLOSED = "draft", "open", "closed"
STATUSES = (DRAFT, OPEN, CLOSED)
TRANSITIONS: dict[str, str] = {DRAFT: OPEN, OPEN: CLOSED}  # status -> the only next status


def next_status(current: str, wanted: str) -> str:
    """Return `wanted` if a campaign in `current` may move there, else raise ValueError."""
    if TRANSITIONS.get(current) != wanted:
        raise ValueError(f"a {current} campaign cannot become {wanted}")
    return wanted


def accepts_responses(status: str) -> bool:
    return status == OPEN


def is_editable(status: str) -> bool:
    """The questionnaire and period are fixed once respondents may have seen them."""
    return status == DRAFT


def allowed_next(current: str) -> list[str]:
    """The statuses a campaign in `current` may move to (none once closed)."""
    return [TRANSITIONS[current]] if current in TRANSITIONS else []
