"""Attachment bytes on disk, outside the database: ATTACHMENTS_DIR/<first two characters of the id>/<id>.

Files are written before the transaction that records them commits; if it rolls back they are
removed again, and files of erased reports are removed only once the erasure has committed, so
the database never names a file that is not there (a crash in between can at worst leave an
unnamed file behind, which no page can reach).
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session


class AttachmentStore:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def path(self, attachment_id: str) -> Path:
        return self.root / attachment_id[:2] / attachment_id

    def read(self, attachment_id: str) -> bytes:
        return self.path(attachment_id).read_bytes()

    def write(self, session: Session, attachment_id: str, content: bytes) -> None:
        """Write the file now; remove it if `session`'s transaction rolls back."""
        target = self.path(attachment_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".part")
        with open(temporary, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, target)
        event.listen(session, "after_rollback", lambda _session: self._remove(attachment_id), once=True)

    def delete_after_commit(self, session: Session, attachment_id: str) -> None:
        """Remove the file once `session`'s transaction has committed the rows' deletion."""
        event.listen(session, "after_commit", lambda _session: self._remove(attachment_id), once=True)

    def _remove(self, attachment_id: str) -> None:
        self.path(attachment_id).unlink(missing_ok=True)
