"""Caseload tables: who works a case, supervision notes, return visits, ratings, reminders sent."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.disputes.models import Dispute, Party


class Assignment(Base):
    """A mediator of the committee working a case; ended (not deleted) when reassigned."""

    __tablename__ = "dispute_assignments"
    __table_args__ = (Index("ix_dispute_assignments_user_active", "user_id", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    dispute: Mapped[Dispute] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class SupervisionNote(Base):
    """督办: a supervisor's instruction on a case, which the mediator must acknowledge."""

    __tablename__ = "dispute_supervision_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_name: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    acknowledged_by_name: Mapped[str | None] = mapped_column(String(60))

    dispute: Mapped[Dispute] = relationship()


class ReturnVisit(Base):
    """回访 (PML 31): when and how the committee went back, and what the parties said."""

    __tablename__ = "dispute_return_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(8))  # home | phone | office
    parties_said: Mapped[str] = mapped_column(Text)
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    mediator_name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Rating(Base):
    """A party's rating of the mediation service: 1–5 and a comment, once per party."""

    __tablename__ = "dispute_ratings"
    __table_args__ = (UniqueConstraint("dispute_id", "party_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("dispute_parties.id"))
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    party: Mapped[Party] = relationship()


class Reminder(Base):
    """A reminder sent about a case on a day: `disputes remind` sends each at most once a day."""

    __tablename__ = "dispute_reminders"
    __table_args__ = (UniqueConstraint("dispute_id", "kind", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    sent_on: Mapped[date] = mapped_column(Date)
