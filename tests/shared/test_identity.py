"""How the provider's claims become a role, a department and a name: the one configurable mapping."""
import pytest

from shared.config import load_settings
from shared.identity import ClaimMapping, UnmappedIdentity

DEFAULT = ClaimMapping()


def test_the_realms_claims_give_role_department_and_name():
    principal = DEFAULT.principal({"sub": "kc-1", "roles": ["default-roles-tebingtinggi", "asn-operator"],
                                   "department": "DINKES", "name": "Budi Nasution"})
    assert (principal.subject, principal.role, principal.department, principal.name) == (
        "kc-1", "operator", "DINKES", "Budi Nasution")


def test_the_strongest_role_wins_and_the_username_stands_in_for_a_missing_name():
    principal = DEFAULT.principal({"sub": "kc-2", "roles": ["asn-viewer", "asn-admin"], "preferred_username": "rina"})
    assert principal.role == "admin" and principal.display_name == "rina"


@pytest.mark.parametrize(("claims", "why"), [
    ({"sub": "kc-3", "roles": ["other-app"]}, "no role of this suite"),
    ({"sub": "kc-4", "roles": ["asn-operator"]}, "an operator needs exactly one department"),
    ({"sub": "kc-5", "roles": ["asn-operator"], "department": ["DINKES", "DISHUB"]}, "exactly one department"),
    ({"roles": ["asn-admin"]}, "no subject"),
])
def test_claims_without_a_usable_role_give_no_access(claims, why):
    with pytest.raises(UnmappedIdentity, match=why):
        DEFAULT.principal(claims)


def test_another_providers_claims_are_mapped_by_settings():
    settings = load_settings("test", oidc_roles_claim="resource_access.asn.roles", oidc_role_map="BKPSDM=admin, OPD=operator",
                             oidc_department_claim="opd", oidc_name_claim="nama")
    mapping = ClaimMapping.from_settings(settings)
    claims = {"sub": "u1", "resource_access": {"asn": {"roles": "OPD"}}, "opd": ["DISHUB"], "nama": "Sari"}
    assert mapping.principal(claims).role == "operator" and mapping.principal(claims).department == "DISHUB"
    assert mapping.principal({"sub": "u2", **mapping.claims_for("admin", name="Rina")}).name == "Rina"


def test_a_role_map_naming_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown role"):
        ClaimMapping.from_settings(load_settings("test", oidc_role_map="asn-root=superuser"))
