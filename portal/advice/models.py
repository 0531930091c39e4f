"""Legal advice: questions, their threads, advisers' villages, FAQs and office hours."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.auth.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.places.models import Place


class Status(enum.StrEnum):
    """Where a question stands; only services.py and clocks.py change it."""

    NEW = "new"  # waiting for an adviser
    CLAIMED = "claimed"  # an adviser took it and is working on the answer
    INFO_REQUESTED = "info_requested"  # the adviser asked the resident for more information
    ANSWERED = "answered"  # the adviser answered; the resident may follow up or close it
    FOLLOW_UP = "follow_up"  # the resident wrote again after an answer or a request
    RESOLVED = "resolved"  # the resident marked it resolved
    EXPIRED = "expired"  # nobody answered within the expiry time


WAITING_FOR_ADVISER = frozenset({Status.NEW, Status.CLAIMED, Status.FOLLOW_UP})
UNANSWERED = frozenset({Status.NEW, Status.CLAIMED})
CLOSED = frozenset({Status.RESOLVED, Status.EXPIRED})


class MessageKind(enum.StrEnum):
    """What a message in a question's thread is."""

    ANSWER = "answer"
    INFO_REQUEST = "info_request"
    FOLLOW_UP = "follow_up"  # from the resident


class AdviserProfile(Base):
    """What residents see of an adviser besides the name: law firm and, if chosen, the phone."""

    __tablename__ = "advice_adviser_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    law_firm: Mapped[str] = mapped_column(String(120), default="")
    show_phone: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()


class Assignment(Base):
    """An adviser serves a village (村居法律顾问); the admin sets these."""

    __tablename__ = "advice_assignments"
    __table_args__ = (UniqueConstraint("adviser_id", "place_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    adviser_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)

    adviser: Mapped[User] = relationship()
    place: Mapped[Place] = relationship()


class Question(Base):
    """A resident's question and the state of its thread."""

    __tablename__ = "advice_questions"
    __table_args__ = (Index("ix_advice_questions_place_status", "place_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    category: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)
    may_publish: Mapped[bool] = mapped_column(default=False)
    share_phone: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), index=True, default=Status.NEW.value)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    first_answer_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rating: Mapped[int | None] = mapped_column()
    mediation_recommended: Mapped[bool] = mapped_column(default=False)
    legal_aid_hint: Mapped[bool] = mapped_column(default=False)
    asker_unread: Mapped[bool] = mapped_column(default=False)  # news the resident has not seen
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}

    asker: Mapped[User] = relationship(foreign_keys=[asker_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])
    place: Mapped[Place | None] = relationship()
    messages: Mapped[list[Message]] = relationship(
        back_populates="question", order_by="Message.id", cascade="all, delete-orphan")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="question", order_by="Attachment.id", cascade="all, delete-orphan")
    faq: Mapped[Faq | None] = relationship(back_populates="question", uselist=False)

    @property
    def status_enum(self) -> Status:
        return Status(self.status)


class Message(Base):
    """One entry in a question's thread after the question itself."""

    __tablename__ = "advice_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("advice_questions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    question: Mapped[Question] = relationship(back_populates="messages")
    author: Mapped[User] = relationship()


class Attachment(Base):
    """A photo or PDF sent with a question; the file lives under UPLOAD_DIR/advice/<question id>."""

    __tablename__ = "advice_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("advice_questions.id"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    original_name: Mapped[str] = mapped_column(String(120))
    stored_name: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    question: Mapped[Question] = relationship(back_populates="attachments")


class Faq(Base):
    """An answered question published with personal details masked."""

    __tablename__ = "advice_faqs"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("advice_questions.id"), unique=True)
    category: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(120))
    question_text: Mapped[str] = mapped_column(Text)
    answer_text: Mapped[str] = mapped_column(Text)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    question: Mapped[Question] = relationship(back_populates="faq")
    citations: Mapped[list[FaqCitation]] = relationship(
        back_populates="faq", cascade="all, delete-orphan")


class FaqCitation(Base):
    """An article an FAQ cites, so that the article's page can list the FAQ (law slug + number)."""

    __tablename__ = "advice_faq_citations"
    __table_args__ = (Index("ix_advice_faq_citations_article", "law", "number"),
                      UniqueConstraint("faq_id", "law", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    faq_id: Mapped[int] = mapped_column(ForeignKey("advice_faqs.id"), index=True)
    law: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column()

    faq: Mapped[Faq] = relationship(back_populates="citations")


class AskPreview(Base):
    """A resident was shown related articles before asking; `submitted` tells whether they asked."""

    __tablename__ = "advice_ask_previews"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    hits: Mapped[int] = mapped_column(default=0)
    submitted: Mapped[bool] = mapped_column(default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class Visit(Base):
    """An adviser's office hours in a village on one day (the schedule of visits)."""

    __tablename__ = "advice_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    adviser_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    start_minute: Mapped[int] = mapped_column()  # minutes after midnight, Baisha time
    end_minute: Mapped[int] = mapped_column()
    slot_minutes: Mapped[int] = mapped_column(default=20)
    cancelled: Mapped[bool] = mapped_column(default=False)

    adviser: Mapped[User] = relationship()
    place: Mapped[Place] = relationship()
    bookings: Mapped[list[Booking]] = relationship(
        back_populates="visit", order_by="Booking.slot", cascade="all, delete-orphan")

    @property
    def capacity(self) -> int:
        return max(0, (self.end_minute - self.start_minute) // max(1, self.slot_minutes))


class Booking(Base):
    """A resident's slot in a visit, with a short reason."""

    __tablename__ = "advice_bookings"
    # The database, not the Python check in office.book, keeps two residents booking at the same
    # instant from sharing a slot, and a double click from taking two places; cancelled bookings
    # free both.
    __table_args__ = (
        Index("ix_advice_bookings_visit_slot_active", "visit_id", "slot", unique=True,
              sqlite_where=text("NOT cancelled"), postgresql_where=text("NOT cancelled")),
        Index("ix_advice_bookings_visit_resident_active", "visit_id", "resident_id", unique=True,
              sqlite_where=text("NOT cancelled"), postgresql_where=text("NOT cancelled")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("advice_visits.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    slot: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(String(200))
    share_phone: Mapped[bool] = mapped_column(default=False)
    cancelled: Mapped[bool] = mapped_column(default=False)
    cancel_message: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    visit: Mapped[Visit] = relationship(back_populates="bookings")
    resident: Mapped[User] = relationship()
