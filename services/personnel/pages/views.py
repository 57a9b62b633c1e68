"""The staff workspace's blueprints with every page registered on them."""
from __future__ import annotations

from services.personnel.pages import competence, employees, imports, socialization, training
from services.personnel.pages.blueprint import blp, uploads

# Importing a page module registers its views on the blueprints.
PAGE_MODULES = (competence, employees, imports, socialization, training)


def staff_blueprints() -> list:
    return [blp, uploads]
