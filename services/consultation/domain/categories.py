"""Feedback categories and the SKM unsur each one speaks to, so complaints can sit beside survey scores.

The list is configuration: operators may replace the defaults with their own (config.py reads
FEEDBACK_CATEGORIES_FILE once, at start, and hands the decoded JSON to `parse_categories`).
See docs/domain.md, 'Feedback categories'.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The 9 SKM unsur of PermenPANRB 14/2017, keyed u1..u9 in their official order.
UNSUR = {
    "u1": "Persyaratan",
    "u2": "Sistem, mekanisme dan prosedur",
    "u3": "Waktu penyelesaian",
    "u4": "Biaya/tarif",
    "u5": "Produk spesifikasi jenis pelayanan",
    "u6": "Kompetensi pelaksana",
    "u7": "Perilaku pelaksana",
    "u8": "Penanganan pengaduan, saran dan masukan",
    "u9": "Sarana dan prasarana",
}


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    unsur: str | None  # None: the report does not bear on any SKM unsur


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("persyaratan", "Persyaratan layanan", "u1"),
    Category("prosedur", "Prosedur layanan", "u2"),
    Category("waktu_layanan", "Waktu penyelesaian layanan", "u3"),
    Category("biaya", "Biaya/tarif layanan", "u4"),
    Category("produk_layanan", "Produk layanan", "u5"),
    Category("kompetensi_petugas", "Kompetensi petugas", "u6"),
    Category("perilaku_petugas", "Perilaku petugas", "u7"),
    Category("penanganan_pengaduan", "Penanganan pengaduan", "u8"),
    Category("sarana_prasarana", "Sarana dan prasarana", "u9"),
    Category("lainnya", "Lainnya", None),
)

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def validate_categories(categories: list[Category] | tuple[Category, ...]) -> tuple[Category, ...]:
    """The categories unchanged, or ValueError naming the first problem."""
    if not categories:
        raise ValueError("the category list is empty")
    seen: set[str] = set()
    for cat in categories:
        if not _KEY_RE.match(cat.key):
            raise ValueError(f"category key {cat.key!r} must be lower_snake_case")
        if cat.key in seen:
            raise ValueError(f"category key {cat.key!r} appears twice")
        if not cat.label.strip():
            raise ValueError(f"category {cat.key!r} has no label")
        if cat.unsur is not None and cat.unsur not in UNSUR:
            raise ValueError(f"category {cat.key!r}: unsur {cat.unsur!r} is not one of u1..u9 or null")
        seen.add(cat.key)
    return tuple(categories)


@dataclass(frozen=True)
class Categories:
    """The categories in force, in the order the report form offers them."""

    items: tuple[Category, ...] = DEFAULT_CATEGORIES

    def __post_init__(self) -> None:
        validate_categories(self.items)

    def __iter__(self) -> Iterator[Category]:
        return iter(self.items)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(cat.key for cat in self.items)

    def unsur_for(self, key: str) -> str | None:
        """The SKM unsur key for a category, None if it maps to none; KeyError if unknown."""
        for cat in self.items:
            if cat.key == key:
                return cat.unsur
        raise KeyError(f"unknown feedback category {key!r}")

    def label(self, key: str) -> str:
        """The category's label; a key no longer configured shows as itself."""
        return next((cat.label for cat in self.items if cat.key == key), key)


def parse_categories(raw: object) -> Categories:
    """Categories from decoded JSON: an array of {"key", "label", "unsur": "u1".."u9" or null}."""
    if not isinstance(raw, list):
        raise ValueError("expected a JSON array of categories")
    try:
        items = [Category(str(item["key"]), str(item["label"]), item.get("unsur")) for item in raw]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"each category needs 'key' and 'label' ({exc})") from None
    return Categories(tuple(items))
