"""Signing out of the staff pages (until the shared sign-in provides its own link, which replaces this one)."""
from __future__ import annotations

from flask import url_for

from services.personnel.pages.blueprint import blp
from shared.web.pages import sign_out as end_sign_in


@blp.get("/keluar")
def sign_out():
    return end_sign_in(url_for(".search"), "/")
