"""Alembic environment for the consultation service."""
from services.consultation.db.models import metadata
from shared.migrations import run_env

run_env(metadata)
