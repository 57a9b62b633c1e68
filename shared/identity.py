"""How an identity provider's claims become a Principal: the one, configurable mapping.

The same mapping reads a staff member's ID token at sign-in and every bearer token the APIs
receive, so a person has the same role on a page and in the API. It is configured with
OIDC_ROLES_CLAIM, OIDC_ROLE_MAP, OIDC_DEPARTMENT_CLAIM and OIDC_NAME_CLAIM (docs/operations.md,
"Sign-in"); the defaults match the Keycloak realm in deploy/keycloak/:

- roles: the claim at OIDC_ROLES_CLAIM (a dotted path such as `realm_access.roles`), a list or
  one string; OIDC_ROLE_MAP says which provider role is which of ours ("asn-admin=admin,...").
  A person with several gets the strongest (admin, then operator, then viewer); none of them
  means no access.
- department: OIDC_DEPARTMENT_CLAIM, the OPD code an operator works for (a list of one is fine).
- name: OIDC_NAME_CLAIM, else `preferred_username`, else the subject: what histories show.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.principal import STAFF_ROLES, Principal

STRENGTH = {role: rank for rank, role in enumerate(STAFF_ROLES)}  # admin 0 is the strongest


class UnmappedIdentity(ValueError):
    """The provider vouches for this person, but the claims give them no role here."""


def parse_role_map(text: str) -> dict[str, str]:
    """"asn-admin=admin, asn-operator=operator" -> {"asn-admin": "admin", ...}; our roles only."""
    pairs = [item.split("=", 1) for item in text.replace(" ", "").split(",") if "=" in item]
    unknown = sorted({ours for _theirs, ours in pairs} - set(STAFF_ROLES))
    if unknown:
        raise ValueError(f"OIDC_ROLE_MAP names unknown role(s) {', '.join(unknown)}; ours: {', '.join(STAFF_ROLES)}")
    return dict(pairs)


def _at(claims: Mapping, path: str):
    value = claims
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


@dataclass(frozen=True)
class ClaimMapping:
    roles_claim: str = "roles"
    role_map: tuple[tuple[str, str], ...] = (("asn-admin", "admin"), ("asn-operator", "operator"),
                                             ("asn-viewer", "viewer"))
    department_claim: str = "department"
    name_claim: str = "name"

    @classmethod
    def from_settings(cls, settings) -> ClaimMapping:
        return cls(roles_claim=settings.oidc_roles_claim,
                   role_map=tuple(parse_role_map(settings.oidc_role_map).items()),
                   department_claim=settings.oidc_department_claim, name_claim=settings.oidc_name_claim)

    def principal(self, claims: Mapping) -> Principal:
        """The Principal these (already verified) claims describe, or UnmappedIdentity saying why not."""
        subject = claims.get("sub")
        if not subject:
            raise UnmappedIdentity("the token has no subject")
        ours = dict(self.role_map)
        roles = [ours[role] for role in _as_list(_at(claims, self.roles_claim)) if role in ours]
        if not roles:
            raise UnmappedIdentity(f"no role of this suite in the {self.roles_claim!r} claim")
        role = min(roles, key=STRENGTH.__getitem__)
        departments = _as_list(_at(claims, self.department_claim))
        department = departments[0] if len(departments) == 1 else None
        if role == "operator" and not department:
            raise UnmappedIdentity(f"an operator needs exactly one department in the {self.department_claim!r} claim")
        name = _at(claims, self.name_claim) or claims.get("preferred_username") or None
        return Principal(subject=str(subject), role=role, department=department, name=str(name) if name else None)

    def claims_for(self, role: str, department: str | None = None, name: str | None = None) -> dict:
        """The claims a provider would send for this role (development tokens, the test provider)."""
        theirs = next((provider for provider, ours in self.role_map if ours == role), None)
        if theirs is None:
            raise ValueError(f"OIDC_ROLE_MAP gives no provider role for {role!r}")
        claims: dict = {}
        for path, value in ((self.roles_claim, [theirs]), (self.department_claim, department),
                            (self.name_claim, name)):
            if value is None:
                continue
            *parents, leaf = path.split(".")
            node = claims
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        return claims
