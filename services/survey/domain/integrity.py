"""The soft controls of an open campaign (one answer per device, a limit per address, a challenge).

Tokens are the hard control (docs/domain.md, 'Anonymity and fraud': a limit per browser or address
does not stop ballot stuffing, a one-use token does). A campaign without tokens still gets the soft
controls that e-SKM tools use; a token campaign needs none of them, and a counter tablet shared by
many citizens must use tokens, since a device marker would turn away the second citizen.
"""
from collections.abc import Sequence

REPEAT, RATE, CHALLENGE = "repeat", "rate", "challenge"
# Why a response was refused, as staff read it.
REFUSAL_LABELS: dict[str, str] = {
    REPEAT: "Perangkat yang sama sudah mengisi",
    RATE: "Terlalu banyak dari satu alamat jaringan",
    CHALLENGE: "Gagal pemeriksaan anti-robot",
}
MARKER_KEEPS = 50  # campaigns one device remembers having answered (the oldest are forgotten)


def soft_controls_apply(requires_token: bool) -> bool:
    return not requires_token


def already_answered(answered: Sequence[str], campaign_id: str) -> bool:
    return campaign_id in answered


def remember(answered: Sequence[str], campaign_id: str) -> list[str]:
    """The device's list of answered campaigns after answering this one (newest last, bounded)."""
    kept = [c for c in answered if c != campaign_id] + [campaign_id]
    return kept[-MARKER_KEEPS:]
