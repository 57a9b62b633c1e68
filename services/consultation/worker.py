"""The consultation worker: outbox relay, the consumer of personnel's department events, the deadline sweep,
overdue improvement actions, citizens' e-mail (the mail outbox), retention, and the closing of consultations at
their closing date."""
from __future__ import annotations

from services.consultation.config import Config, load_config
from services.consultation.db.models import plumbing
from services.consultation.handlers import SUBSCRIPTIONS
from services.consultation.workflow.consultation_close import consultation_close_loop
from services.consultation.workflow.deadline_sweep import deadline_sweep_loop
from services.consultation.workflow.improvement_sweep import overdue_actions_loop
from services.consultation.workflow.notifications import mail_loop
from services.consultation.workflow.retention import retention_loop
from shared.worker import run_worker, standard_loops

SERVICE = "consultation"


def loops(settings, db, config: Config):
    """Everything this worker runs, as (name, loop) pairs; all-in-one mode runs the same."""
    return [*standard_loops(settings, db, plumbing, SUBSCRIPTIONS),
            ("deadline-sweep", deadline_sweep_loop(db, config.sweep_seconds)),
            ("improvement-overdue", overdue_actions_loop(db, config.sweep_seconds)),
            ("mail", mail_loop(db, config)),
            ("retention", retention_loop(db, config)),
            ("consultation-close", consultation_close_loop(db, config.close_seconds))]


def main(settings=None, config: Config | None = None, stop=None, install_signals=True):
    run_worker(SERVICE, loops, config=config or load_config(), settings=settings, stop=stop,
               install_signals=install_signals)


if __name__ == "__main__":
    main()
