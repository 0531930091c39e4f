"""Photos and PDFs sent with a question: checked by content (portal.uploads), stored privately."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.advice.models import Attachment, Question
from portal.auth.models import User
from portal.errors import NotAllowed, ValidationFailed
from portal.uploads import Upload, sniff, store

MAX_FILES = 5

__all__ = ["Upload", "add_attachments", "attachment_path", "check_uploads"]


def check_uploads(uploads: list[Upload]) -> list[tuple[Upload, tuple[str, str]]]:
    """Each upload with its content type and extension, judged from its bytes; one bad file refuses all."""
    if len(uploads) > MAX_FILES:
        raise ValidationFailed(_l("You can send at most 5 files with a question."), field="files")
    return [(upload, sniff(upload.data)) for upload in uploads]


def add_attachments(session: Session, uploader: User, question: Question, uploads: list[Upload],
                    storage: Path) -> list[Attachment]:
    """Check every file first, then store them under storage/<question id>/ with random names."""
    if question.asker_id != uploader.id:
        raise NotAllowed(_l("Only the person who asked can add files."))
    if len(question.attachments) + len(uploads) > MAX_FILES:
        raise ValidationFailed(_l("You can send at most 5 files with a question."), field="files")
    checked = check_uploads(uploads)
    folder = storage / str(question.id)
    stored = []
    for upload, (content_type, ext) in checked:
        name = store(folder, upload, ext)
        stored.append(Attachment(
            question=question, uploaded_by_id=uploader.id, stored_name=name,
            original_name=Path(upload.filename or "file").name[:120],
            content_type=content_type, size=len(upload.data)))
    session.add_all(stored)
    return stored


def attachment_path(storage: Path, attachment: Attachment) -> Path:
    """Where an attachment's file lives."""
    return storage / str(attachment.question_id) / attachment.stored_name
