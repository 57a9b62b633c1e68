"""Citizens' attachments: checked by content, images re-encoded without their metadata, stored, and served
only to the staff who may handle the report.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.consultation.db.models import Feedback, FeedbackAttachment
from services.consultation.domain.attachments import (
    JPEG,
    MAX_FILES,
    PNG,
    AttachmentError,
    check_count,
    check_file,
    safe_name,
)
from services.consultation.workflow.attachment_files import AttachmentStore
from services.consultation.workflow.feedback_views import load_for_handling
from shared.errors import Invalid, NotFound
from shared.principal import Principal

MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a phone's picture
MESSAGES = {
    "count": f"Lampiran paling banyak {MAX_FILES} berkas.",
    "type": "Lampiran harus berupa foto JPEG/PNG atau dokumen PDF.",
    "size": "Setiap lampiran paling besar 5 MB.",
    "image": "Berkas ini bukan gambar yang dapat dibuka.",
}


@dataclass(frozen=True)
class Upload:
    filename: str | None
    content: bytes


def _reencode(content: bytes, kind: str) -> bytes:
    """The picture alone, drawn again: EXIF (with GPS), XMP, comments and anything appended are left behind."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise AttachmentError("the image has too many pixels")
                image.load()
                # Phones store "which way is up" in EXIF; apply it before EXIF goes.
                upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise AttachmentError(f"not a readable image ({type(exc).__name__})") from None
    # A new image from the pixels alone has an empty `info`: nothing of the original's metadata can follow.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode in ("P", "PA") and upright.getpalette():
        clean.putpalette(upright.getpalette())
    out = io.BytesIO()
    if kind == JPEG:
        clean.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue()


def prepare(upload: Upload) -> tuple[str, bytes]:
    """(the real type, the bytes to keep), or AttachmentError."""
    kind = check_file(upload.content)
    return kind, (_reencode(upload.content, kind) if kind in (JPEG, PNG) else upload.content)


def _invalid(reason: str) -> Invalid:
    return Invalid("attachments", reason, indonesian=MESSAGES.get(reason, MESSAGES["type"]))


def check_uploads(uploads: list[Upload]) -> list[tuple[str, str, bytes]]:
    """Every upload checked and cleaned: (name, type, bytes); Invalid on "attachments" with the first problem."""
    try:
        check_count(len(uploads))
    except AttachmentError:
        raise _invalid("count") from None
    ready = []
    for upload in uploads:
        try:
            kind, content = prepare(upload)
        except AttachmentError as exc:
            text = str(exc)
            raise _invalid("size" if "MB" in text else "image" if "image" in text else "type") from None
        ready.append((safe_name(upload.filename, kind), kind, content))
    return ready


def attach(session: Session, fb: Feedback, ready: list[tuple[str, str, bytes]], store: AttachmentStore,
           now: datetime) -> list[FeedbackAttachment]:
    """Record checked files on a report and write them to the store, in the caller's transaction."""
    rows = []
    for name, kind, content in ready:
        row = FeedbackAttachment(feedback_id=fb.id, filename=name, content_type=kind, size=len(content),
                                 sha256=hashlib.sha256(content).hexdigest(), created_at=now)
        session.add(row)
        session.flush()
        store.write(session, row.id, content)
        rows.append(row)
    return rows


def attachments_of(session: Session, feedback_id: str) -> list[FeedbackAttachment]:
    return list(session.execute(select(FeedbackAttachment).where(FeedbackAttachment.feedback_id == feedback_id)
                                .order_by(FeedbackAttachment.created_at, FeedbackAttachment.id)).scalars())


def open_attachment(session: Session, principal: Principal, feedback_id: str, attachment_id: str,
                    store: AttachmentStore) -> tuple[FeedbackAttachment, bytes]:
    """An attachment's record and bytes, for staff who may handle its report; NotFound or Forbidden otherwise."""
    load_for_handling(session, principal, feedback_id)
    row = session.get(FeedbackAttachment, attachment_id)
    if row is None or row.feedback_id != feedback_id:
        raise NotFound("No such attachment.", indonesian="Lampiran tidak ditemukan.")
    try:
        return row, store.read(row.id)
    except FileNotFoundError:
        raise NotFound("The attachment's file is gone.", indonesian="Berkas lampiran tidak ditemukan.") from None



def download_headers(row: FeedbackAttachment) -> dict:
    """How every door serves a file: as a download of its checked type, never shown inline, never cached."""
    return {"Content-Disposition": f'attachment; filename="{row.filename}"', "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff"}
