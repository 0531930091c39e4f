"""The three-tier mediation workflow as a table: pure Python, no Flask, no SQLAlchemy.

Only the service layer changes a dispute's stage, and only through `check()` here.
Stage and action titles for people live in `portal.disputes.labels`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Stage(StrEnum):
    """Where a dispute stands; stored as these strings."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    CONSENT_REQUESTED = "consent_requested"
    MEDIATING = "mediating"
    FAILED = "failed"
    ESCALATION_PENDING = "escalation_pending"
    SETTLED = "settled"
    DECLINED = "declined"
    CONSENT_REFUSED = "consent_refused"
    REFERRED = "referred"
    WITHDRAWN = "withdrawn"
    # Issue 4 adds the stages after settlement here (performance, return visit, closed)
    # and rows for them in TABLE; SETTLED then stops being an ended stage.


class Action(StrEnum):
    """Something a person does to a dispute; stage-changing or recorded in place."""

    ACCEPT = "accept"
    DECLINE = "decline"
    REQUEST_CONSENT = "request_consent"
    GIVE_CONSENT = "give_consent"
    RECORD_CONSENT = "record_consent"
    REFUSE_CONSENT = "refuse_consent"
    RECORD_REFUSAL = "record_refusal"
    START_MEDIATION = "start_mediation"
    SCHEDULE_SESSION = "schedule_session"
    RECORD_SESSION = "record_session"
    DRAFT_AGREEMENT = "draft_agreement"
    CONFIRM_AGREEMENT = "confirm_agreement"
    SIGN_AGREEMENT = "sign_agreement"
    RECORD_ORAL_AGREEMENT = "record_oral_agreement"
    FAIL = "fail"
    ESCALATE = "escalate"
    ACCEPT_ESCALATION = "accept_escalation"
    REFER = "refer"
    WITHDRAW = "withdraw"
    ADD_INFORMATION = "add_information"
    SET_RISK = "set_risk"
    CLEAR_RISK = "clear_risk"


class Actor(StrEnum):
    """How a person stands to one dispute (not a global role: a mediator of another committee is nobody here)."""

    APPLICANT = "applicant"
    RESPONDENT = "respondent"
    MEDIATOR = "mediator"  # of the committee handling the case now
    SUPERVISOR = "supervisor"  # heads a centre whose area covers the handling committee
    GRID_WORKER = "grid_worker"  # filed the case on someone's behalf
    ADMIN = "admin"


class Tier(StrEnum):
    """Level of the committee handling the case."""

    VILLAGE = "village"
    TOWNSHIP = "township"
    COUNTY = "county"


class Clock(StrEnum):
    """Deadlines that run on a case."""

    TIER = "tier"  # mediation concluded within a month at each tier (人民调解工作若干规定 33)
    JUDICIAL_CONFIRMATION = "judicial_confirmation"  # PML 33: apply to a court within 30 days


class Requirement(StrEnum):
    """What an action's input must carry."""

    REASON = "reason"
    REFERRAL_ROUTE = "referral_route"
    REFERRAL_IF_NOT_CIVIL = "referral_if_not_civil"
    PARTY = "party"  # which party gave or refused consent
    CONSENT_CHANNEL = "consent_channel"  # in person or by phone
    CONSENT_ON_RECORD = "consent_on_record"  # every party consented earlier in this case
    WRITTEN_AGREEMENT = "written_agreement"
    SIGNED_ON = "signed_on"
    NOTE = "note"
    LOWER_TIER = "lower_tier"  # only village and township cases go up a tier
    RISK_FLAGGED = "risk_flagged"
    RISK_NOT_FLAGGED = "risk_not_flagged"


class ReferralRoute(StrEnum):
    """Where a case goes when mediation is not the way (PML 26)."""

    COURT = "court"
    ARBITRATION = "arbitration"
    LAND_CONTRACT_ARBITRATION = "land_contract_arbitration"
    LABOUR_ARBITRATION = "labour_arbitration"
    ADMINISTRATIVE = "administrative"
    LEGAL_AID = "legal_aid"
    POLICE = "police"


class ConsentChannel(StrEnum):
    """How a mediator heard a party's consent or refusal."""

    IN_PERSON = "in_person"
    PHONE = "phone"


OPEN_STAGES: frozenset[Stage] = frozenset({
    Stage.SUBMITTED, Stage.ACCEPTED, Stage.CONSENT_REQUESTED, Stage.MEDIATING,
    Stage.FAILED, Stage.ESCALATION_PENDING,
})
ENDED_STAGES: frozenset[Stage] = frozenset(Stage) - OPEN_STAGES
# Stages during which the tier clock counts (from acceptance at the tier).
TIER_CLOCK_STAGES: frozenset[Stage] = frozenset({
    Stage.ACCEPTED, Stage.CONSENT_REQUESTED, Stage.MEDIATING, Stage.FAILED,
})
# The routes a party is told of when mediation ends without agreement (PML 26).
OTHER_ROUTES: tuple[ReferralRoute, ...] = (
    ReferralRoute.COURT, ReferralRoute.ARBITRATION, ReferralRoute.ADMINISTRATIVE,
    ReferralRoute.LEGAL_AID,
)
FILERS: frozenset[Actor] = frozenset({Actor.APPLICANT, Actor.GRID_WORKER, Actor.MEDIATOR})
INITIAL_STAGE = Stage.SUBMITTED
DEFAULT_TIER_DAYS = 30
JUDICIAL_CONFIRMATION_DAYS = 30  # statutory (PML 33), so not configurable


class WorkflowError(Exception):
    """Base of the workflow's refusals."""


class IllegalTransition(WorkflowError):
    """The action cannot be taken at the case's current stage (HTTP 409)."""


class NotAllowed(WorkflowError):
    """This person may not take the action on this case (HTTP 403)."""


class MissingRequirement(WorkflowError):
    """The action's input lacks something the law or the process requires."""

    def __init__(self, missing: Iterable[Requirement]):
        self.missing = tuple(missing)
        super().__init__(", ".join(self.missing))


@dataclass(frozen=True)
class Rule:
    """One row: at `stage`, `actors` may take `action`, which leads to `next_stage` (None: stays)."""

    stage: Stage
    action: Action
    next_stage: Stage | None
    actors: frozenset[Actor]
    requires: frozenset[Requirement] = frozenset()
    starts_clock: Clock | None = None
    # Consent moves the case on only once every party has consented.
    waits_for_all_parties: bool = False

    def target(self, stage: Stage) -> Stage:
        """Stage after the action (the same stage for in-place actions)."""
        return self.next_stage or stage


@dataclass(frozen=True)
class CaseState:
    """The facts about a case that the table's rules depend on."""

    stage: Stage
    tier: Tier = Tier.VILLAGE
    risk_flagged: bool = False


@dataclass(frozen=True)
class ActionInput:
    """What a person supplied with an action, checked against the rule's requirements."""

    reason: str = ""
    referral_route: ReferralRoute | None = None
    not_civil: bool = False
    party: object | None = None
    consent_channel: ConsentChannel | None = None
    consent_on_record: bool = False
    has_written_agreement: bool = False
    signed_on: date | None = None
    note: str = ""


def _fs(*items):
    return frozenset(items)


_A, _R, _M, _S, _G = Actor.APPLICANT, Actor.RESPONDENT, Actor.MEDIATOR, Actor.SUPERVISOR, Actor.GRID_WORKER
_Q = Requirement
_PARTIES = _fs(_A, _R)


def _rows() -> list[Rule]:
    """The table, written out in the order a case normally moves."""
    S, A = Stage, Action
    consent = _fs(_Q.PARTY, _Q.CONSENT_CHANNEL)
    rows = [
        Rule(S.SUBMITTED, A.ACCEPT, S.ACCEPTED, _fs(_M), starts_clock=Clock.TIER),
        Rule(S.SUBMITTED, A.DECLINE, S.DECLINED, _fs(_M), _fs(_Q.REASON, _Q.REFERRAL_IF_NOT_CIVIL)),
        Rule(S.ACCEPTED, A.REQUEST_CONSENT, S.CONSENT_REQUESTED, _fs(_M)),
        Rule(S.ACCEPTED, A.START_MEDIATION, S.MEDIATING, _fs(_M), _fs(_Q.CONSENT_ON_RECORD)),
        Rule(S.ACCEPTED, A.RECORD_CONSENT, S.MEDIATING, _fs(_M), consent, waits_for_all_parties=True),
        Rule(S.ACCEPTED, A.RECORD_REFUSAL, S.CONSENT_REFUSED, _fs(_M), consent),
        Rule(S.CONSENT_REQUESTED, A.GIVE_CONSENT, S.MEDIATING, _fs(_R), waits_for_all_parties=True),
        Rule(S.CONSENT_REQUESTED, A.RECORD_CONSENT, S.MEDIATING, _fs(_M), consent,
             waits_for_all_parties=True),
        Rule(S.CONSENT_REQUESTED, A.REFUSE_CONSENT, S.CONSENT_REFUSED, _PARTIES),
        Rule(S.CONSENT_REQUESTED, A.RECORD_REFUSAL, S.CONSENT_REFUSED, _fs(_M), consent),
        # A party may end mediation once it has begun (PML 23).
        Rule(S.MEDIATING, A.REFUSE_CONSENT, S.CONSENT_REFUSED, _PARTIES),
        Rule(S.MEDIATING, A.RECORD_REFUSAL, S.CONSENT_REFUSED, _fs(_M), consent),
        Rule(S.MEDIATING, A.SCHEDULE_SESSION, None, _fs(_M)),
        Rule(S.MEDIATING, A.RECORD_SESSION, None, _fs(_M), _fs(_Q.NOTE)),
        Rule(S.MEDIATING, A.DRAFT_AGREEMENT, None, _fs(_M)),
        Rule(S.MEDIATING, A.CONFIRM_AGREEMENT, None, _PARTIES, _fs(_Q.WRITTEN_AGREEMENT)),
        Rule(S.MEDIATING, A.SIGN_AGREEMENT, S.SETTLED, _fs(_M),
             _fs(_Q.WRITTEN_AGREEMENT, _Q.SIGNED_ON), starts_clock=Clock.JUDICIAL_CONFIRMATION),
        Rule(S.MEDIATING, A.RECORD_ORAL_AGREEMENT, S.SETTLED, _fs(_M), _fs(_Q.NOTE)),
        Rule(S.MEDIATING, A.FAIL, S.FAILED, _fs(_M), _fs(_Q.REASON)),
        Rule(S.FAILED, A.ESCALATE, S.ESCALATION_PENDING, _fs(_M), _fs(_Q.REASON, _Q.LOWER_TIER)),
        Rule(S.FAILED, A.REFER, S.REFERRED, _fs(_M), _fs(_Q.REFERRAL_ROUTE)),
        # The receiving committee must take an escalated case: it has no way to decline it.
        Rule(S.ESCALATION_PENDING, A.ACCEPT_ESCALATION, S.ACCEPTED, _fs(_M), starts_clock=Clock.TIER),
    ]
    for stage in sorted(OPEN_STAGES):
        rows += [
            Rule(stage, A.WITHDRAW, S.WITHDRAWN, _fs(_A, _G)),
            Rule(stage, A.ADD_INFORMATION, None, _fs(_A, _R, _G), _fs(_Q.NOTE)),
            Rule(stage, A.SET_RISK, None, _fs(_M, _S, _G), _fs(_Q.REASON, _Q.RISK_NOT_FLAGGED)),
            Rule(stage, A.CLEAR_RISK, None, _fs(_M, _S), _fs(_Q.REASON, _Q.RISK_FLAGGED)),
        ]
    return rows


TABLE: dict[tuple[Stage, Action], Rule] = {(r.stage, r.action): r for r in _rows()}
# Requirements decided by the case itself, not by what the person typed.
_STATE_REQUIREMENTS = frozenset({_Q.LOWER_TIER, _Q.RISK_FLAGGED, _Q.RISK_NOT_FLAGGED})


def rule_for(stage: Stage, action: Action) -> Rule:
    """The row for (stage, action), or IllegalTransition."""
    try:
        return TABLE[(Stage(stage), Action(action))]
    except (KeyError, ValueError):
        raise IllegalTransition(f"{action} at {stage}") from None


def _state_allows(rule: Rule, state: CaseState) -> bool:
    """Whether the case's tier and risk flag permit the rule."""
    if _Q.LOWER_TIER in rule.requires and state.tier == Tier.COUNTY:
        return False
    if _Q.RISK_FLAGGED in rule.requires and not state.risk_flagged:
        return False
    return not (_Q.RISK_NOT_FLAGGED in rule.requires and state.risk_flagged)


def check(state: CaseState, action: Action, actors: Iterable[Actor]) -> Rule:
    """The rule permitting `actors` to take `action` now; IllegalTransition or NotAllowed otherwise."""
    rule = rule_for(state.stage, action)
    if not _state_allows(rule, state):
        raise IllegalTransition(f"{action} at {state.stage} ({state.tier})")
    if not rule.actors & frozenset(actors):
        raise NotAllowed(f"{action} by {sorted(actors)}")
    return rule


def available_actions(state: CaseState, actors: Iterable[Actor]) -> list[Action]:
    """Actions `actors` may take now, in table order: what a page offers."""
    who = frozenset(actors)
    return [
        r.action for r in TABLE.values()
        if r.stage == state.stage and r.actors & who and _state_allows(r, state)
    ]


def missing_requirements(rule: Rule, given: ActionInput) -> list[Requirement]:
    """Requirements of `rule` that `given` does not meet (state requirements are check()'s job)."""
    present = {
        _Q.REASON: bool(given.reason.strip()),
        _Q.REFERRAL_ROUTE: given.referral_route is not None,
        _Q.REFERRAL_IF_NOT_CIVIL: not given.not_civil or given.referral_route is not None,
        _Q.PARTY: given.party is not None,
        _Q.CONSENT_CHANNEL: given.consent_channel is not None,
        _Q.CONSENT_ON_RECORD: given.consent_on_record,
        _Q.WRITTEN_AGREEMENT: given.has_written_agreement,
        _Q.SIGNED_ON: given.signed_on is not None,
        _Q.NOTE: bool(given.note.strip()),
    }
    return sorted(q for q in rule.requires - _STATE_REQUIREMENTS if not present[q])


def require(rule: Rule, given: ActionInput) -> None:
    """Raise MissingRequirement unless `given` meets the rule."""
    missing = missing_requirements(rule, given)
    if missing:
        raise MissingRequirement(missing)


def next_tier(tier: Tier) -> Tier:
    """The tier a failed case escalates to."""
    if tier == Tier.COUNTY:
        raise IllegalTransition("no tier above the county")
    return Tier.TOWNSHIP if tier == Tier.VILLAGE else Tier.COUNTY


def deadline(clock: Clock, start: date, *, tier_days: int = DEFAULT_TIER_DAYS) -> date:
    """Last day of `clock` started on `start` (calendar days; pauses come with issue 4)."""
    days = tier_days if clock == Clock.TIER else JUDICIAL_CONFIRMATION_DAYS
    return start + timedelta(days=days)


def days_left(due: date, today: date) -> int:
    """Days until `due`: 0 on the day, negative when overdue."""
    return (due - today).days


def is_open(stage: Stage) -> bool:
    """Whether the case can still move."""
    return Stage(stage) in OPEN_STAGES
