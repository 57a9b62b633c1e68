"""Fresh, migrated PostgreSQL databases for tests, cloned from a per-run template (fast)."""
from __future__ import annotations

import itertools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shared.db import Database
from shared.migrations import upgrade

_counter = itertools.count()


def _empty(service: str, db: Database) -> None:
    import importlib

    metadata = importlib.import_module(f"services.{service}.db.models").metadata
    with db.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):  # DELETE beats TRUNCATE on tiny tables
            conn.execute(table.delete())


class DatabaseFactory:
    def __init__(self, server_url: str):
        url = make_url(server_url.replace("postgresql://", "postgresql+psycopg://", 1)
                       if server_url.startswith("postgresql://") else server_url)
        self.server_url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1, pool_pre_ping=True)
        self.prefix = f"asn_t{os.getpid()}"
        self.templates: dict[str, str] = {}
        self.created: list[str] = []
        self.opened: list[Database] = []
        self.free: dict[str, list[Database]] = {}

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)

    def url_for(self, name: str) -> str:
        return self.server_url.set(database=name).render_as_string(hide_password=False)

    def fresh(self, service: str) -> Database:
        """An empty database for `service` at the latest migration: a released one emptied, or a new one."""
        if self.free.get(service):
            db = self.free[service].pop()
            _empty(service, db)
            return db
        if service not in self.templates:
            template = f"{self.prefix}_{service}_tmpl"
            self._create(template)
            db = Database(self.url_for(template))
            upgrade(service, db)
            db.engine.dispose()
            self.templates[service] = template
        name = f"{self.prefix}_{service}_{next(_counter)}"
        self._create(name, template=self.templates[service])
        db = Database(self.url_for(name))
        db.test_service = service
        self.opened.append(db)
        return db

    def blank(self, label: str) -> Database:
        """A new empty database (no service's schema): for plumbing tests that create their own tables."""
        name = f"{self.prefix}_{label}_{next(_counter)}"
        self._create(name)
        db = Database(self.url_for(name))
        self.opened.append(db)
        return db

    def release(self, db: Database) -> None:
        """Give a database back for reuse: emptying one costs milliseconds, dropping one about a second."""
        db.engine.dispose()
        self.free.setdefault(db.test_service, []).append(db)

    def close(self) -> None:
        for db in self.opened:
            db.engine.dispose()
        with self.admin.connect() as conn:
            for name in reversed(self.created):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()
