"""Evidence uploads: photos and PDFs checked by their content, stored outside the web root."""
from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import access, workflow
from portal.disputes.models import Dispute, Evidence, Party
from portal.disputes.services import NotYourCase, record_event
from portal.errors import ValidationFailed

MAX_BYTES = 8 * 1024 * 1024
MAX_FILES_PER_CASE = 30
# Pillow format -> stored content type and extension; anything else is refused.
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
PDF = ("application/pdf", "pdf")
# Who may upload: the parties and the filing grid worker (as with "add information"), and mediators.
UPLOADERS = frozenset({workflow.Actor.APPLICANT, workflow.Actor.RESPONDENT,
                       workflow.Actor.GRID_WORKER, workflow.Actor.MEDIATOR})


@dataclass(frozen=True)
class Upload:
    """A file as received: its name as the sender gave it, and its bytes."""

    filename: str
    data: bytes


def sniff(data: bytes) -> tuple[str, str]:
    """Content type and extension judged from the bytes themselves; ValidationFailed otherwise."""
    if not data:
        raise ValidationFailed(_l("The file is empty."), field="files")
    if len(data) > MAX_BYTES:
        raise ValidationFailed(_l("The file is larger than 8 MB."), field="files")
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationFailed(_l("The PDF file is damaged."), field="files")
        return PDF
    return _sniff_image(data)


def _sniff_image(data: bytes) -> tuple[str, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombWarning, Image.DecompressionBombError):
        kind = None
    if kind not in IMAGE_FORMATS:
        raise ValidationFailed(_l("Only photos (JPEG, PNG, WebP) and PDF files can be uploaded."),
                               field="files")
    return IMAGE_FORMATS[kind]


def add_evidence(session: Session, who: access.Acting, dispute: Dispute, uploads: list[Upload],
                 storage: Path) -> list[Evidence]:
    """Check every file, then store them all; one bad file refuses the whole upload."""
    if not access.actors_for(who, dispute) & UPLOADERS:
        raise NotYourCase(_l("You may not add evidence to this case."))
    if not workflow.is_open(dispute.stage):
        raise ValidationFailed(_l("Evidence can only be added while the case is open."), field="files")
    if len(dispute.evidence) + len(uploads) > MAX_FILES_PER_CASE:
        raise ValidationFailed(_l("A case can hold at most 30 files."), field="files")
    checked = [(upload, sniff(upload.data)) for upload in uploads]
    folder = storage / str(dispute.id)
    folder.mkdir(parents=True, exist_ok=True)
    stored = []
    for upload, (content_type, ext) in checked:
        name = f"{secrets.token_hex(16)}.{ext}"
        (folder / name).write_bytes(upload.data)
        stored.append(Evidence(
            dispute=dispute, uploaded_by_id=who.id if isinstance(who, User) else None,
            party_id=who.id if isinstance(who, Party) else None,
            original_name=Path(upload.filename or "file").name[:120], stored_name=name,
            content_type=content_type, size=len(upload.data)))
    session.add_all(stored)
    names = ", ".join(e.original_name for e in stored)
    record_event(session, who, dispute, "add_evidence", dispute.stage, dispute.stage, names)
    return stored


def evidence_path(storage: Path, evidence: Evidence) -> Path:
    """Where the file of an evidence row lives."""
    return storage / str(evidence.dispute_id) / evidence.stored_name
