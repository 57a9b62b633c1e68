"""Where a unit may sit in the city's organisation: a kelurahan belongs under a kecamatan."""

from services.personnel.domain.errors import FieldError

DEPARTMENT_TYPES = ("secretariat", "inspectorate", "dinas", "badan", "kecamatan", "kelurahan", "other")
# A kelurahan is the working area of a lurah within a kecamatan (docs/domain.md, 'People and organisation';
# PP 73/2005 on the kelurahan and PP 17/2018 on the kecamatan, article numbers unconfirmed): it sits under
# a kecamatan and under nothing else.
PARENT_TYPE_REQUIRED = {"kelurahan": "kecamatan"}


def check_parent_type(department_type: str, parent_type: str | None) -> None:
    """Refuse a unit placed under the wrong kind of unit (or under none where one is required)."""
    required = PARENT_TYPE_REQUIRED.get(department_type)
    if required is None or parent_type == required:
        return
    if parent_type is None:
        raise FieldError("parent_code", f"A {department_type} must sit under a {required}; give its parent_code.",
                         indonesian="Kelurahan harus berada di bawah kecamatan; isi kecamatan induknya.")
    raise FieldError("parent_code", f"A {department_type} must sit under a {required}, not under a {parent_type}.",
                     indonesian=f"Kelurahan harus berada di bawah kecamatan, bukan di bawah {parent_type}.")


def check_children_types(department_type: str, child_types: set[str]) -> None:
    """A unit whose type changes must still be a valid parent of the units under it."""
    for child_type in sorted(child_types):
        required = PARENT_TYPE_REQUIRED.get(child_type)
        if required is not None and required != department_type:
            raise FieldError("type", f"Units of type {child_type} sit under this one; it must stay a {required}.",
                             indonesian=f"Ada {child_type} di bawah unit ini, jadi unit ini harus tetap {required}.")
