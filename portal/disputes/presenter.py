"""What the case page shows a given visitor: plain-word stage, deadlines, the actions they may take."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.auth.models import User
from portal.disputes import access, labels, workflow
from portal.disputes.evidence import UPLOADERS
from portal.disputes.forms import ACTION_FIELDS, OWN_PAGE_ACTIONS
from portal.disputes.models import Dispute, Party
from portal.disputes.services import state_of
from portal.disputes.types import suggested_routes
from portal.disputes.workflow import Action, Actor, Stage

ENDED_WITHOUT_AGREEMENT = {Stage.DECLINED, Stage.CONSENT_REFUSED, Stage.REFERRED}
STAFF = {Actor.MEDIATOR, Actor.SUPERVISOR, Actor.ADMIN}


@dataclass(frozen=True)
class Deadline:
    """A clock shown to the visitor."""

    title: object
    due: date
    days_left: int


@dataclass(frozen=True)
class CaseView:
    """Everything the case page needs beyond the case itself."""

    actors: frozenset[Actor]
    party: Party | None  # the visitor's own party, if they are one
    is_staff: bool
    actions: list[Action]
    own_page: dict[Action, str]
    fields: dict[Action, tuple[str, ...]]
    deadlines: list[Deadline]
    other_routes: tuple
    show_codes: bool
    can_upload: bool
    mediator_name: str | None
    staff_only_notes: frozenset[str] = frozenset({"record_session", "set_risk", "clear_risk"})


def _own_party(who: access.Acting, dispute: Dispute) -> Party | None:
    if isinstance(who, Party):
        return who
    if isinstance(who, User):
        return next((p for p in dispute.parties if p.user_id == who.id), None)
    return None


def _deadlines(dispute: Dispute, today: date) -> list[Deadline]:
    found = []
    if dispute.tier_due_on and workflow.is_open(dispute.stage):
        found.append(Deadline(labels.CLOCKS[workflow.Clock.TIER], dispute.tier_due_on,
                              workflow.days_left(dispute.tier_due_on, today)))
    if dispute.confirmation_due_on:
        found.append(Deadline(labels.CLOCKS[workflow.Clock.JUDICIAL_CONFIRMATION], dispute.confirmation_due_on,
                              workflow.days_left(dispute.confirmation_due_on, today)))
    return found


def _actions(dispute: Dispute, actors: frozenset[Actor], party: Party | None) -> list[Action]:
    actions = workflow.available_actions(state_of(dispute), actors)
    if party is not None and party.consent == "given":
        actions = [a for a in actions if a != Action.GIVE_CONSENT]
    if party is None or party.confirmed_agreement_at or not _written(dispute):
        actions = [a for a in actions if a != Action.CONFIRM_AGREEMENT]
    if not dispute.sessions:
        actions = [a for a in actions if a != Action.RECORD_SESSION]
    if not _written(dispute):
        actions = [a for a in actions if a != Action.SIGN_AGREEMENT]
    return actions


def _written(dispute: Dispute) -> bool:
    return dispute.agreement is not None and not dispute.agreement.oral and bool(dispute.agreement.terms)


def case_view(dispute: Dispute, who: access.Acting, today: date) -> CaseView:
    """The page model for `who` looking at `dispute`."""
    actors = access.actors_for(who, dispute)
    party = _own_party(who, dispute)
    return CaseView(
        actors=actors, party=party, is_staff=bool(actors & STAFF),
        actions=_actions(dispute, actors, party), own_page=OWN_PAGE_ACTIONS, fields=ACTION_FIELDS,
        deadlines=_deadlines(dispute, today),
        other_routes=suggested_routes(dispute.dispute_type) if dispute.stage in ENDED_WITHOUT_AGREEMENT else (),
        show_codes=Actor.MEDIATOR in actors,
        can_upload=workflow.is_open(dispute.stage) and bool(actors & UPLOADERS),
        mediator_name=_mediator_name(dispute),
    )


def _mediator_name(dispute: Dispute) -> str | None:
    """Who works the case now: the last mediator to act at the current tier (assignment comes with issue 4)."""
    for event in reversed(dispute.events):
        if event.action == Action.ESCALATE.value:
            return None
        if event.actor_kind == Actor.MEDIATOR.value:
            return event.actor_name
    return None
