"""The words the consultation pages use for the codes of policies, comments, texts and meetings (Bahasa Indonesia)."""
from __future__ import annotations

from services.consultation.domain.comments import MODERATION_LABELS, OUTCOME_LABELS
from services.consultation.domain.policy_lifecycle import LABELS as STATE_LABELS
from services.consultation.domain.policy_lifecycle import MOVE_LABELS
from services.consultation.domain.text_diff import CHANGE_LABELS

__all__ = ["STATE_LABELS", "MOVE_LABELS", "OUTCOME_LABELS", "MODERATION_LABELS", "CHANGE_LABELS", "FORMATS",
           "GROUPS", "FROZEN_FOR", "ACTIONS", "state", "groups"]

FORMATS = {"public_hearing": "Rapat dengar pendapat", "online": "Konsultasi daring", "workshop": "Lokakarya"}
GROUPS = {"government": "Pemerintah", "opd": "Perangkat daerah (OPD)", "community": "Masyarakat"}
FROZEN_FOR = {"consultation": "dikonsultasikan", "adoption": "ditetapkan"}
ACTIONS = {None: "Rancangan dibuat"}


def state(code: str) -> str:
    return STATE_LABELS.get(code, code)


def groups(codes) -> str:
    return ", ".join(GROUPS.get(code, code) for code in codes)
