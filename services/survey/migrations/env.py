"""Alembic environment for the survey service."""
from services.survey.db.models import metadata
from shared.migrations import run_env

run_env(metadata)
