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


# Per-table autovacuum, set by each service's migrations (docs/operations.md, "Autovacuum"). The
# server's defaults (vacuum at 20 % dead rows, analyze at 10 % change) suit neither kind of hot table:
# GROWING: tables that grow with history and are read by key (inbox, outbox, records, read models):
#   analyze every 2 % of change, and vacuum inserted rows as often (PostgreSQL 13+), so the planner's
#   estimates and the visibility map keep up; at 20 % a 10-million-row inbox would wait for 2 million.
# CHURNING: small tables updated on every batch (tallies, report revisions, running survey tallies):
#   a fixed number of dead rows, not a fraction of a tiny table, or they bloat between runs.
GROWING = {"autovacuum_vacuum_scale_factor": 0.02, "autovacuum_vacuum_insert_scale_factor": 0.02,
           "autovacuum_analyze_scale_factor": 0.02}
CHURNING = {"autovacuum_vacuum_scale_factor": 0.0, "autovacuum_vacuum_threshold": 1000,
            "autovacuum_analyze_scale_factor": 0.0, "autovacuum_analyze_threshold": 1000}


def set_autovacuum(tables: dict[str, dict]) -> None:
    """In a migration: give each table its autovacuum storage parameters (PostgreSQL only; SQLite has none)."""
    from alembic import op

    if op.get_bind().dialect.name != "postgresql":
        return
    for table, params in tables.items():
        op.execute(f'ALTER TABLE "{table}" SET ({", ".join(f"{k} = {v}" for k, v in params.items())})')


def reset_autovacuum(tables: dict[str, dict]) -> None:
    """The downgrade of set_autovacuum: back to the server's defaults."""
    from alembic import op

    if op.get_bind().dialect.name != "postgresql":
        return
    for table, params in tables.items():
        op.execute(f'ALTER TABLE "{table}" RESET ({", ".join(params)})')
