"""Alembic migrations per service: run on start, safe when several replicas start at once."""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, text

from shared.db import Database

log = logging.getLogger(__name__)
MIGRATION_LOCK = 7_211_001  # a fixed advisory-lock key: only one replica migrates at a time


def alembic_config(service: str, url: str) -> Config:
    package = importlib.import_module(f"services.{service}")
    script_location = Path(package.__file__).parent / "migrations"
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["service"] = service
    return cfg


def upgrade(service: str, db: Database) -> None:
    """Bring the service's database to the latest schema."""
    with db.engine.connect() as conn:
        if db.is_postgres:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
        try:
            cfg = alembic_config(service, db.url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        finally:
            if db.is_postgres:
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                conn.commit()
    log.info("%s database is at the latest migration", service)


def run_env(metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    from alembic import context

    connection = context.config.attributes.get("connection")
    if connection is None:
        db = Database(context.config.get_main_option("sqlalchemy.url"))
        with db.engine.connect() as connection:
            _run(context, connection, metadata)
            connection.commit()
    else:
        _run(context, connection, metadata)


def _run(context, connection, metadata: MetaData) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
