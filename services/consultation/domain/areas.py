"""Where in the city a report is about: one of Kota Tebingtinggi's 5 kecamatan and, optionally, a kelurahan.

The five kecamatan and "7 kelurahan each, 35 in all" are from public sources (BPS Kota Tebing
Tinggi; docs/domain.md, 'Kota Tebingtinggi'). Which kelurahan lies in which kecamatan is **not
confirmed**: the names below are kelurahan named in public texts about the city, placed by
best knowledge, and stand as demo data until the city's own list replaces them
(`KELURAHAN_CONFIRMED`). A report stores the keys, so renaming a label changes no data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KELURAHAN_CONFIRMED = False  # see the module docstring

_RAW: dict[str, tuple[str, ...]] = {
    "Padang Hulu": ("Bagelen", "Lalang", "Pabatu", "Persiakan", "Tualang", "Lubuk Baru", "Lubuk Raya"),
    "Padang Hilir": ("Tebing Tinggi Lama", "Damar Sari", "Deblod Sundoro", "Satria", "Tambangan",
                     "Tambangan Hulu", "Tebing Tinggi"),
    "Rambutan": ("Tanjung Marulak", "Tanjung Marulak Hilir", "Bandar Sono", "Rantau Laban", "Karya Jaya",
                 "Mekar Sentosa", "Sri Padang"),
    "Bajenis": ("Bandar Sakti", "Berohol", "Bulian", "Durian", "Pelita", "Pinang Mancung", "Teluk Karang"),
    "Tebing Tinggi Kota": ("Badak Bejuang", "Bandar Utama", "Mandailing", "Pasar Baru", "Pasar Gambir", "Rambung",
                           "Tebing Tinggi Kota"),
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@dataclass(frozen=True)
class Kecamatan:
    key: str
    name: str
    kelurahan: tuple[tuple[str, str], ...]  # (key, name)


KECAMATAN: tuple[Kecamatan, ...] = tuple(
    Kecamatan(_key(name), name, tuple((_key(k), k) for k in kelurahan)) for name, kelurahan in _RAW.items())
_BY_KEY = {k.key: k for k in KECAMATAN}


class AreaError(ValueError):
    pass


def check_area(kecamatan: str | None, kelurahan: str | None) -> tuple[str | None, str | None]:
    """The keys as given, or AreaError: a kelurahan needs its kecamatan, and must lie in it."""
    if not kecamatan:
        if kelurahan:
            raise AreaError("choose the kecamatan of the kelurahan")
        return None, None
    found = _BY_KEY.get(kecamatan)
    if found is None:
        raise AreaError(f"unknown kecamatan {kecamatan!r}")
    if kelurahan and kelurahan not in dict(found.kelurahan):
        raise AreaError(f"kelurahan {kelurahan!r} is not in Kecamatan {found.name}")
    return kecamatan, kelurahan or None


def area_label(kecamatan: str | None, kelurahan: str | None) -> str | None:
    """'Kel. Bandar Utama, Kec. Tebing Tinggi Kota', or the kecamatan alone, or None."""
    found = _BY_KEY.get(kecamatan or "")
    if found is None:
        return None
    kel = dict(found.kelurahan).get(kelurahan or "")
    return f"Kel. {kel}, Kec. {found.name}" if kel else f"Kec. {found.name}"
