"""The reporting worker: consumes everyone's events into the read models, announces changed reports,
relays its own events, and answers replay requests (shared)."""
from __future__ import annotations

from collections.abc import Mapping

from services.reporting.config import Config, load_config
from services.reporting.db.models import plumbing
from services.reporting.handlers import SUBSCRIPTIONS
from services.reporting.workflow.announce import announcer_loop
from shared.config import Settings, load_settings
from shared.startup import refuse_insecure_start
from shared.worker import run_worker, standard_loops

SERVICE = "reporting"


def reporting_settings(config: Config | None = None, env: Mapping[str, str] | None = None, **overrides) -> Settings:
    """The shared settings from the environment, with reporting's larger consumer batches where it is silent
    (config.CONSUMER_DEFAULTS); keyword overrides win over both."""
    config = config or load_config(env)
    return load_settings(SERVICE, env, **{**config.settings_defaults, **overrides})


def loops(settings: Settings, db, config: Config):
    """Everything this worker runs, as (name, loop) pairs; all-in-one mode runs the same."""
    return [*standard_loops(settings, db, plumbing, SUBSCRIPTIONS),
            ("announcer", announcer_loop(settings, db, config.rules))]


def main(settings: Settings | None = None, config: Config | None = None, stop=None, install_signals=True):
    config = config or load_config()
    if settings is None:
        settings = refuse_insecure_start(reporting_settings(config), web=False)
    run_worker(SERVICE, loops, config=config, settings=settings,
               stop=stop, install_signals=install_signals)


if __name__ == "__main__":
    main()
