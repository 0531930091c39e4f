"""Evidence for a case: who may add it, how many, and where each case keeps its files."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import access, workflow
from portal.disputes.authorisation import NotYourCase
from portal.disputes.models import Dispute, Evidence, Party
from portal.disputes.services import record_event
from portal.errors import ValidationFailed
from portal.uploads import Upload, sniff, store

MAX_FILES_PER_CASE = 30
# Who may upload: the parties and the filing grid worker (as with "add information"), and mediators.
UPLOADERS = frozenset({workflow.Actor.APPLICANT, workflow.Actor.RESPONDENT,
                       workflow.Actor.GRID_WORKER, workflow.Actor.MEDIATOR})


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
    stored = []
    for upload, (content_type, ext) in checked:
        name = store(folder, upload, ext)
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
