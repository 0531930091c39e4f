"""Account operations: registration, log-in with lock-out, passwords, profiles, staff."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import COMMITTEE_ROLES, Role, User
from portal.errors import DomainError, ValidationFailed
from portal.i18n import LOCALES
from portal.places.models import Place, PlaceKind

PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
# Deliberately loose (one @, a dot in the domain, no spaces): the mail server has the last word.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
RESIDENT_PLACE_KINDS = (PlaceKind.VILLAGE, PlaceKind.COMMUNITY)


@dataclass(frozen=True)
class PasswordPolicy:
    """How passwords are checked and hashed (from the app config)."""

    min_length: int = 8
    hash_method: str = "scrypt"
    max_failures: int = 5
    lock_minutes: int = 15


class BadCredentials(DomainError):
    """Phone or password wrong; deliberately does not say which."""


class AccountLocked(DomainError):
    """Too many failed log-ins; `until` says when the lock ends."""

    def __init__(self, message: object, until: datetime) -> None:
        super().__init__(message)
        self.until = until


def normalise_phone(raw: str) -> str:
    """Digits only, so that '138 0013 8000' and '138-0013-8000' are the same number."""
    return re.sub(r"[\s\-]", "", raw or "")


def check_phone(phone: str) -> None:
    """Refuse anything that is not an 11-digit mainland mobile number."""
    if not PHONE_PATTERN.match(phone):
        raise ValidationFailed(_l("Enter an 11-digit mobile number, e.g. 13812345678."), "phone")


def check_password_strength(password: str, policy: PasswordPolicy, field: str = "password") -> None:
    """Refuse a password shorter than the policy allows."""
    if len(password) < policy.min_length:
        raise ValidationFailed(
            _l("The password must have at least %(n)d characters.", n=policy.min_length), field
        )


def _phone_free(session: Session, phone: str) -> None:
    if session.scalar(select(User.id).where(User.phone == phone)) is not None:
        raise ValidationFailed(_l("This mobile number is already registered."), "phone")


def _resident_village(session: Session, place_id: int | None) -> Place:
    place = session.get(Place, place_id) if place_id else None
    if place is None or place.kind not in RESIDENT_PLACE_KINDS:
        raise ValidationFailed(_l("Choose your village from the list."), "village")
    return place


def register_resident(
    session: Session, *, phone: str, name: str, village_id: int | None, password: str,
    policy: PasswordPolicy,
) -> User:
    """Create a resident's account."""
    phone = normalise_phone(phone)
    check_phone(phone)
    _phone_free(session, phone)
    village = _resident_village(session, village_id)
    check_password_strength(password, policy)
    user = User(phone=phone, name=name.strip(), role=Role.RESIDENT, place=village)
    user.set_password(password, policy.hash_method)
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, *, phone: str, password: str, now: datetime, policy: PasswordPolicy
) -> User:
    """The user with this phone and password; counts failures and locks the account."""
    user = session.scalar(select(User).where(User.phone == normalise_phone(phone)))
    if user is None or not user.active:
        raise BadCredentials(_l("The mobile number or the password is wrong."))
    if user.locked_until and user.locked_until > now:
        raise AccountLocked(_lock_message(policy), user.locked_until)
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= policy.max_failures:
            user.failed_logins = 0
            user.locked_until = now + timedelta(minutes=policy.lock_minutes)
            raise AccountLocked(_lock_message(policy), user.locked_until)
        raise BadCredentials(_l("The mobile number or the password is wrong."))
    user.failed_logins = 0
    user.locked_until = None
    return user


def _lock_message(policy: PasswordPolicy) -> object:
    return _l(
        "After %(n)d wrong passwords this account is locked for %(minutes)d minutes. "
        "Please try again later.",
        n=policy.max_failures,
        minutes=policy.lock_minutes,
    )


def change_password(
    session: Session, user: User, *, current: str, new: str, policy: PasswordPolicy
) -> None:
    """Replace the password after checking the current one."""
    if not user.check_password(current):
        raise ValidationFailed(_l("The current password is wrong."), "current_password")
    check_password_strength(new, policy, "new_password")
    user.set_password(new, policy.hash_method)


def clean_email(raw: str | None) -> str | None:
    """The address trimmed, or None when empty; refuses anything that is not an address."""
    email = (raw or "").strip()
    if not email:
        return None
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        raise ValidationFailed(_l("Enter an email address such as name@example.com, or leave it empty."),
                               "email")
    return email


def update_profile(
    session: Session, user: User, *, name: str, village_id: int | None, locale: str | None,
    email: str | None = None,
) -> None:
    """Change name, village (residents only), language and email (None keeps it, "" removes it)."""
    new_email = clean_email(email) if email is not None else user.email
    user.name = name.strip()
    if user.role is Role.RESIDENT:
        user.place = _resident_village(session, village_id)
    user.locale = locale if locale in LOCALES else None
    user.email = new_email


def create_staff(
    session: Session, *, phone: str, name: str, role: Role, place_id: int | None,
    password: str, policy: PasswordPolicy,
) -> User:
    """Create a staff account; mediators and supervisors join their place's committee."""
    if role is None or role is Role.RESIDENT:
        raise ValidationFailed(_l("Choose a staff role; residents register themselves."), "role")
    phone = normalise_phone(phone)
    check_phone(phone)
    _phone_free(session, phone)
    place = session.get(Place, place_id) if place_id else None
    if place is None:
        raise ValidationFailed(_l("Choose a place."), "place")
    if role is Role.SUPERVISOR and place.kind not in (PlaceKind.TOWNSHIP, PlaceKind.COUNTY):
        raise ValidationFailed(_l("A supervisor heads a township or the county centre."), "place")
    check_password_strength(password, policy)
    user = User(phone=phone, name=name.strip(), role=role, place=place)
    if role in COMMITTEE_ROLES:
        if place.committee is None:
            raise ValidationFailed(_l("This place has no mediation committee."), "place")
        user.committee = place.committee
    user.set_password(password, policy.hash_method)
    session.add(user)
    session.flush()
    return user


def policy_from_config(config: dict) -> PasswordPolicy:
    """The password policy an app is configured with."""
    return PasswordPolicy(
        min_length=config["PASSWORD_MIN_LENGTH"],
        hash_method=config.get("PASSWORD_HASH_METHOD", "scrypt"),
        max_failures=config["LOGIN_MAX_FAILURES"],
        lock_minutes=config["LOGIN_LOCK_MINUTES"],
    )
