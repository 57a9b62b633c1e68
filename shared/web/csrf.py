"""CSRF protection for every state-changing form on the pages (Flask-WTF), never for the JSON API.

Pages put `<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">` in each form; a
post without it, or with a stale one, gets the Indonesian 400 page. The JSON API is exempt: it
authenticates with a bearer token in a header, which a cross-site form cannot send.
"""
from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFError, CSRFProtect

from shared.web.pages import PageBlueprint

MESSAGE = ("Formulir ini sudah kedaluwarsa atau tidak dikirim dari halaman layanan ini. "
           "Muat ulang halaman, lalu kirim lagi.")


def protect_pages(app: Flask) -> None:
    protection = CSRFProtect(app)
    for blueprint in app.blueprints.values():
        if not isinstance(blueprint, PageBlueprint):
            protection.exempt(blueprint)

    @app.errorhandler(CSRFError)
    def refused(exc: CSRFError):
        from flask import render_template

        return render_template("asn/error.html", status=400, title="Formulir tidak dapat diproses",
                               message=MESSAGE, detail=None), 400
