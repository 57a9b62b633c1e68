"""A per-endpoint cap on the request body, so a public form cannot be used to upload megabytes."""
from __future__ import annotations

import functools

from flask import request
from flask_smorest import abort

# A 5000-character text is at most ~30 KB of escaped JSON; anything far beyond is not a form.
MAX_BODY_BYTES = 64 * 1024


def limit_body(max_bytes: int):
    """413 for a body over `max_bytes`, checked before anything parses it."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if (request.content_length or 0) > max_bytes:
                abort(413, message=f"The request body is larger than {max_bytes // 1024} KB.")
            request.max_content_length = max_bytes  # also caps chunked bodies without a length
            return view(*args, **kwargs)

        return wrapper

    return decorator
