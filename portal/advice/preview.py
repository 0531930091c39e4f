"""Before asking: the knowledge base's articles, guides and FAQs for the question's text."""
from __future__ import annotations

import logging
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.advice.models import AskPreview
from portal.auth.models import User
from portal.kb.search import Hit, search

log = logging.getLogger(__name__)
RELATED_LIMIT = 5


def related(index_dir: Path | str, text: str, limit: int = RELATED_LIMIT) -> list[Hit]:
    """The best hits for a question; none when the index is missing (asking must still work)."""
    try:
        return search(index_dir, text, limit=limit).hits
    except Exception:  # noqa: BLE001 - a missing or broken index must not stop a question
        log.warning("knowledge-base search failed for the ask preview", exc_info=True)
        return []


def record_preview(session: Session, user: User, hits: int) -> str:
    """Remember that related articles were shown; the token comes back with the question."""
    token = secrets.token_hex(16)
    session.add(AskPreview(user_id=user.id, token=token, hits=hits))
    session.flush()
    return token


def mark_submitted(session: Session, user: User, token: str | None) -> None:
    """The resident asked after all: that preview did not answer the question."""
    if not token:
        return
    preview = session.scalar(select(AskPreview).where(AskPreview.token == token,
                                                      AskPreview.user_id == user.id))
    if preview is not None:
        preview.submitted = True
