"""What the case page shows a given visitor: plain-word stage, deadlines, the actions they may take."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.auth.models import User
from portal.disputes import access, clocks, labels, workflow
from portal.disputes.authorisation import state_of
from portal.disputes.clocks import Clock, ClockStatus
from portal.disputes.evidence import UPLOADERS
from portal.disputes.forms import ACTION_FIELDS, OWN_PAGE_ACTIONS
from portal.disputes.models import Dispute, Party
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
    status: ClockStatus = ClockStatus.RUNNING
    note: str = ""


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
    staff_only_notes: frozenset[str] = frozenset({"record_session"})
    # Risk flags (PML 25) and supervision are between staff: shown to a party they could inflame the case.
    staff_only_events: frozenset[str] = frozenset({"set_risk", "clear_risk", "supervise",
                                                   "acknowledge_supervision"})


def _own_party(who: access.Acting, dispute: Dispute) -> Party | None:
    if isinstance(who, Party):
        return who
    if isinstance(who, User):
        return next((p for p in dispute.parties if p.user_id == who.id), None)
    return None


def _deadline(clock: Clock, due: date, today: date, paused_on: date | None = None, note: str = "") -> Deadline:
    shown = clocks.effective_due(due, today, paused_on)
    return Deadline(labels.CLOCKS[clock], shown, clocks.days_left(shown, today),
                    clocks.status(due, today, paused_on), note)


def _deadlines(dispute: Dispute, today: date) -> list[Deadline]:
    """Every clock running on the case now: tier (paused or not), PML 33 window, terms, return visit."""
    found = []
    if dispute.tier_due_on and dispute.stage in workflow.TIER_CLOCK_STAGES:
        found.append(_deadline(Clock.TIER, dispute.tier_due_on, today, dispute.clock_paused_on,
                               dispute.clock_pause_reason or ""))
    if not workflow.is_active(dispute.stage):
        return found
    if dispute.confirmation_due_on and dispute.confirmation_due_on >= today:
        found.append(_deadline(Clock.JUDICIAL_CONFIRMATION, dispute.confirmation_due_on, today))
    terms = dispute.agreement.terms if dispute.agreement and not dispute.agreement.oral else []
    for term in terms:
        if term.due_on and not term.performance:
            found.append(_deadline(Clock.AGREEMENT_TERM, term.due_on, today, note=term.text))
    if dispute.return_visit_due_on and dispute.stage == Stage.SETTLED:
        found.append(_deadline(Clock.RETURN_VISIT, dispute.return_visit_due_on, today))
    return found


def _actions(dispute: Dispute, actors: frozenset[Actor], party: Party | None,
             hidden: frozenset[Action]) -> list[Action]:
    actions = [a for a in workflow.available_actions(state_of(dispute), actors) if a not in hidden]
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


def case_view(dispute: Dispute, who: access.Acting, today: date,
              hidden: frozenset[Action] = frozenset()) -> CaseView:
    """The page model for `who` looking at `dispute`; `hidden` actions have nothing to act on now."""
    actors = access.actors_for(who, dispute)
    party = _own_party(who, dispute)
    return CaseView(
        actors=actors, party=party, is_staff=bool(actors & STAFF),
        actions=_actions(dispute, actors, party, hidden), own_page=OWN_PAGE_ACTIONS, fields=ACTION_FIELDS,
        deadlines=_deadlines(dispute, today),
        other_routes=suggested_routes(dispute.dispute_type) if dispute.stage in ENDED_WITHOUT_AGREEMENT else (),
        show_codes=Actor.MEDIATOR in actors,
        can_upload=workflow.is_active(dispute.stage) and bool(actors & UPLOADERS),
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
