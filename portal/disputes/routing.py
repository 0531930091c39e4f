"""Which committee takes a case, and the case numbers it is known by."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.disputes.models import CaseCounter
from portal.disputes.workflow import Tier
from portal.places.models import Committee, Place, PlaceKind

VILLAGE_KINDS = (PlaceKind.VILLAGE, PlaceKind.COMMUNITY)


class NoCommittee(LookupError):
    """The place tree has no committee where the case should go (places need an admin's care)."""


def _county(place: Place) -> Place:
    node = place
    while node.parent is not None:
        node = node.parent
    return node


def _committee_at(place: Place | None) -> Committee:
    """The committee of `place`, or of the nearest place above it that has one."""
    node = place
    while node is not None:
        if node.committee is not None:
            return node.committee
        node = node.parent
    raise NoCommittee(place.name if place else "")


def route(villages: Iterable[Place]) -> Committee:
    """Small matters stay in the village, big ones in the township: the lowest committee common to all."""
    places = [p for p in villages if p is not None]
    if not places:
        raise NoCommittee("no place")
    if len({p.id for p in places}) == 1:
        return _committee_at(places[0])
    towns = {p.township.id if p.township else None for p in places}
    if len(towns) == 1 and None not in towns:
        return _committee_at(places[0].township)
    return _committee_at(_county(places[0]))


def tier_of(committee: Committee) -> Tier:
    """The workflow tier of a committee."""
    return Tier(committee.level.value)


def committee_above(committee: Committee) -> Committee:
    """Where a case escalates: the township's committee for a village, the county's for a township."""
    place = committee.place
    if place.kind in VILLAGE_KINDS:
        return _committee_at(place.township)
    if place.kind is PlaceKind.TOWNSHIP:
        return _committee_at(_county(place))
    raise NoCommittee("no tier above the county")


def next_case_number(session: Session, year: int) -> str:
    """The next BS-YYYY-NNNNNN; the counter row is locked by the UPDATE until the transaction ends."""
    last = session.scalar(
        update(CaseCounter).where(CaseCounter.year == year)
        .values(last=CaseCounter.last + 1).returning(CaseCounter.last)
    )
    if last is None:
        # First case of the year; a racing first filer fails on the primary key and can retry.
        session.add(CaseCounter(year=year, last=1))
        session.flush()
        last = 1
    return f"BS-{year}-{last:06d}"


def village_choices(session: Session) -> list[Place]:
    """Villages and communities, grouped by township then name, for the place pickers."""
    stmt = select(Place).where(Place.kind.in_(VILLAGE_KINDS))
    places = list(session.scalars(stmt))
    return sorted(places, key=lambda p: (p.parent.name if p.parent else "", p.name))
