"""What an action's input must carry, and the check of it against a rule of the workflow table.

Pure Python; `portal.disputes.workflow` re-exports these names.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.disputes.workflow import Rule


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
    RISK_LEVEL = "risk_level"
    CLOCK_RUNNING = "clock_running"
    CLOCK_PAUSED = "clock_paused"
    MEDIATORS = "mediators"  # at least one mediator of the committee
    PERFORMANCE = "performance"  # which term, and whether it was performed fully, partly or not
    PERFORMANCE_RECORDED = "performance_recorded"  # every term's performance is on record
    DATE = "date"
    RATING = "rating"  # a score from 1 to 5


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


class WorkflowError(Exception):
    """Base of the workflow's refusals."""


class MissingRequirement(WorkflowError):
    """The action's input lacks something the law or the process requires."""

    def __init__(self, missing: Iterable[Requirement]):
        self.missing = tuple(missing)
        super().__init__(", ".join(self.missing))


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
    risk_level: str | None = None
    mediators: tuple[int, ...] = ()
    performance: str | None = None
    performance_recorded: bool = False
    on: date | None = None
    rating: int | None = None
    term: object | None = None  # the agreement term whose performance is recorded


# Requirements decided by the case itself, not by what the person typed.
STATE_REQUIREMENTS = frozenset({
    Requirement.LOWER_TIER, Requirement.RISK_FLAGGED, Requirement.CLOCK_RUNNING, Requirement.CLOCK_PAUSED,
})


def missing_requirements(rule: Rule, given: ActionInput) -> list[Requirement]:
    """Requirements of `rule` that `given` does not meet (state requirements are check()'s job)."""
    present = {
        Requirement.REASON: bool(given.reason.strip()),
        Requirement.REFERRAL_ROUTE: given.referral_route is not None,
        Requirement.REFERRAL_IF_NOT_CIVIL: not given.not_civil or given.referral_route is not None,
        Requirement.PARTY: given.party is not None,
        Requirement.CONSENT_CHANNEL: given.consent_channel is not None,
        Requirement.CONSENT_ON_RECORD: given.consent_on_record,
        Requirement.WRITTEN_AGREEMENT: given.has_written_agreement,
        Requirement.SIGNED_ON: given.signed_on is not None,
        Requirement.NOTE: bool(given.note.strip()),
        Requirement.RISK_LEVEL: given.risk_level is not None,
        Requirement.MEDIATORS: bool(given.mediators),
        Requirement.PERFORMANCE: given.performance is not None and given.term is not None,
        Requirement.PERFORMANCE_RECORDED: given.performance_recorded,
        Requirement.DATE: given.on is not None,
        Requirement.RATING: given.rating is not None and 1 <= given.rating <= 5,
    }
    return sorted(q for q in rule.requires - STATE_REQUIREMENTS if not present[q])


def require(rule: Rule, given: ActionInput) -> None:
    """Raise MissingRequirement unless `given` meets the rule."""
    missing = missing_requirements(rule, given)
    if missing:
        raise MissingRequirement(missing)
