"""The events reporting consumes: type → handler, in one visible registry."""
from __future__ import annotations

from services.reporting.projections.training import TrainingRecordPayload, apply_training_state
from shared.consumer import Subscription

SUBSCRIPTIONS: dict[str, Subscription] = {
    "personnel.training.recorded": Subscription(TrainingRecordPayload(), apply_training_state),
    "personnel.training.updated": Subscription(TrainingRecordPayload(), apply_training_state),
    "personnel.training.revoked": Subscription(TrainingRecordPayload(), apply_training_state),
}
