"""Advisers' villages, profiles and office hours (visits), and residents' bookings."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.advice import access, clocks
from portal.advice.models import AdviserProfile, Assignment, Booking, Visit
from portal.auth.models import Role, User
from portal.errors import Conflict, NotAllowed, ValidationFailed
from portal.places.models import Place, PlaceKind

VILLAGE_KINDS = (PlaceKind.VILLAGE, PlaceKind.COMMUNITY)
MAX_REASON = 200
MAX_CANCEL_MESSAGE = 300
# How often `book` looks again after the database refused a slot someone took at the same moment.
BOOKING_ATTEMPTS = 3


def assign(session: Session, admin: User, adviser_id: int | None, place_id: int | None) -> Assignment:
    """The admin makes an adviser serve a village."""
    if admin.role is not Role.ADMIN:
        raise NotAllowed(_l("Only the administrator assigns advisers."))
    adviser = session.get(User, adviser_id) if adviser_id else None
    if adviser is None or adviser.role is not Role.ADVISER:
        raise ValidationFailed(_l("Choose a legal adviser."), field="adviser_id")
    place = session.get(Place, place_id) if place_id else None
    if place is None or place.kind not in VILLAGE_KINDS:
        raise ValidationFailed(_l("Choose a village or community."), field="place_id")
    if access.serves(session, adviser, place.id):
        raise Conflict(_l("%(name)s already serves %(place)s.", name=adviser.name, place=place.name))
    assignment = Assignment(adviser=adviser, place=place)
    session.add(assignment)
    session.flush()
    return assignment


def unassign(session: Session, admin: User, assignment: Assignment) -> None:
    """The admin ends an adviser's service of a village."""
    if admin.role is not Role.ADMIN:
        raise NotAllowed(_l("Only the administrator assigns advisers."))
    session.delete(assignment)
    session.flush()


def profile_of(session: Session, adviser: User) -> AdviserProfile:
    """The adviser's profile, created empty on first use."""
    return session.get(AdviserProfile, adviser.id) or AdviserProfile(user=adviser, law_firm="",
                                                                    show_phone=False)


def save_profile(session: Session, adviser: User, law_firm: str, show_phone: bool) -> AdviserProfile:
    """An adviser sets their law firm and whether residents see their phone number."""
    if adviser.role is not Role.ADVISER:
        raise NotAllowed(_l("Only legal advisers have this page."))
    profile = profile_of(session, adviser)
    profile.law_firm, profile.show_phone = (law_firm or "").strip()[:120], bool(show_phone)
    session.add(profile)
    session.flush()
    return profile


def advisers_of(session: Session, place_id: int | None) -> list[tuple[User, AdviserProfile]]:
    """The advisers serving a village, with their profiles."""
    if place_id is None:
        return []
    users = session.scalars(select(User).join(Assignment, Assignment.adviser_id == User.id)
                            .where(Assignment.place_id == place_id, User.active.is_(True))
                            .order_by(User.name))
    return [(user, profile_of(session, user)) for user in users]


def add_visit(session: Session, adviser: User, place_id: int | None, day: date | None,
              start_minute: int, end_minute: int, on: date | None = None) -> Visit:
    """An adviser plans office hours in one of their villages."""
    if adviser.role is not Role.ADVISER:
        raise NotAllowed(_l("Only legal advisers hold office hours."))
    if not access.serves(session, adviser, place_id):
        raise ValidationFailed(_l("Choose one of the villages you serve."), field="place_id")
    if day is None or day < (on or clocks.today()):
        raise ValidationFailed(_l("Choose a day from today on."), field="day")
    if not 0 <= start_minute < end_minute <= 24 * 60:
        raise ValidationFailed(_l("The office hours must end after they start."), field="end")
    visit = Visit(adviser=adviser, place_id=place_id, day=day, start_minute=start_minute,
                  end_minute=end_minute)
    session.add(visit)
    session.flush()
    return visit


def upcoming_visits(session: Session, place_id: int | None, on: date | None = None,
                    adviser_id: int | None = None) -> list[Visit]:
    """Visits from today on, in a village (or by an adviser), soonest first."""
    stmt = select(Visit).where(Visit.day >= (on or clocks.today()), Visit.cancelled.is_(False))
    if place_id is not None:
        stmt = stmt.where(Visit.place_id == place_id)
    if adviser_id is not None:
        stmt = stmt.where(Visit.adviser_id == adviser_id)
    return list(session.scalars(stmt.order_by(Visit.day, Visit.start_minute)))


def active_bookings(visit: Visit) -> list[Booking]:
    """The bookings of a visit that were not cancelled."""
    return [b for b in visit.bookings if not b.cancelled]


def book(session: Session, resident: User, visit: Visit, reason: str, share_phone: bool = False,
         on: date | None = None) -> Booking:
    """A resident takes the first free slot of a visit to their village."""
    if resident.role is not Role.RESIDENT or resident.place_id != visit.place_id:
        raise NotAllowed(_l("You can book office hours in your own village."))
    if visit.cancelled or visit.day < (on or clocks.today()):
        raise Conflict(_l("These office hours are no longer open for booking."))
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON:
        raise ValidationFailed(_l("Say in a few words what it is about (up to 200 characters)."),
                               field="reason")
    for _attempt in range(BOOKING_ATTEMPTS):
        booking = Booking(visit_id=visit.id, resident_id=resident.id,
                          slot=_first_free_slot(visit, resident), reason=reason,
                          share_phone=share_phone)
        saved = _insert_unless_refused(session, booking)
        # Either way the bookings we looked at may be stale: the next look reads them again.
        session.expire(visit, ["bookings"])
        if saved:
            return booking
    raise Conflict(_l("Many people are booking these office hours right now. Please try again."))


def _first_free_slot(visit: Visit, resident: User) -> int:
    """The slot to try, or the refusal if the resident already has one or none is left."""
    taken = active_bookings(visit)
    if any(b.resident_id == resident.id for b in taken):
        raise Conflict(_l("You already have a place at these office hours."))
    free = sorted(set(range(visit.capacity)) - {b.slot for b in taken})
    if not free:
        raise Conflict(_l("These office hours are fully booked."))
    return free[0]


def _insert_unless_refused(session: Session, booking: Booking) -> bool:
    """Insert the booking in a savepoint; False when a unique index refused it.

    Two residents (or one double click) may pick the same slot at the same instant; the partial
    unique indexes on advice_bookings let only one insert through, and the savepoint keeps the
    rest of the request's transaction usable for another try.
    """
    try:
        with session.begin_nested():
            session.add(booking)
    except IntegrityError:
        return False
    return True


def cancel_booking(session: Session, adviser: User, booking: Booking, message: str) -> None:
    """The adviser cancels a booking and tells the resident why."""
    if booking.visit.adviser_id != adviser.id:
        raise NotAllowed(_l("These are not your office hours."))
    message = (message or "").strip()
    if not message or len(message) > MAX_CANCEL_MESSAGE:
        raise ValidationFailed(_l("Tell the resident why (up to 300 characters)."), field="message")
    if booking.cancelled:
        raise Conflict(_l("This booking was already cancelled."))
    booking.cancelled, booking.cancel_message = True, message
    session.flush()


def bookings_of(session: Session, resident: User) -> list[Booking]:
    """A resident's bookings, newest visit first."""
    stmt = (select(Booking).join(Visit).where(Booking.resident_id == resident.id)
            .order_by(Visit.day.desc()))
    return list(session.scalars(stmt))
