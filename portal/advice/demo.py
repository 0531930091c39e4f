"""Demo data for legal advice (filled in below)."""
from __future__ import annotations

from sqlalchemy.orm import Session


def seed(session: Session) -> None:
    """Advisers' villages and office hours, and questions in every state; idempotent."""
