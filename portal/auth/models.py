"""User accounts and roles."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.db import Base, UTCDateTime, utcnow
from portal.places.models import Committee, Place


class Role(enum.StrEnum):
    """What a user is to the portal; the access rules of every area are written in these."""

    RESIDENT = "resident"
    GRID_WORKER = "grid_worker"
    MEDIATOR = "mediator"
    SUPERVISOR = "supervisor"
    ADVISER = "adviser"
    ADMIN = "admin"


STAFF_ROLES = frozenset(Role) - {Role.RESIDENT}
COMMITTEE_ROLES = frozenset({Role.MEDIATOR, Role.SUPERVISOR})


class User(UserMixin, Base):
    """A person who logs in: a resident or a member of staff. The mobile number is the login."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        index=True,
    )
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committees.id"), index=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    email: Mapped[str | None] = mapped_column(String(254))  # optional: notifications by mail
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    place: Mapped[Place | None] = relationship()
    committee: Mapped[Committee | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_staff(self) -> bool:
        """True for everyone but residents."""
        return self.role in STAFF_ROLES

    def has_role(self, *roles: Role) -> bool:
        """True when the user has one of the roles."""
        return self.role in roles

    def set_password(self, password: str, method: str = "scrypt") -> None:
        """Store a salted hash of the password (scrypt unless the config says otherwise)."""
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
