"""The notification table: one row per recipient, pointing at a subject owned by another area."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User
from portal.db import Base, UTCDateTime, utcnow


class Kind(enum.StrEnum):
    """What happened. Add members freely: the column has no CHECK constraint, so no migration."""

    CASE_ACCEPTED = "case_accepted"
    CONSENT_REQUESTED = "consent_requested"
    SESSION_SCHEDULED = "session_scheduled"
    STAGE_CHANGED = "stage_changed"
    ASSIGNED_TO_YOU = "assigned_to_you"
    ESCALATED_TO_YOU = "escalated_to_you"
    DEADLINE_NEAR = "deadline_near"
    OVERDUE = "overdue"
    RISK_RAISED = "risk_raised"
    SUPERVISION_NOTE = "supervision_note"
    AGREEMENT_TERM_DUE = "agreement_term_due"
    RETURN_VISIT_DUE = "return_visit_due"
    QUESTION_ANSWERED = "question_answered"
    INFO_REQUESTED = "info_requested"
    QUESTION_EXPIRED = "question_expired"
    MEDIATOR_CHANGE_REQUESTED = "mediator_change_requested"


class Notification(Base):
    """Something a user should know about a subject, e.g. ("dispute", 12); read once opened."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The header's unread count and the centre's list both start from the user.
        Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
        Index("ix_notifications_user_id_created_at", "user_id", "created_at"),
        Index("ix_notifications_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(
        Enum(Kind, native_enum=False, length=40, create_constraint=False,
             values_callable=lambda e: [m.value for m in e]),
    )
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int]
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()

    @property
    def is_unread(self) -> bool:
        """True until the user opens it or marks everything read."""
        return self.read_at is None

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind} {self.subject_type}:{self.subject_id}>"
