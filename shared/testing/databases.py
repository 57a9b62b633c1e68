"""Fresh, migrated PostgreSQL databases for tests, cloned from a per-run template (fast)."""
from __future__ import annotations

import itertools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shared.db import Database
from shared.migrations import upgrade

_counter = itertools.count()


class DatabaseFactory:
    def __init__(self, server_url: str):
        url = make_url(server_url.replace("postgresql://", "postgresql+psycopg://", 1)
                       if server_url.startswith("postgresql://") else server_url)
        self.server_url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.prefix = f"asn_t{os.getpid()}"
        self.templates: dict[str, str] = {}
        self.created: list[str] = []
        self.opened: list[Database] = []

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)

    def url_for(self, name: str) -> str:
        return self.server_url.set(database=name).render_as_string(hide_password=False)

    def fresh(self, service: str) -> Database:
        """A new database for `service`, already at the latest migration."""
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
        self.opened.append(db)
        return db

    def close(self) -> None:
        for db in self.opened:
            db.engine.dispose()
        with self.admin.connect() as conn:
            for name in reversed(self.created):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()
