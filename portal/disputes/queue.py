"""The caseload queue: one SQL statement for a page of cases plus one count, whatever the page size.

Filters come from the query string and are checked against whitelists: a value that means
nothing is dropped and named, never passed to SQL and never a 500.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from portal.auth.models import Role, User
from portal.db import utcnow
from portal.disputes import access, clocks
from portal.disputes.caseload_models import Assignment, SupervisionNote
from portal.disputes.models import Dispute, MediationSession, Party
from portal.disputes.types import DisputeType
from portal.disputes.workflow import ACTIVE_STAGES, TIER_CLOCK_STAGES, Stage
from portal.notifications import Notification
from portal.places.models import Place, PlaceKind
from portal.web import Page

QUEUE_ROLES = (Role.MEDIATOR, Role.SUPERVISOR, Role.ADMIN)
FLAGS = ("overdue", "due_soon", "risk", "mine", "unassigned", "requested")
SORTS = ("deadline", "newest")
PER_PAGE = 20
MAX_QUERY = 60
_ON = {"1", "on", "y", "yes", "true"}
_SEP = "\x1f"  # between a party's kind, name and phone inside the aggregated column
# The stage choice for every case, ended ones too: a ledger (台账) of the year lists settled,
# closed, referred and withdrawn cases as well as those in progress (the list's default).
EVERY_STAGE = "all"


@dataclass(frozen=True)
class Filters:
    """What the queue shows: stage, type, village, yes/no flags, a search, the order."""

    stage: str = ""
    dispute_type: str = ""
    village: int | None = None
    flags: frozenset[str] = frozenset()
    query: str = ""
    sort: str = "deadline"

    def args(self) -> dict[str, str]:
        """The filters as URL arguments, for the pager and the export links."""
        found = {"stage": self.stage, "type": self.dispute_type, "village": str(self.village or ""),
                 "q": self.query, "sort": "" if self.sort == "deadline" else self.sort}
        found.update({flag: "1" for flag in self.flags})
        return {k: v for k, v in found.items() if v}


def _flag(args: Mapping[str, str], name: str, ignored: list[str]) -> bool:
    value = (args.get(name) or "").strip().lower()
    if value and value not in _ON | {"0", "off", "no", "false"}:
        ignored.append(name)
    return value in _ON


def parse(args: Mapping[str, str], villages: Collection[int]) -> tuple[Filters, list[str]]:
    """Filters from the query string, and the names of the arguments that were ignored."""
    ignored: list[str] = []
    stage, kind = (args.get("stage") or "").strip(), (args.get("type") or "").strip()
    if stage and stage != EVERY_STAGE and stage not in set(Stage):
        ignored.append("stage")
        stage = ""
    if kind and kind not in set(DisputeType):
        ignored.append("type")
        kind = ""
    village_arg = (args.get("village") or "").strip()
    village = int(village_arg) if village_arg.isdigit() and int(village_arg) in villages else None
    if village_arg and village is None:
        ignored.append("village")
    sort = (args.get("sort") or "deadline").strip()
    if sort not in SORTS:
        ignored.append("sort")
        sort = "deadline"
    flags = frozenset(f for f in FLAGS if _flag(args, f, ignored))
    query = " ".join((args.get("q") or "").split())[:MAX_QUERY]
    return Filters(stage, kind, village, flags, query, sort), ignored


def villages_for(session: Session, user: User) -> list[Place]:
    """The villages whose cases the user's list can hold, for the village filter."""
    centre = user.committee.place if user.committee else None
    stmt = select(Place).where(Place.kind.in_([PlaceKind.VILLAGE, PlaceKind.COMMUNITY]))
    if user.role is not Role.ADMIN and centre is None:
        return []
    if centre is not None and centre.kind is PlaceKind.TOWNSHIP:
        stmt = stmt.where(Place.parent_id == centre.id)
    elif centre is not None and centre.kind is not PlaceKind.COUNTY:
        stmt = stmt.where(Place.id == centre.id)
    return list(session.scalars(stmt.order_by(Place.parent_id, Place.name)))


def scope(session: Session, user: User) -> list[ColumnElement[bool]]:
    """The user's cases still on a list: the access rule in SQL, active stages only."""
    return [access.list_filter(session, user), Dispute.stage.in_([s.value for s in ACTIVE_STAGES])]


def overdue(today: date) -> ColumnElement[bool]:
    """Past the due date; a paused clock counts its due date as of the pause."""
    return and_(Dispute.due_on.is_not(None), Dispute.due_on < func.coalesce(Dispute.clock_paused_on, today))


def due_soon(today: date) -> ColumnElement[bool]:
    """Due within the next seven days (a paused clock is not running down)."""
    horizon = today + timedelta(days=clocks.DUE_SOON_DAYS)
    return and_(Dispute.clock_paused_on.is_(None), Dispute.due_on >= today, Dispute.due_on <= horizon)


def _active_assignment():
    return select(Assignment.dispute_id).where(Assignment.ended_at.is_(None))


def unassigned() -> ColumnElement[bool]:
    """No mediator works the case."""
    return ~exists(_active_assignment().where(Assignment.dispute_id == Dispute.id))


def _search(query: str) -> ColumnElement[bool]:
    # A correlated LIMIT 1 subquery, which no planner turns into a join over every party in the county:
    # only the cases already in the list are searched, each by its dispute_id index.
    by_name = select(Party.id).where(Party.dispute_id == Dispute.id, Party.name.contains(query, autoescape=True)) \
        .limit(1).scalar_subquery().is_not(None)
    clauses = [Dispute.number == query.upper(), by_name]
    if query.isdigit() and len(query) <= 6:
        clauses.append(Dispute.number.endswith(f"-{query.zfill(6)}"))
    return or_(*clauses)


def conditions(session: Session, user: User, filters: Filters, today: date) -> list[ColumnElement[bool]]:
    """The WHERE clauses of the user's queue with these filters."""
    found = scope(session, user)
    if filters.stage == EVERY_STAGE:
        del found[1]
    elif filters.stage:
        found[1] = Dispute.stage == filters.stage
    flag_clauses = {
        "overdue": lambda: overdue(today), "due_soon": lambda: due_soon(today),
        "risk": lambda: Dispute.risk_level.is_not(None), "unassigned": unassigned,
        "mine": lambda: Dispute.id.in_(_active_assignment().where(Assignment.user_id == user.id)),
        "requested": lambda: Dispute.other_mediator_requested.is_(True),
    }
    found += [flag_clauses[f]() for f in sorted(filters.flags)]
    if filters.dispute_type:
        found.append(Dispute.dispute_type == filters.dispute_type)
    if filters.village:
        found.append(Dispute.place_id == filters.village)
    if filters.query:
        found.append(_search(filters.query))
    return found


def order(sort: str) -> list:
    """較大 and 重大 first in every order; then the nearest due date, or the newest."""
    if sort == "newest":
        return [Dispute.risk_priority.desc(), Dispute.created_at.desc(), Dispute.id.desc()]
    return [Dispute.risk_priority.desc(), Dispute.due_on.is_(None), Dispute.due_on, Dispute.id]


@dataclass(frozen=True)
class Row:
    """One line of the queue, with phone numbers already masked."""

    number: str
    stage: str
    dispute_type: str
    tier: str
    village: str
    township: str | None
    parties: list[tuple[str, str, str]]
    risk_level: str | None
    due: date | None
    clock: clocks.Clock | None
    status: clocks.ClockStatus | None
    days_left: int | None
    next_session: datetime | None
    unread: int
    mediators: str
    notes_open: int
    other_mediator_requested: bool
    created_at: datetime


def mask_phone(phone: str) -> str:
    """138****5678: enough for a mediator to recognise a number, not to copy it (PML 15)."""
    digits = phone.strip()
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 8 else "****" if digits else ""


def _parties(aggregated: str | None) -> list[tuple[str, str, str]]:
    found = []
    for line in sorted((aggregated or "").split("\n")):
        if line:
            kind, name, phone = (line.split(_SEP) + ["", ""])[:3]
            found.append((kind, name, mask_phone(phone)))
    return found


def _row_select(user: User) -> Select:
    village, township = aliased(Place), aliased(Place)
    me = Dispute.id
    parties = select(func.aggregate_strings(Party.kind + _SEP + Party.name + _SEP + func.coalesce(Party.phone, ""),
                                            "\n")).where(Party.dispute_id == me).scalar_subquery()
    mediators = (select(func.aggregate_strings(User.name, "、")).select_from(Assignment)
                 .join(User, User.id == Assignment.user_id)
                 .where(Assignment.dispute_id == me, Assignment.ended_at.is_(None)).scalar_subquery())
    session_at = select(func.min(MediationSession.starts_at)).where(
        MediationSession.dispute_id == me, MediationSession.starts_at >= utcnow()).scalar_subquery()
    unread = select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.subject_type == "dispute",
        Notification.subject_id == me, Notification.read_at.is_(None)).scalar_subquery()
    notes = select(func.count(SupervisionNote.id)).where(
        SupervisionNote.dispute_id == me, SupervisionNote.acknowledged_at.is_(None)).scalar_subquery()
    return (select(Dispute.number, Dispute.stage, Dispute.dispute_type, Dispute.tier, village.name, township.name,
                   parties, Dispute.risk_level, Dispute.tier_due_on, Dispute.return_visit_due_on,
                   Dispute.clock_paused_on, session_at, unread, mediators, notes,
                   Dispute.other_mediator_requested, Dispute.created_at)
            .join(village, village.id == Dispute.place_id)
            .outerjoin(township, township.id == village.parent_id))


def _clock(stage: str, tier_due: date | None, visit_due: date | None, paused: date | None, today: date):
    if stage in TIER_CLOCK_STAGES and tier_due:
        due, clock = clocks.effective_due(tier_due, today, paused), clocks.Clock.TIER
        return due, clock, clocks.status(tier_due, today, paused), clocks.days_left(due, today)
    if stage == Stage.SETTLED and visit_due:
        return visit_due, clocks.Clock.RETURN_VISIT, clocks.status(visit_due, today), \
            clocks.days_left(visit_due, today)
    return None, None, None, None


def _row(values, today: date) -> Row:
    (number, stage, kind, tier, village, township, parties, risk, tier_due, visit_due, paused, session_at,
     unread, mediators, notes, requested, created) = values
    due, clock, status, left = _clock(stage, tier_due, visit_due, paused, today)
    return Row(number, stage, kind, tier, village, township, _parties(parties), risk, due, clock, status, left,
               session_at, unread or 0, mediators or "", notes or 0, bool(requested), created)


def page(session: Session, user: User, filters: Filters, today: date, number: int,
         per_page: int = PER_PAGE) -> Page[Row]:
    """One page of the queue: a count, then one statement for the rows and all they show."""
    where = conditions(session, user, filters, today)
    total = session.scalar(select(func.count()).select_from(Dispute).where(*where)) or 0
    ids = (select(Dispute.id).where(*where).order_by(*order(filters.sort))
           .limit(per_page).offset((number - 1) * per_page).subquery())
    stmt = _row_select(user).join(ids, ids.c.id == Dispute.id).order_by(*order(filters.sort))
    rows = [_row(values, today) for values in session.execute(stmt)]
    return Page(items=rows, page=number, per_page=per_page, total=total)
