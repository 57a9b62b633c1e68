"""What a citizen may attach to a report: up to 3 files of 5 MB, JPEG, PNG or PDF, known by their content.

A file's name and the browser's Content-Type are the sender's claims; the first bytes are not.
`sniff` reads the signature ("magic bytes") of the three formats; images are then decoded and
re-encoded (workflow/attachments.py) so that whatever else they carry (EXIF, GPS) is dropped.
See docs/complaints.md, 'Attachments'.
"""
from __future__ import annotations

import re

MAX_FILES = 3
MAX_BYTES = 5 * 1024 * 1024
JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
EXTENSIONS = {JPEG: "jpg", PNG: "png", PDF: "pdf"}
# A form with three full files and its text fields: what the form's blueprint accepts at most.
MAX_UPLOAD_BODY = MAX_FILES * MAX_BYTES + 256 * 1024


class AttachmentError(ValueError):
    pass


def sniff(head: bytes) -> str | None:
    """The type the content says it is (by its signature), or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    return None


def check_count(n: int) -> None:
    if n > MAX_FILES:
        raise AttachmentError(f"at most {MAX_FILES} attachments")


def check_file(content: bytes) -> str:
    """The file's real type, or AttachmentError (empty, too large, or not JPEG/PNG/PDF)."""
    if not content:
        raise AttachmentError("the file is empty")
    if len(content) > MAX_BYTES:
        raise AttachmentError(f"a file may be at most {MAX_BYTES // (1024 * 1024)} MB")
    kind = sniff(content[:16])
    if kind is None:
        raise AttachmentError("only JPEG, PNG and PDF files are accepted")
    return kind


def safe_name(filename: str | None, kind: str) -> str:
    """A name to show staff: the citizen's, reduced to plain characters, with the extension of its real type."""
    stem = re.sub(r"\.[^.]*$", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = re.sub(r"[^A-Za-z0-9 _-]+", "", stem).strip()[:80] or "lampiran"
    return f"{stem}.{EXTENSIONS[kind]}"
