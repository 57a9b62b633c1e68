"""Alembic environment for the reporting service."""
from services.reporting.db.models import metadata
from shared.migrations import run_env

run_env(metadata)
