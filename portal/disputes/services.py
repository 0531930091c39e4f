"""Case operations: every stage change goes through the workflow table and writes a history event.

Functions take (session, who, …), check the action with `authorisation.authorise`, raise its named
exceptions and never commit: the view commits once, so a failure anywhere in an action leaves
nothing half-written.
"""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.db import utcnow
from portal.disputes import access, alerts, clocks, invitations, routing, team
from portal.disputes.authorisation import (
    NO_INPUT,
    NOT_YOURS,
    NotYourCase,
    StageConflict,
    authorise,
)
from portal.disputes.clocks import SHANGHAI, Clock
from portal.disputes.models import Dispute, DisputeEvent, Party
from portal.disputes.types import RISK_LEVEL_WORDS, RISK_PRIORITY, RiskLevel
from portal.disputes.workflow import (
    ENDED_STAGES,
    TIER_CLOCK_STAGES,
    Action,
    ActionInput,
    Actor,
    ReferralRoute,
    Rule,
    Stage,
)

__all__ = ["SHANGHAI"]  # re-exported: the disputes views and agreements take the zone from here


def today() -> date:
    """Today's date in Baisha (Asia/Shanghai)."""
    return clocks.today_in_shanghai()


def advance(session: Session, who: access.Acting, dispute: Dispute, rule: Rule, *,
            note: str = "", on: date | None = None, tier_days: int = clocks.DEFAULT_TIER_DAYS) -> None:
    """Move the case as the rule says, start its clock, write the event and tell whom it concerns."""
    before = dispute.stage
    after = rule.target(Stage(before))
    if rule.waits_for_all_parties and not consents_complete(dispute):
        after = Stage(before)
    dispute.stage = after.value  # the only place a stage is assigned
    start = on or today()
    if rule.starts_clock is Clock.TIER:
        _start_tier_clock(dispute, start, tier_days)
    if after != before:
        _moved(dispute, after, start)
    # Touching the row bumps version_id even for in-place actions, so racing forms collide.
    dispute.updated_at = utcnow()
    kind = min(rule.actors & access.actors_for(who, dispute))
    record_event(session, who, dispute, rule.action.value, before, after.value, note, kind)
    team.after_action(session, who, dispute, rule.action)
    alerts.after_action(session, who, dispute, rule.action, before, after.value)


def _start_tier_clock(dispute: Dispute, start: date, tier_days: int) -> None:
    dispute.tier_started_on = start
    dispute.tier_due_on = clocks.deadline(Clock.TIER, start, tier_days=tier_days)
    dispute.clock_paused_on = dispute.clock_pause_reason = None
    dispute.clock_paused_days = 0


def _moved(dispute: Dispute, after: Stage, on: date) -> None:
    """Dates that follow a stage change: the return visit after settling, the day a case ended."""
    if after is Stage.SETTLED:
        terms = dispute.agreement.terms if dispute.agreement else []
        dispute.return_visit_due_on = clocks.return_visit_due((t.due_on for t in terms), on)
    if after in ENDED_STAGES:
        dispute.closed_on = on
    if after not in TIER_CLOCK_STAGES:
        dispute.clock_paused_on = dispute.clock_pause_reason = None
    refresh_due(dispute)


def refresh_due(dispute: Dispute) -> None:
    """The date queues sort by: the tier clock while mediating, the return visit once settled."""
    if Stage(dispute.stage) in TIER_CLOCK_STAGES:
        dispute.due_on = dispute.tier_due_on
    elif dispute.stage == Stage.SETTLED:
        dispute.due_on = dispute.return_visit_due_on
    else:
        dispute.due_on = None


def record_event(session: Session, who: access.Acting | None, dispute: Dispute, action: str,
                 before: str | None, after: str, note: str = "", kind: str = "") -> DisputeEvent:
    """Append one line to the case's history."""
    event = DisputeEvent(
        dispute=dispute, actor_id=who.id if isinstance(who, User) else None,
        actor_name=who.name if who is not None else "", actor_kind=kind or _kind(who),
        action=action, from_stage=before, to_stage=after, note=note.strip(), at=utcnow(),
    )
    session.add(event)
    return event


def _kind(who: access.Acting | None) -> str:
    if isinstance(who, Party):
        return Actor.RESPONDENT.value
    return who.role.value if who is not None else ""


def consents_complete(dispute: Dispute) -> bool:
    """Whether every party has agreed to mediation (PML 17)."""
    return all(p.consent == "given" for p in dispute.parties)


def act(session: Session, who: access.Acting, dispute: Dispute, action: Action,
        given: ActionInput = NO_INPUT, *, version: int | None = None,
        tier_days: int = clocks.DEFAULT_TIER_DAYS) -> Rule:
    """Take an action that needs nothing beyond the table: accept, start, withdraw, add information."""
    rule = authorise(who, dispute, action, given, version=version)
    advance(session, who, dispute, rule, note=given.note or given.reason, tier_days=tier_days)
    return rule


def decline(session: Session, who: User, dispute: Dispute, given: ActionInput, *,
            version: int | None = None) -> None:
    """Decline a new case with a reason, and where to go instead for a matter that is not civil."""
    rule = authorise(who, dispute, Action.DECLINE, given, version=version)
    dispute.outcome_reason = given.reason.strip()
    dispute.referral_route = given.referral_route.value if given.referral_route else None
    advance(session, who, dispute, rule, note=given.reason)


def request_consent(session: Session, who: User, dispute: Dispute, *, version: int | None = None) -> None:
    """Ask the respondents for consent: each gets an invitation code (and link) from the mediator."""
    rule = authorise(who, dispute, Action.REQUEST_CONSENT, version=version)
    for party in dispute.respondents:
        if party.invitation_code is None:
            party.invitation_code = invitations.new_code(session)
    advance(session, who, dispute, rule)


def claim_invitation(session: Session, user: User, party: Party) -> None:
    """A logged-in respondent who opened their code: the case joins their own list from now on."""
    if party.kind == "respondent" and party.user_id is None:
        party.user_id = user.id
        record_event(session, user, party.dispute, "claim_invitation", party.dispute.stage,
                     party.dispute.stage, kind=Actor.RESPONDENT.value)


def answer_invitation(session: Session, who: access.Acting, dispute: Dispute, party: Party,
                      consent: bool, *, note: str = "", version: int | None = None) -> None:
    """A respondent (by code or account) or a non-filing applicant agrees to or refuses mediation."""
    action = Action.GIVE_CONSENT if consent else Action.REFUSE_CONSENT
    rule = authorise(who, dispute, action, version=version)
    if party.dispute_id != dispute.id or (isinstance(who, User) and party.user_id not in (None, who.id)):
        raise NotYourCase(NOT_YOURS)
    _set_consent(party, consent, "online")
    advance(session, who, dispute, rule, note=note)


def record_consent(session: Session, who: User, dispute: Dispute, party_id: int, consent: bool,
                   given: ActionInput, *, version: int | None = None) -> None:
    """A mediator records a consent or refusal given in person or by phone."""
    action = Action.RECORD_CONSENT if consent else Action.RECORD_REFUSAL
    party = next((p for p in dispute.parties if p.id == party_id), None)
    given = ActionInput(party=party, consent_channel=given.consent_channel, note=given.note)
    rule = authorise(who, dispute, action, given, version=version)
    _set_consent(party, consent, given.consent_channel.value)
    advance(session, who, dispute, rule, note=f"{party.name}: {given.note}".rstrip(": "))


def _set_consent(party: Party, consent: bool, channel: str) -> None:
    party.consent = "given" if consent else "refused"
    party.consent_channel = channel
    party.consent_at = utcnow()


def start_mediation(session: Session, who: User, dispute: Dispute, *, version: int | None = None) -> None:
    """Go straight to mediating when every party consented earlier (e.g. before an escalation)."""
    given = ActionInput(consent_on_record=consents_complete(dispute))
    rule = authorise(who, dispute, Action.START_MEDIATION, given, version=version)
    advance(session, who, dispute, rule)


def fail(session: Session, who: User, dispute: Dispute, reason: str, *, version: int | None = None) -> None:
    """Record that mediation at this tier failed; the mediator then escalates or refers."""
    given = ActionInput(reason=reason)
    rule = authorise(who, dispute, Action.FAIL, given, version=version)
    dispute.outcome_reason = reason.strip()
    advance(session, who, dispute, rule, note=reason)


def escalate(session: Session, who: User, dispute: Dispute, reason: str, *,
             version: int | None = None) -> None:
    """Pass a failed case to the next tier's committee, which must take it on."""
    rule = authorise(who, dispute, Action.ESCALATE, ActionInput(reason=reason), version=version)
    try:
        receiving = routing.committee_above(dispute.committee)
    except routing.NoCommittee:
        raise StageConflict(_l("There is no committee at the next level to pass this case to.")) from None
    note = f"{dispute.committee.name} → {receiving.name}: {reason.strip()}"
    advance(session, who, dispute, rule, note=note)
    team.end_all(session, dispute)
    dispute.committee = receiving
    dispute.tier = routing.tier_of(receiving).value
    # The lower tier's clock stops; the receiving tier starts its own on acceptance.
    dispute.tier_started_on = dispute.tier_due_on = dispute.due_on = None
    dispute.clock_paused_on = dispute.clock_pause_reason = None
    session.flush()
    alerts.escalated(session, who, dispute)


def refer(session: Session, who: User, dispute: Dispute, route: ReferralRoute | None, note: str = "", *,
          version: int | None = None) -> None:
    """End a failed case by referring the parties to another route (PML 26)."""
    given = ActionInput(referral_route=route, note=note)
    rule = authorise(who, dispute, Action.REFER, given, version=version)
    dispute.referral_route = route.value
    advance(session, who, dispute, rule, note=note)


def withdraw(session: Session, who: User, dispute: Dispute, reason: str = "", *,
             version: int | None = None) -> None:
    """The applicant (or the grid worker who filed for them) withdraws before settlement."""
    rule = authorise(who, dispute, Action.WITHDRAW, version=version)
    dispute.outcome_reason = reason.strip() or None
    advance(session, who, dispute, rule, note=reason)


def set_risk(session: Session, who: User, dispute: Dispute, flagged: bool, reason: str, *,
             level: str | None = None, version: int | None = None) -> None:
    """Set, change or clear the risk level (PML 25): 较大 and 重大 alert the supervisors and top every list."""
    action = Action.SET_RISK if flagged else Action.CLEAR_RISK
    known = RiskLevel(level) if flagged and level in set(RiskLevel) else None
    rule = authorise(who, dispute, action, ActionInput(reason=reason, risk_level=known), version=version)
    dispute.risk_flagged = flagged
    dispute.risk_note = reason.strip() if flagged else None
    dispute.risk_level = known.value if known else None
    dispute.risk_priority = RISK_PRIORITY[known] if known else 0
    # The archive keeps the level in the county's own words, whatever the reader's language.
    prefix = f"{RISK_LEVEL_WORDS[known]}：" if known else ""
    advance(session, who, dispute, rule, note=f"{prefix}{reason.strip()}")


def add_information(session: Session, who: access.Acting, dispute: Dispute, note: str, *,
                    version: int | None = None) -> None:
    """A party or the filing grid worker adds information while the case is open."""
    rule = authorise(who, dispute, Action.ADD_INFORMATION, ActionInput(note=note), version=version)
    advance(session, who, dispute, rule, note=note)
