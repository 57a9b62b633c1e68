"""One-time invitation tokens: how they look on paper, how a batch's tokens are derived, and how they are stored.

A token is 12 characters from an alphabet without look-alikes (0/O, 1/I), printed as XXXX-XXXX-XXXX:
60 bits, so its SHA-256 cannot be reversed by trying every token. Only the hash is stored.

A batch's tokens are not random draws kept somewhere: token i of batch b is HMAC-SHA256(secret,
"b:i") cut to 60 bits. The database holds the batch (id, count) and the hashes of the unused
tokens; the secret lives in the service's settings. So the sheet of a batch's unused tokens can be
printed again (derive every token, keep those whose hash is still stored), while a copy of the
database alone yields no token.
"""

import hashlib
import hmac

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each, so 60 bits make 12 without bias
LENGTH = 12
GROUP = 4
MAX_BATCH = 5000  # tokens issued at once: a large service unit's period, not a bulk dump


def _format(bits: int) -> str:
    raw = "".join(ALPHABET[(bits >> (5 * (LENGTH - 1 - i))) & 31] for i in range(LENGTH))
    return "-".join(raw[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def derive_token(secret: bytes, batch_id: str, index: int) -> str:
    """Token `index` (0-based) of batch `batch_id`: the same text every time, for this secret only."""
    digest = hmac.new(secret, f"{batch_id}:{index}".encode(), hashlib.sha256).digest()
    return _format(int.from_bytes(digest[:8], "big") >> 4)


def batch_tokens(secret: bytes, batch_id: str, count: int) -> list[str]:
    return [derive_token(secret, batch_id, i) for i in range(count)]


def normalize(token: str) -> str:
    """What a citizen types, in the canonical form: case, spaces and dashes do not matter."""
    return "".join(ch for ch in token.upper() if ch not in "- \t")


def printed(token: str) -> str:
    """A token as the card prints it (XXXX-XXXX-XXXX), whatever way it was typed."""
    raw = normalize(token)
    return "-".join(raw[i:i + GROUP] for i in range(0, len(raw), GROUP))


def token_hash(token: str) -> str:
    return hashlib.sha256(normalize(token).encode()).hexdigest()
