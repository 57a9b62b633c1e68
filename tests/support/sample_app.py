"""A tiny service built on the shared app factory, for testing the plumbing every service shares.

Its one resource, `notes`, has a workflow that raises each typed error on demand, and a write
protected by the shared Idempotency-Key decorator; a page blueprint calls the same workflow.
"""
from __future__ import annotations

import threading

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from shared.errors import Conflict, Forbidden, Invalid, NotFound
from shared.plumbing import add_plumbing_tables
from shared.web.app_factory import create_service_app
from shared.web.auth import acting_principal
from shared.web.idempotency import idempotent
from shared.web.pages import PageBlueprint, html_errors, look_blueprint

metadata = MetaData()
plumbing = add_plumbing_tables(metadata)
notes = Table("notes", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
              Column("text", String(200), nullable=False))

REFUSALS = {
    "missing": lambda: NotFound("No note has this id.", indonesian="Catatan tidak ditemukan."),
    "forbidden": lambda: Forbidden("Only the note's department may change it.",
                                   indonesian="Anda tidak berwenang mengubah catatan ini."),
    "conflict": lambda: Conflict("The note is closed.", allowed=["reopen"],
                                 indonesian="Catatan sudah ditutup."),
    "invalid": lambda: Invalid("text", "must not be empty", indonesian="Isi catatan tidak boleh kosong."),
    "closed": lambda: Conflict("The note is closed."),  # no Indonesian words: the page explains generically
}


class Gate:
    """Holds a write open inside its transaction until the test releases it."""

    def __init__(self):
        self.entered, self.release = threading.Event(), threading.Event()


def add_note(session, principal, text: str, gate: Gate | None = None) -> dict:
    """The use case: refuse on demand, else store the note."""
    if text in REFUSALS:
        raise REFUSALS[text]()
    if gate is not None and text.startswith("slow"):
        gate.entered.set()
        gate.release.wait(10)
    note_id = session.execute(notes.insert().values(text=text)).inserted_primary_key[0]
    return {"id": note_id, "text": text, "by": principal.subject}


def count_notes(db) -> int:
    with db.sessions() as session:
        return session.execute(select(func.count()).select_from(notes)).scalar_one()


class NoteSchema(Schema):
    id = fields.Integer(dump_only=True)
    text = fields.String(required=True)
    by = fields.String(dump_only=True)


def build(settings, db, gate: Gate | None = None):
    api = Blueprint("notes", __name__, url_prefix="/api/v1/notes")

    @api.route("")
    class Notes(MethodView):
        @api.arguments(NoteSchema)
        @idempotent("notes")
        @api.response(201, NoteSchema)
        def post(self, data, session):
            return add_note(session, acting_principal(), data["text"], gate)

    @api.route("/required")
    class NotesWithKey(MethodView):
        @api.arguments(NoteSchema)
        @idempotent("notes-required", required=True)
        @api.response(201, NoteSchema)
        def post(self, data, session):
            return add_note(session, acting_principal(), data["text"])

    pages = PageBlueprint("note_pages", __name__, url_prefix="/catatan")
    html_errors(pages)

    @pages.get("/<text>")
    def page(text):
        from shared.web.app_factory import service_context

        with service_context().transaction() as session:
            note = add_note(session, acting_principal(), text)
        return f"<p>Tersimpan: {note['text']}</p>"

    @pages.post("")
    def send():
        from flask import request

        from shared.web.app_factory import service_context

        with service_context().transaction() as session:
            note = add_note(session, acting_principal(), request.form.get("text", ""))
        return f"<p>Tersimpan: {note['text']}</p>", 201

    return create_service_app(settings, title="Sample", description="Plumbing under test", tables=plumbing,
                              blueprints=[api, pages, look_blueprint()], db=db)
