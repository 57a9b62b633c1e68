"""What every staff page of the survey workspace shares: its blueprint kind, who is signed in, the navigation.

Staff are signed in by the suite's sign-in (shared.web.pages.require_staff / page_principal); these
pages never read a token themselves.
"""
from __future__ import annotations

from shared.principal import Principal
from shared.web.pages import PageBlueprint, html_errors, page_principal

WRITERS = ("admin", "operator")
READERS = ("admin", "operator", "viewer")


def who(principal: Principal | None) -> str | None:
    """How the navigation names the signed-in staff member."""
    if principal is None:
        return None
    role = {"admin": "Admin BKPSDM", "viewer": "Pembaca laporan"}.get(principal.role)
    role = role or (f"Operator {principal.department}" if principal.role == "operator" else principal.role)
    return f"{principal.name} ({role})" if principal.name else role


def staff_blueprint(name: str, description: str) -> PageBlueprint:
    """A blueprint of workspace pages under /survei/kelola, with Indonesian error pages and the navigation's data."""
    blp = PageBlueprint(name, __name__, url_prefix="/survei/kelola", template_folder="templates",
                        description=description)
    html_errors(blp)

    @blp.context_processor
    def _navigation():
        principal = page_principal()
        return {"who": who(principal), "may_create": principal is not None and principal.role in WRITERS}

    return blp
