"""Who may see what of a report: the one place reporting checks a principal (README, 'Who sees what')."""
from __future__ import annotations

from services.reporting.reports.figures import CITY
from shared.errors import Forbidden
from shared.principal import Principal


def report_view(principal: Principal, scope: str) -> str:
    """The view of a report this principal gets: "full" (names), "internal" (no names) or "public" (suppressed).

    Anyone without a staff role reads the public view. An operator reads their own department
    and the city, nothing else.
    """
    if not principal.is_staff:
        return "public"
    if principal.role == "operator" and scope not in (CITY, principal.department):
        raise Forbidden(f"An operator reads only the reports of department {principal.department!r} and the city.",
                        indonesian=f"Operator {principal.department} hanya dapat membuka laporan perangkat "
                                   "daerahnya sendiri dan laporan kota.")
    names = principal.is_admin or (scope != CITY and principal.can_read_personal(scope))
    return "full" if names else "internal"
