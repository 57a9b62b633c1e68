"""HotStatement (shared/db.py): the hot write path's statements run on psycopg itself, yet a failure looks
to the rest of the code exactly as it would through SQLAlchemy."""
import pytest
from sqlalchemy import (
    JSON,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from shared.db import Database, HotStatement, is_transient

metadata = MetaData()
people = Table("people", metadata, Column("id", Integer, primary_key=True), Column("name", String(20), unique=True),
               Column("notes", JSON))
BY_NAME = HotStatement(select(people.c.id, people.c.name).where(people.c.name == bindparam("name")))
ADD = HotStatement(insert(people).values(id=bindparam("id"), name=bindparam("name")).returning(people.c.id))


@pytest.fixture
def db(database_server):
    db = Database(database_server.blank("hot_statement").url)
    metadata.create_all(db.engine)
    return db


def test_rows_are_what_sqlalchemy_reads(db):
    with db.engine.begin() as conn:
        assert ADD.rows(conn, {"id": 1, "name": "Siti"}) == [(1,)]
        assert BY_NAME.rows(conn, {"name": "Siti"}) == [tuple(r) for r in conn.execute(
            select(people.c.id, people.c.name).where(people.c.name == "Siti"))] == [(1, "Siti")]
        assert BY_NAME.rows(conn, {"name": "nobody"}) == []
    with db.engine.connect() as conn:  # the write committed with the transaction it ran in
        assert conn.execute(select(people.c.name)).scalars().all() == ["Siti"]


@pytest.mark.parametrize("dialect", ["postgresql", "sqlite"])
def test_count_is_how_many_rows_a_write_wrote(db, tmp_path, dialect):
    if dialect == "sqlite":
        db = Database(f"sqlite:///{tmp_path}/count.db")
        metadata.create_all(db.engine)
    rename = HotStatement(people.update().where(people.c.name == bindparam("old")).values(name=bindparam("new")))
    with db.engine.begin() as conn:
        ADD.rows(conn, {"id": 1, "name": "Siti"})
        assert rename.count(conn, {"old": "Siti", "new": "Sri"}) == 1
        assert rename.count(conn, {"old": "Siti", "new": "Ani"}) == 0
    with db.engine.connect() as conn:
        assert conn.execute(select(people.c.name)).scalars().all() == ["Sri"]


def test_values_the_statement_carries_itself_are_sent_with_the_callers(db):
    named = HotStatement(select(literal("Ibu").label("title"), people.c.name).where(people.c.id == bindparam("id")))
    with db.engine.begin() as conn:
        ADD.rows(conn, {"id": 1, "name": "Siti"})
        assert named.rows(conn, {"id": 1}) == [("Ibu", "Siti")]


def test_a_refused_write_is_sqlalchemys_integrity_error_and_the_transaction_rolls_back(db):
    # The API's error handlers know SQLAlchemy's classes: an IntegrityError is a 409, never a 500
    # logged with the server's message (which quotes the row's values).
    with pytest.raises(IntegrityError):
        with db.engine.begin() as conn:
            ADD.rows(conn, {"id": 1, "name": "Siti"})
            ADD.rows(conn, {"id": 2, "name": "Siti"})
    with db.engine.connect() as conn:
        assert conn.execute(select(people.c.id)).all() == []


def test_a_connection_killed_mid_transaction_is_invalidated_and_the_pool_replaces_it(db):
    with db.engine.connect() as conn:
        killed = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
        with pytest.raises(DBAPIError) as caught:
            BY_NAME.rows(conn, {"name": "Siti"})
        assert caught.value.connection_invalidated and is_transient(caught.value)  # a 5xx to retry, not a bad row
    with db.engine.connect() as conn:  # no ping needed: the dead connection never went back to the pool
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar() != killed


def test_a_parameter_that_needs_sqlalchemys_type_processing_is_refused_at_first_use(db):
    notes = HotStatement(insert(people).values(id=bindparam("id"), notes=bindparam("notes", type_=JSON)))
    with db.engine.begin() as conn, pytest.raises(TypeError, match="notes"):
        notes.rows(conn, {"id": 1, "notes": {"a": 1}})


def test_on_sqlite_the_statement_runs_through_sqlalchemy():
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        assert ADD.rows(conn, {"id": 7, "name": "Budi"}) == [(7,)]
        assert [tuple(row) for row in BY_NAME.rows(conn, {"name": "Budi"})] == [(7, "Budi")]
