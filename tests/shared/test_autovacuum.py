"""The services' migrations give their hot tables their own autovacuum settings (docs/operations.md, "Autovacuum"),
so that a server with autovacuum on keeps the planner's statistics fresh as history grows."""
import pytest
from sqlalchemy import text

from shared.migrations import CHURNING, GROWING

HOT = {
    "personnel": {"inbox": GROWING, "outbox": GROWING, "training_records": GROWING},
    "consultation": {"inbox": GROWING, "outbox": GROWING},
    "survey": {"outbox": GROWING, "responses": GROWING, "campaign_tallies": CHURNING},
    "reporting": {"inbox": GROWING, "training_facts": GROWING, "employee_jp": GROWING, "report_revisions": CHURNING},
}


@pytest.mark.parametrize("service", sorted(HOT))
def test_a_migrated_database_has_autovacuum_settings_on_its_hot_tables(database_server, service):
    db = database_server.fresh(service)
    db.test_service = service
    try:
        with db.engine.connect() as conn:
            options = {name: dict(opt.split("=", 1) for opt in (reloptions or []))
                       for name, reloptions in conn.execute(text(
                           "SELECT relname, reloptions FROM pg_class WHERE relkind = 'r' "
                           "AND relnamespace = 'public'::regnamespace"))}
        for table, expected in HOT[service].items():
            assert {k: float(v) for k, v in options[table].items()} == {k: float(v) for k, v in expected.items()}, table
    finally:
        database_server.release(db)
