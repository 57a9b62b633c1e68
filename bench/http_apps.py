"""The two WSGI apps bench/http.py runs under gunicorn (`'bench.http_apps:personnel()'`).

- `personnel()`: personnel's own app, as compose starts it, except that API tokens are HS256 tokens
  signed with JWT_SECRET (as in the tests) instead of the identity provider's: verifying either is
  about 1 % of a request.
- `plain()`: the baseline, a plain Flask + SQLAlchemy Core endpoint that checks the same bearer
  token and inserts the same training-record row into the same table (same constraints), without
  the outbox, the idempotency key, the checks or the response schema.
"""
from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime

import jwt
from flask import Flask, jsonify, request
from sqlalchemy import MetaData, Table, create_engine, insert, select
from sqlalchemy.exc import IntegrityError

from shared.config import load_settings


def personnel():
    from services.personnel.app import create_app

    settings = load_settings("personnel", database_url=os.environ["DATABASE_URL"], broker_url=os.environ["BROKER_URL"],
                             jwt_secret=os.environ["JWT_SECRET"], migrate_on_start=False)
    return create_app(settings)


def plain():
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, pool_size=10, max_overflow=10)
    metadata = MetaData()
    records = Table("training_records", metadata, autoload_with=engine)
    programmes = Table("training_programmes", metadata, autoload_with=engine)
    with engine.connect() as conn:
        programme_ids = dict(conn.execute(select(programmes.c.code, programmes.c.id)).all())
    secret = os.environ["JWT_SECRET"]
    app = Flask("plain")

    @app.post("/api/v1/training-records")
    def record():
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            jwt.decode(token, secret, algorithms=["HS256"], options={"verify_aud": False})
        except jwt.PyJWTError:
            return jsonify(error="unauthorized"), 401
        data = request.get_json()
        row = {"id": str(uuid.uuid4()), "employee_id": data["employee_id"],
               "programme_id": programme_ids[data["programme_code"]],
               "start_date": date.fromisoformat(data["start_date"]), "end_date": date.fromisoformat(data["end_date"]),
               "jp": data["jp"], "status": data.get("status", "completed"),
               "certificate_number": data.get("certificate_number"), "source": "api", "version": 1,
               "created_at": datetime.now(UTC)}
        try:
            with engine.begin() as conn:
                conn.execute(insert(records).values(row))
        except IntegrityError:
            return jsonify(error="conflict"), 409
        return jsonify({**row, "start_date": data["start_date"], "end_date": data["end_date"],
                        "created_at": row["created_at"].isoformat()}), 201

    return app
