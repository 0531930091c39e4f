"""The three-tier mediation workflow as a table: pure Python, no Flask, no SQLAlchemy.

Only the service layer changes a dispute's stage, and only through `check()` here.
Stage and action titles for people live in `portal.disputes.labels`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from portal.disputes.clocks import Clock
# The table's inputs and their checks live beside it; they are re-exported here for callers.
from portal.disputes.requirements import (  # noqa: F401
    STATE_REQUIREMENTS, ActionInput, ConsentChannel, MissingRequirement, ReferralRoute, Requirement,
    WorkflowError, missing_requirements, require,
)


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
    # After settlement the committee supervises performance and visits (PML 31).
    RETURN_VISITED = "return_visited"
    CLOSED = "closed"


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
    PAUSE_CLOCK = "pause_clock"
    RESUME_CLOCK = "resume_clock"
    ASSIGN = "assign"
    REQUEST_OTHER_MEDIATOR = "request_other_mediator"  # PML 23
    SUPERVISE = "supervise"  # 督办: a note the mediator must acknowledge
    ACKNOWLEDGE_SUPERVISION = "acknowledge_supervision"
    RECORD_PERFORMANCE = "record_performance"
    SCHEDULE_RETURN_VISIT = "schedule_return_visit"
    RECORD_RETURN_VISIT = "record_return_visit"
    RATE = "rate"
    CLOSE = "close"


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


OPEN_STAGES: frozenset[Stage] = frozenset({
    Stage.SUBMITTED, Stage.ACCEPTED, Stage.CONSENT_REQUESTED, Stage.MEDIATING,
    Stage.FAILED, Stage.ESCALATION_PENDING,
})
# Settled cases stay on the committee's list until the return visit closes them (PML 31).
FOLLOW_UP_STAGES: frozenset[Stage] = frozenset({Stage.SETTLED, Stage.RETURN_VISITED})
ACTIVE_STAGES: frozenset[Stage] = OPEN_STAGES | FOLLOW_UP_STAGES
ENDED_STAGES: frozenset[Stage] = frozenset(Stage) - ACTIVE_STAGES
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


class IllegalTransition(WorkflowError):
    """The action cannot be taken at the case's current stage (HTTP 409)."""


class NotAllowed(WorkflowError):
    """This person may not take the action on this case (HTTP 403)."""


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
    clock_paused: bool = False


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
    return rows + _follow_up_rows() + _every_stage_rows()


def _follow_up_rows() -> list[Rule]:
    """After settlement: performance of the terms, the return visit, rating and closing (PML 31)."""
    S, A = Stage, Action
    return [
        Rule(S.SETTLED, A.RECORD_PERFORMANCE, None, _fs(_M), _fs(_Q.PERFORMANCE)),
        Rule(S.SETTLED, A.SCHEDULE_RETURN_VISIT, None, _fs(_M), _fs(_Q.DATE)),
        # No visit before every term's performance is on record; no closing before a visit.
        Rule(S.SETTLED, A.RECORD_RETURN_VISIT, S.RETURN_VISITED, _fs(_M),
             _fs(_Q.DATE, _Q.NOTE, _Q.PERFORMANCE_RECORDED)),
        Rule(S.RETURN_VISITED, A.RECORD_PERFORMANCE, None, _fs(_M), _fs(_Q.PERFORMANCE)),
        Rule(S.RETURN_VISITED, A.RECORD_RETURN_VISIT, None, _fs(_M), _fs(_Q.DATE, _Q.NOTE)),
        Rule(S.RETURN_VISITED, A.RATE, None, _PARTIES, _fs(_Q.RATING)),
        Rule(S.RETURN_VISITED, A.CLOSE, S.CLOSED, _fs(_M)),
        Rule(S.CLOSED, A.RATE, None, _PARTIES, _fs(_Q.RATING)),
    ]


def _every_stage_rows() -> list[Rule]:
    """Actions that keep the stage: risk, assignment, supervision, the tier clock's pauses."""
    S, A = Stage, Action
    rows = []
    for stage in sorted(ACTIVE_STAGES):
        rows += [
            Rule(stage, A.ADD_INFORMATION, None, _fs(_A, _R, _G), _fs(_Q.NOTE)),
            Rule(stage, A.SET_RISK, None, _fs(_M, _S, _G), _fs(_Q.REASON, _Q.RISK_LEVEL)),
            Rule(stage, A.CLEAR_RISK, None, _fs(_M, _S), _fs(_Q.REASON, _Q.RISK_FLAGGED)),
            Rule(stage, A.ASSIGN, None, _fs(_S), _fs(_Q.MEDIATORS)),
            Rule(stage, A.SUPERVISE, None, _fs(_S), _fs(_Q.NOTE)),
            Rule(stage, A.ACKNOWLEDGE_SUPERVISION, None, _fs(_M)),
        ]
    for stage in sorted(OPEN_STAGES):
        rows += [
            Rule(stage, A.WITHDRAW, S.WITHDRAWN, _fs(_A, _G)),
            Rule(stage, A.REQUEST_OTHER_MEDIATOR, None, _PARTIES, _fs(_Q.REASON)),
        ]
    for stage in sorted(TIER_CLOCK_STAGES):
        rows += [
            # Waiting for a party stops the month's clock (the mediator says why).
            Rule(stage, A.PAUSE_CLOCK, None, _fs(_M), _fs(_Q.REASON, _Q.CLOCK_RUNNING)),
            Rule(stage, A.RESUME_CLOCK, None, _fs(_M), _fs(_Q.CLOCK_PAUSED)),
        ]
    return rows


TABLE: dict[tuple[Stage, Action], Rule] = {(r.stage, r.action): r for r in _rows()}
def rule_for(stage: Stage, action: Action) -> Rule:
    """The row for (stage, action), or IllegalTransition."""
    try:
        return TABLE[(Stage(stage), Action(action))]
    except (KeyError, ValueError):
        raise IllegalTransition(f"{action} at {stage}") from None


def _state_allows(rule: Rule, state: CaseState) -> bool:
    """Whether the case's tier, risk flag and paused clock permit the rule."""
    refused = {
        _Q.LOWER_TIER: state.tier == Tier.COUNTY,
        _Q.RISK_FLAGGED: not state.risk_flagged,
        _Q.CLOCK_RUNNING: state.clock_paused,
        _Q.CLOCK_PAUSED: not state.clock_paused,
    }
    return not any(refused[q] for q in rule.requires & STATE_REQUIREMENTS)


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


def next_tier(tier: Tier) -> Tier:
    """The tier a failed case escalates to."""
    if tier == Tier.COUNTY:
        raise IllegalTransition("no tier above the county")
    return Tier.TOWNSHIP if tier == Tier.VILLAGE else Tier.COUNTY


def is_open(stage: Stage) -> bool:
    """Whether the case is still being mediated (before settlement or an end)."""
    return Stage(stage) in OPEN_STAGES


def is_active(stage: Stage) -> bool:
    """Whether the case is still on the committee's list: open, or settled and not yet closed."""
    return Stage(stage) in ACTIVE_STAGES
