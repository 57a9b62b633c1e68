"""One-time invitation tokens: how they look on paper, and the only form in which they are stored.

A token is 12 characters from an alphabet without look-alikes (0/O, 1/I), printed as XXXX-XXXX-XXXX:
60 random bits, so its SHA-256 cannot be reversed by trying every token. Only the hash is stored.
"""

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4
MAX_BATCH = 5000  # tokens issued at once: a large service unit's period, not a bulk dump


def new_token() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize(token: str) -> str:
    """What a citizen types, in the canonical form: case, spaces and dashes do not matter."""
    return "".join(ch for ch in token.upper() if ch not in "- \t")


def token_hash(token: str) -> str:
    return hashlib.sha256(normalize(token).encode()).hexdigest()
