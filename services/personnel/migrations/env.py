"""Alembic environment for the personnel service."""
from services.personnel.db.models import metadata
from shared.migrations import run_env

run_env(metadata)
