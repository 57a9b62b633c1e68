"""The suite's front door: the home page in Bahasa Indonesia (/) and the staff's start page (/petugas).

Every service registers it; on the suite's address the home service answers these paths
(shared/web/one_address.py). The staff page lists the staff workspaces: add yours to
`WORKSPACES`.
"""
from __future__ import annotations

from flask import render_template

from shared.principal import STAFF_ROLES
from shared.web.pages import PageBlueprint, html_errors, require_staff

blueprint = PageBlueprint("asn_home", __name__, description="The home page and the staff start page (HTML)")
html_errors(blueprint)

# (title, path, what it is for, the roles that see it): the staff start page lists these.
WORKSPACES = [
    ("Laporan evaluasi kebijakan", "/laporan", "Dasbor kompetensi ASN, kepuasan masyarakat dan pengaduan; "
     "petugas melihat tampilan sesuai perannya.", STAFF_ROLES),
    ("Konsultasi kebijakan", "/kebijakan/kelola", "Naskah kebijakan dan versinya, konsultasi publik, tanggapan "
     "warga dengan jawaban resminya, sesi konsultasi.", ("admin", "operator")),
    ("Survei Kepuasan Masyarakat", "/survei", "Pilih survei, lalu buka /survei/<id>/qr untuk mencetak kode QR "
     "dan lembar token.", ("admin", "operator")),
]


@blueprint.get("/")
def home():
    return render_template("asn/home.html")


@blueprint.get("/petugas")
def staff_home():
    principal = require_staff(*STAFF_ROLES)
    shown = [(title, path, what) for title, path, what, roles in WORKSPACES if principal.role in roles]
    return render_template("asn/staff_home.html", workspaces=shown)
