"""Places: the county tree, villages added by hand or imported from CSV, renaming."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.errors import Conflict, DomainError, ValidationFailed
from portal.places.models import Committee, Place, PlaceKind

COUNTY_NAME = "白沙黎族自治县"
# The county's real townships (DOMAIN.md); villages are data that admins import.
TOWNSHIPS = (
    "牙叉镇", "七坊镇", "邦溪镇", "打安镇", "元门乡", "南开乡",
    "阜龙乡", "青松乡", "金波乡", "细水乡", "荣邦乡",
)
CSV_KINDS = {"村委会": PlaceKind.VILLAGE, "居委会": PlaceKind.COMMUNITY}
MAX_NAME_LENGTH = 80


def committee_name(place: Place) -> str:
    """The official name of a place's mediation committee (a proper name, not translated)."""
    if place.kind is PlaceKind.COUNTY:
        return f"{place.name}矛盾纠纷多元化解中心"
    if place.kind is PlaceKind.TOWNSHIP:
        return f"{place.name}矛盾纠纷调处中心"
    return f"{place.name}人民调解委员会"


def _add_place(session: Session, name: str, kind: PlaceKind, parent: Place | None,
               is_demo: bool = False) -> Place:
    place = Place(name=name, kind=kind, parent=parent, is_demo=is_demo)
    place.committee = Committee(name=committee_name(place))
    session.add(place)
    return place


def get_county(session: Session) -> Place | None:
    """The county, the root of the tree."""
    return session.scalar(select(Place).where(Place.kind == PlaceKind.COUNTY))


def ensure_county(session: Session) -> Place:
    """Create the county and its 11 townships (each with a committee) when missing."""
    county = get_county(session) or _add_place(session, COUNTY_NAME, PlaceKind.COUNTY, None)
    session.flush()
    existing = set(session.scalars(select(Place.name).where(Place.parent_id == county.id)))
    for name in TOWNSHIPS:
        if name not in existing:
            _add_place(session, name, PlaceKind.TOWNSHIP, county)
    session.flush()
    return county


def townships(session: Session) -> list[Place]:
    """The townships, in the county's official order."""
    rows = session.scalars(select(Place).where(Place.kind == PlaceKind.TOWNSHIP)).all()
    order = {name: i for i, name in enumerate(TOWNSHIPS)}
    return sorted(rows, key=lambda p: (order.get(p.name, len(order)), p.name))


def villages_by_township(session: Session) -> list[tuple[Place, list[Place]]]:
    """Every township with its villages and communities, for pickers and lists."""
    villages = session.scalars(
        select(Place).where(Place.kind.in_([PlaceKind.VILLAGE, PlaceKind.COMMUNITY]))
        .order_by(Place.name)
    ).all()
    grouped: dict[int, list[Place]] = {}
    for village in villages:
        grouped.setdefault(village.parent_id, []).append(village)
    return [(t, grouped.get(t.id, [])) for t in townships(session)]


def _check_name(name: str, field: str = "name") -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_l("Enter a name."), field)
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed(_l("The name is too long."), field)
    return name


def _name_free(session: Session, parent_id: int | None, name: str, field: str = "name") -> None:
    clash = session.scalar(select(Place.id).where(Place.parent_id == parent_id, Place.name == name))
    if clash is not None:
        raise ValidationFailed(_l("There is already a place with this name there."), field)


def add_village(session: Session, *, township_id: int | None, name: str, kind: str,
                is_demo: bool = False) -> Place:
    """Add a village or community (with its committee) to a township."""
    township = session.get(Place, township_id) if township_id else None
    if township is None or township.kind is not PlaceKind.TOWNSHIP:
        raise ValidationFailed(_l("Choose a township."), "township")
    if kind not in (PlaceKind.VILLAGE, PlaceKind.COMMUNITY):
        raise ValidationFailed(_l("Choose village committee or community committee."), "kind")
    name = _check_name(name)
    _name_free(session, township.id, name)
    village = _add_place(session, name, PlaceKind(kind), township, is_demo)
    session.flush()
    return village


def rename_place(session: Session, place: Place, *, new_name: str, seen_name: str) -> None:
    """Rename a place (and its committee) unless someone renamed it since the form was opened."""
    if place.name != seen_name:
        raise Conflict(_l("Someone else renamed this place to “%(name)s” meanwhile. "
                          "Check the name and try again.", name=place.name))
    new_name = _check_name(new_name)
    if new_name != place.name:
        _name_free(session, place.parent_id, new_name)
    place.name = new_name
    if place.committee is not None:
        place.committee.name = committee_name(place)


@dataclass(frozen=True)
class CsvProblem:
    """A refused line of an imported file."""

    line: int
    message: str


class ImportRefused(DomainError):
    """The file has bad lines; nothing was imported."""

    def __init__(self, problems: list[CsvProblem]) -> None:
        super().__init__(_l("The file has errors; nothing was imported."))
        self.problems = problems


def import_villages_csv(session: Session, text: str) -> int:
    """Import 'township,village,kind' lines; all lines are checked before any is added."""
    towns = {t.name: t for t in townships(session)}
    rows, problems, seen = [], [], set()
    for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if number == 1 and row[0].strip().lower() in ("township", "乡镇"):
            continue  # a header line
        problem = _check_csv_row(row, towns, seen)
        if problem:
            problems.append(CsvProblem(number, problem))
        else:
            rows.append(row)
    if problems:
        raise ImportRefused(problems)
    added = 0
    for township_name, village_name, kind in (map(str.strip, r) for r in rows):
        town = towns[township_name]
        if session.scalar(select(Place.id).where(Place.parent_id == town.id, Place.name == village_name)):
            continue  # already there: importing the same file twice changes nothing
        _add_place(session, village_name, CSV_KINDS[kind], town)
        added += 1
    session.flush()
    return added


def _check_csv_row(row: list[str], towns: dict[str, Place],
                   seen: set[tuple[str, str]]) -> str | None:
    # Messages are for the admin at the command line, in the language of the tool.
    if len(row) != 3:
        return "expected 3 columns: township, village, kind (村委会 or 居委会)"
    township_name, village_name, kind = (cell.strip() for cell in row)
    if township_name not in towns:
        return f"unknown township “{township_name}”"
    if not village_name or len(village_name) > MAX_NAME_LENGTH:
        return "village name missing or too long"
    if kind not in CSV_KINDS:
        return f"kind must be 村委会 or 居委会, not “{kind}”"
    if (township_name, village_name) in seen:
        return f"“{village_name}” appears twice"
    seen.add((township_name, village_name))
    return None
