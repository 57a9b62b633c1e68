"""Who is acting: the principal that every use case receives explicitly.

The web layer builds one from a verified token; a consumer uses SYSTEM or a registered
partner; a citizen without an account is PUBLIC. Workflows check permissions against it
through their service's access module and record `subject` and `name` in histories.
"""
from __future__ import annotations

from dataclasses import dataclass, field

STAFF_ROLES = ("admin", "operator", "viewer")


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str  # admin, operator, viewer; or public, system, partner
    department: str | None = None
    name: str | None = None  # the display name shown in histories (from the token's claims)
    # A partner system's registered departments: it may act only for these.
    departments: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def display_name(self) -> str:
        return self.name or self.subject

    def can_write(self, department: str | None) -> bool:
        """Admins write everywhere; an operator only in their own department; a partner in its registered ones."""
        if self.is_admin or self.role == "system":
            return True
        if department is None:
            return False
        if self.role == "operator":
            return department == self.department
        if self.role == "partner":
            return "*" in self.departments or department in self.departments
        return False

    def can_read_personal(self, department: str | None) -> bool:
        return self.role in ("admin", "operator") and self.can_write(department)


PUBLIC = Principal(subject="public", role="public")
SYSTEM = Principal(subject="system", role="system", name="Sistem")
