"""Filing a dispute: by a resident, by a grid worker on someone's behalf, or by a mediator."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.auth.models import Role, User
from portal.disputes import routing, workflow
from portal.disputes.authorisation import NotYourCase
from portal.disputes.models import Dispute, Party
from portal.disputes.services import record_event, today
from portal.disputes.types import (
    SOURCES_NEEDING_APPLICANT_CONSENT,
    DisputeType,
    Language,
    SessionPrivacy,
    Source,
)
from portal.disputes.workflow import Actor
from portal.errors import ValidationFailed
from portal.places.models import Place

MAX_RESPONDENTS = 5
FILER_ACTORS = {Role.RESIDENT: Actor.APPLICANT, Role.GRID_WORKER: Actor.GRID_WORKER,
                Role.MEDIATOR: Actor.MEDIATOR}
# Sources each kind of filer may record.
FILER_SOURCES = {
    Role.RESIDENT: {Source.SELF_FILED},
    Role.GRID_WORKER: {Source.GRID_WORKER, Source.PATROL},
    Role.MEDIATOR: {Source.COURT_POLICE_REFERRAL, Source.PATROL},
}


@dataclass
class PartyData:
    """A party as the filing form gives it."""

    name: str
    phone: str = ""
    place_id: int | None = None
    relation: str = ""


@dataclass
class Filing:
    """Everything a filing form collects."""

    dispute_type: str
    facts: str
    claims: str
    place_id: int
    language: str = Language.MANDARIN.value
    language_note: str = ""
    privacy: str = SessionPrivacy.PRIVATE.value
    occurred_on: date | None = None
    source: str = Source.SELF_FILED.value
    respondents: list[PartyData] = field(default_factory=list)
    applicant: PartyData | None = None  # required when filing on someone's behalf


def _village(session: Session, place_id: int | None, field_name: str) -> Place:
    place = session.get(Place, place_id) if place_id else None
    if place is None or place.kind not in routing.VILLAGE_KINDS:
        raise ValidationFailed(_l("Choose a village or community."), field=field_name)
    return place


def _validate(filing: Filing, filer: User) -> None:
    if filing.dispute_type not in set(DisputeType):
        raise ValidationFailed(_l("Choose the kind of dispute."), field="dispute_type")
    if filing.language not in set(Language):
        raise ValidationFailed(_l("Choose a language."), field="language")
    if filing.privacy not in set(SessionPrivacy):
        raise ValidationFailed(_l("Choose a public or private session."), field="privacy")
    if not filing.facts.strip():
        raise ValidationFailed(_l("Say what happened."), field="facts")
    if not filing.claims.strip():
        raise ValidationFailed(_l("Say what you would like to happen."), field="claims")
    if filing.occurred_on and filing.occurred_on > today():
        raise ValidationFailed(_l("The date cannot be in the future."), field="occurred_on")
    if filing.source not in FILER_SOURCES[filer.role]:
        raise ValidationFailed(_l("Choose how the case came to you."), field="source")
    named = [r for r in filing.respondents if r.name.strip()]
    if not named or len(named) > MAX_RESPONDENTS:
        raise ValidationFailed(_l("Name the other party (up to five)."), field="respondents")
    if filer.role is not Role.RESIDENT and not (filing.applicant and filing.applicant.name.strip()):
        raise ValidationFailed(_l("Give the applicant's name."), field="applicant_name")


def _party(session: Session, kind: str, data: PartyData, field_name: str) -> Party:
    place = _village(session, data.place_id, field_name) if data.place_id else None
    return Party(kind=kind, name=data.name.strip()[:60], phone=data.phone.strip()[:20] or None,
                 place=place, relation=data.relation.strip()[:60] or None)


def _applicant(session: Session, filer: User, filing: Filing) -> Party:
    if filer.role is Role.RESIDENT:
        return Party(kind="applicant", name=filer.name, phone=filer.phone, place=filer.place, user=filer)
    return _party(session, "applicant", filing.applicant, "applicant_place")


def file_dispute(session: Session, filer: User, filing: Filing) -> Dispute:
    """Register a new case, route it to its committee and number it."""
    actor = FILER_ACTORS.get(filer.role)
    if actor not in workflow.FILERS:
        raise NotYourCase(_l("You may not file disputes."))
    _validate(filing, filer)
    place = _village(session, filing.place_id, "place_id")
    applicant = _applicant(session, filer, filing)
    respondents = [_party(session, "respondent", r, "respondents")
                   for r in filing.respondents if r.name.strip()]
    committee = routing.route([place, applicant.place, *(r.place for r in respondents)])
    dispute = Dispute(
        number=routing.next_case_number(session, today().year), dispute_type=filing.dispute_type,
        source=filing.source, language=filing.language, language_note=filing.language_note.strip() or None,
        privacy=filing.privacy, facts=filing.facts.strip(), claims=filing.claims.strip(),
        occurred_on=filing.occurred_on, place=place, committee=committee,
        tier=routing.tier_of(committee).value, stage=workflow.INITIAL_STAGE.value,
        applicant=filer if filer.role is Role.RESIDENT else None, filed_by=filer,
        parties=[applicant, *respondents],
    )
    if Source(filing.source) not in SOURCES_NEEDING_APPLICANT_CONSENT:
        # Applying is consenting; a case found on patrol or referred needs the applicant's consent too.
        applicant.consent, applicant.consent_channel = "given", "filing"
    session.add(dispute)
    record_event(session, filer, dispute, "file", None, dispute.stage, kind=actor.value)
    session.flush()
    return dispute
