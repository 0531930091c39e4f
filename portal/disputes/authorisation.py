"""Whether a person may take an action on a case now, and the refusals a person reads when not.

One check before every action: the form's version, who the person is to the case (access), the
workflow table, and what the action's input must carry. Nothing here changes a case.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.disputes import access, workflow
from portal.disputes.labels import REQUIREMENTS
from portal.disputes.models import Dispute
from portal.disputes.workflow import Action, ActionInput, CaseState, Rule, Stage
from portal.errors import Conflict, NotAllowed, NotFoundError, ValidationFailed

# Requirement -> form field that shows its message.
REQUIREMENT_FIELDS = {
    "reason": "reason", "referral_route": "referral_route", "referral_if_not_civil": "referral_route",
    "party": "party", "consent_channel": "channel", "signed_on": "signed_on", "note": "note",
    "risk_level": "risk_level", "mediators": "mediators", "performance": "performance", "date": "on",
    "rating": "rating",
}
NOT_YOURS = _l("You may not take this action on this case.")
NOT_HERE = _l("This action is not possible at the case's current stage.")
NO_INPUT = ActionInput()  # the default for actions that carry nothing beyond who acts (frozen, so shared)


class StageConflict(Conflict):
    """The action is not possible at the case's current stage."""


class NotYourCase(NotAllowed):
    """The person may not see the case, or may not take this action on it."""


class CaseChanged(Conflict):
    """Someone else changed the case since the form was loaded."""


class CaseNotFound(NotFoundError):
    """No case with that number or code (or none this person may know of)."""


def state_of(dispute: Dispute) -> CaseState:
    """The workflow's view of a case."""
    return CaseState(Stage(dispute.stage), dispute.tier_enum, dispute.risk_flagged,
                     clock_paused=dispute.clock_paused_on is not None)


def check_version(dispute: Dispute, version: int | None) -> None:
    """Refuse a form built on an older version of the case (optimistic locking, as the user sees it)."""
    if version is not None and version != dispute.version_id:
        raise CaseChanged(_l("This case was changed by someone else while you were working on it. "
                             "Look at it again and repeat your action if it is still needed."))


def authorise(who: access.Acting | None, dispute: Dispute, action: Action,
              given: ActionInput = NO_INPUT, *, version: int | None = None) -> Rule:
    """The rule that lets `who` take `action` now, or the exception a person should read."""
    check_version(dispute, version)
    actors = access.actors_for(who, dispute)
    if not actors:
        raise NotYourCase(_l("You may not see this case."))
    try:
        rule = workflow.check(state_of(dispute), action, actors)
    except workflow.IllegalTransition:
        raise StageConflict(NOT_HERE) from None
    except workflow.NotAllowed:
        raise NotYourCase(NOT_YOURS) from None
    missing = workflow.missing_requirements(rule, given)
    if missing:
        raise ValidationFailed(REQUIREMENTS[missing[0]], field=REQUIREMENT_FIELDS.get(missing[0]))
    return rule
