"""Training records: the statuses a record has, the dates it may carry, and what makes two the same."""

from datetime import date

from services.personnel.domain.errors import FieldError

TRAINING_STATUSES = ("planned", "completed", "cancelled")


def check_training_dates(status: str, start: date, end: date, today: date) -> None:
    """An end before the start, or a completion in the future, cannot be right."""
    if end < start:
        raise FieldError("end_date", "The end date is before the start date.",
                         "Tanggal selesai sebelum tanggal mulai.")
    if status == "completed" and end > today:
        raise FieldError("end_date", "A completed training cannot end in the future; record it as planned.",
                         "Pelatihan yang selesai tidak dapat berakhir di masa depan; catat sebagai rencana.")


def same_training(employee_id: str, programme_id: str, start: date, end: date) -> tuple:
    """What makes two records one training: the same employee, programme and dates (docs/domain.md,
    'Training records'). A second such record, unless the first is revoked, would count its JP twice."""
    return employee_id, programme_id, start, end
