"""Translated titles of the disputes area's codes: the one place stage and type names are worded."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.disputes.types import DisputeType, Language, Performance, RiskLevel, SessionPrivacy, Source, VisitMethod
from portal.disputes.workflow import (
    Action, Actor, Clock, ConsentChannel, ReferralRoute, Requirement, Stage, Tier,
)

STAGES = {
    Stage.SUBMITTED: _l("Submitted"),
    Stage.ACCEPTED: _l("Accepted"),
    Stage.CONSENT_REQUESTED: _l("Waiting for consent"),
    Stage.MEDIATING: _l("Mediating"),
    Stage.FAILED: _l("Mediation failed"),
    Stage.ESCALATION_PENDING: _l("Passed to the next level"),
    Stage.SETTLED: _l("Settled"),
    Stage.DECLINED: _l("Not accepted"),
    Stage.CONSENT_REFUSED: _l("Mediation refused"),
    Stage.REFERRED: _l("Referred elsewhere"),
    Stage.WITHDRAWN: _l("Withdrawn"),
    Stage.RETURN_VISITED: _l("Return visit made"),
    Stage.CLOSED: _l("Closed"),
}

# What happens next, in plain words for the parties.
NEXT_STEPS = {
    Stage.SUBMITTED: _l("The mediation committee will look at your application and tell you whether it takes it on."),
    Stage.ACCEPTED: _l("The committee has taken on your case. It will now ask the other party whether they agree to mediation."),
    Stage.CONSENT_REQUESTED: _l("The other party has been asked whether they agree to mediation. Mediation starts once they agree."),
    Stage.MEDIATING: _l("Your mediator will meet both sides to help you reach an agreement. Check the sessions below."),
    Stage.FAILED: _l("No agreement was reached. The committee will pass the case to the next level or tell you where else you can go."),
    Stage.ESCALATION_PENDING: _l("The case has been passed to the next level's mediation committee, which will take it on."),
    Stage.SETTLED: _l("You reached an agreement. Do what it says by the dates it sets."),
    Stage.DECLINED: _l("The committee did not take on this case. See the reason and where you can go instead."),
    Stage.CONSENT_REFUSED: _l("Mediation needs both sides to agree, so it has ended. You can still use the other routes below."),
    Stage.REFERRED: _l("Mediation has ended. The case was referred to the route shown below."),
    Stage.WITHDRAWN: _l("You withdrew this case. You can file a new one at any time."),
    Stage.RETURN_VISITED: _l("The committee has visited you to see how the agreement is kept. "
                             "Tell us how we did: rate the mediation below."),
    Stage.CLOSED: _l("The case is closed. Thank you. If the agreement is not kept, you can apply to the court."),
}

ACTIONS = {
    Action.ACCEPT: _l("Accept the case"),
    Action.DECLINE: _l("Decline the case"),
    Action.REQUEST_CONSENT: _l("Ask the other party for consent"),
    Action.GIVE_CONSENT: _l("I agree to mediation"),
    Action.RECORD_CONSENT: _l("Record consent (in person or by phone)"),
    Action.REFUSE_CONSENT: _l("I do not want mediation"),
    Action.RECORD_REFUSAL: _l("Record a refusal (in person or by phone)"),
    Action.START_MEDIATION: _l("Start mediation (consent already given)"),
    Action.SCHEDULE_SESSION: _l("Schedule a session"),
    Action.RECORD_SESSION: _l("Record a session"),
    Action.DRAFT_AGREEMENT: _l("Write the agreement"),
    Action.CONFIRM_AGREEMENT: _l("I confirm the agreement"),
    Action.SIGN_AGREEMENT: _l("Record that the agreement was signed"),
    Action.RECORD_ORAL_AGREEMENT: _l("Record an oral agreement"),
    Action.FAIL: _l("Record that mediation failed"),
    Action.ESCALATE: _l("Pass to the next level"),
    Action.ACCEPT_ESCALATION: _l("Take on the case from the level below"),
    Action.REFER: _l("End with a referral"),
    Action.WITHDRAW: _l("Withdraw the case"),
    Action.ADD_INFORMATION: _l("Add information"),
    Action.SET_RISK: _l("Flag a risk of violence"),
    Action.CLEAR_RISK: _l("Clear the risk flag"),
    Action.PAUSE_CLOCK: _l("Pause the clock (waiting for a party)"),
    Action.RESUME_CLOCK: _l("Resume the clock"),
    Action.ASSIGN: _l("Assign mediators"),
    Action.REQUEST_OTHER_MEDIATOR: _l("Ask for another mediator"),
    Action.SUPERVISE: _l("Add a supervision note"),
    Action.ACKNOWLEDGE_SUPERVISION: _l("Acknowledge the supervision note"),
    Action.RECORD_PERFORMANCE: _l("Record whether a term was performed"),
    Action.SCHEDULE_RETURN_VISIT: _l("Change the return visit date"),
    Action.RECORD_RETURN_VISIT: _l("Record the return visit"),
    Action.RATE: _l("Rate the mediation"),
    Action.CLOSE: _l("Close the case"),
}

ACTORS = {
    Actor.APPLICANT: _l("Applicant"),
    Actor.RESPONDENT: _l("Respondent"),
    Actor.MEDIATOR: _l("Mediator"),
    Actor.SUPERVISOR: _l("Supervisor"),
    Actor.GRID_WORKER: _l("Grid worker"),
    Actor.ADMIN: _l("Administrator"),
}

TIERS = {
    Tier.VILLAGE: _l("Village level"),
    Tier.TOWNSHIP: _l("Township level"),
    Tier.COUNTY: _l("County level"),
}

REFERRAL_ROUTES = {
    ReferralRoute.COURT: _l("People's court (lawsuit)"),
    ReferralRoute.ARBITRATION: _l("Arbitration commission"),
    ReferralRoute.LAND_CONTRACT_ARBITRATION: _l("Rural land contract arbitration committee"),
    ReferralRoute.LABOUR_ARBITRATION: _l("Labour dispute arbitration committee"),
    ReferralRoute.ADMINISTRATIVE: _l("Government department (administrative route)"),
    ReferralRoute.LEGAL_AID: _l("Legal aid centre"),
    ReferralRoute.POLICE: _l("Police"),
}

CONSENT_CHANNELS = {
    ConsentChannel.IN_PERSON: _l("In person"),
    ConsentChannel.PHONE: _l("By phone"),
}

REQUIREMENTS = {
    Requirement.REASON: _l("A reason is required."),
    Requirement.REFERRAL_ROUTE: _l("Choose where the case is referred."),
    Requirement.REFERRAL_IF_NOT_CIVIL: _l("For a matter that is not a civil dispute, say where to go instead."),
    Requirement.PARTY: _l("Choose the party."),
    Requirement.CONSENT_CHANNEL: _l("Say how the party told you."),
    Requirement.CONSENT_ON_RECORD: _l("Every party must have agreed to mediation first."),
    Requirement.WRITTEN_AGREEMENT: _l("Write the agreement first."),
    Requirement.SIGNED_ON: _l("Give the date of signing."),
    Requirement.NOTE: _l("Write what happened."),
    Requirement.LOWER_TIER: _l("Only village and township cases can be passed up."),
    Requirement.RISK_FLAGGED: _l("The case has no risk flag."),
    Requirement.RISK_LEVEL: _l("Choose the level of risk."),
    Requirement.CLOCK_RUNNING: _l("The clock is already paused."),
    Requirement.CLOCK_PAUSED: _l("The clock is not paused."),
    Requirement.MEDIATORS: _l("Choose at least one mediator."),
    Requirement.PERFORMANCE: _l("Choose the term and whether it was performed."),
    Requirement.PERFORMANCE_RECORDED: _l("First record for every term whether it was performed."),
    Requirement.DATE: _l("Give the date."),
    Requirement.RATING: _l("Choose a score from 1 to 5."),
}

RISK_LEVELS = {
    RiskLevel.GENERAL: _l("General risk (一般)"),
    RiskLevel.SERIOUS: _l("Serious risk (较大)"),
    RiskLevel.GRAVE: _l("Grave risk (重大)"),
}

PERFORMANCE = {
    Performance.FULLY: _l("Performed fully"),
    Performance.PARTLY: _l("Performed in part"),
    Performance.NOT: _l("Not performed"),
}

VISIT_METHODS = {
    VisitMethod.HOME: _l("Home visit"),
    VisitMethod.PHONE: _l("By phone"),
    VisitMethod.OFFICE: _l("At the committee's office"),
}

# Short names of the clocks for list rows.
CLOCKS_SHORT = {
    Clock.TIER: _l("Mediation"),
    Clock.JUDICIAL_CONFIRMATION: _l("Judicial confirmation"),
    Clock.AGREEMENT_TERM: _l("Agreement term"),
    Clock.RETURN_VISIT: _l("Return visit"),
}

DISPUTE_TYPES = {
    DisputeType.MARRIAGE_FAMILY: _l("Marriage and family"),
    DisputeType.NEIGHBOUR: _l("Neighbours"),
    DisputeType.HOUSING_HOMESTEAD: _l("Housing and homestead"),
    DisputeType.LAND_CONTRACT: _l("Land contracting"),
    DisputeType.FOREST_LAND_TITLE: _l("Title to forest and land"),
    DisputeType.CONTRACT: _l("Contract"),
    DisputeType.PRIVATE_LENDING: _l("Private lending"),
    DisputeType.DAMAGES: _l("Compensation for harm"),
    DisputeType.LABOUR_PAY: _l("Wages and pay for work"),
    DisputeType.PRODUCTION_BUSINESS: _l("Production and business"),
    DisputeType.EXPROPRIATION: _l("Land requisition and demolition"),
    DisputeType.POLLUTION: _l("Pollution"),
    DisputeType.CONSUMER: _l("Consumer"),
    DisputeType.MEDICAL: _l("Medical"),
    DisputeType.TRAFFIC: _l("Traffic accident"),
    DisputeType.PROPERTY_MANAGEMENT: _l("Property management"),
    DisputeType.OTHER: _l("Other"),
}

SOURCES = {
    Source.SELF_FILED: _l("Filed by the applicant"),
    Source.GRID_WORKER: _l("Filed by a grid worker"),
    Source.COURT_POLICE_REFERRAL: _l("Referred by a court or the police"),
    Source.PATROL: _l("Found on patrol"),
}

LANGUAGES = {
    Language.MANDARIN: _l("Mandarin"),
    Language.HAINANESE: _l("Hainanese"),
    Language.LI: _l("Li"),
    Language.MIAO: _l("Miao"),
    Language.OTHER: _l("Other language"),
}

PRIVACY = {
    SessionPrivacy.PUBLIC: _l("Public session"),
    SessionPrivacy.PRIVATE: _l("Private session"),
}

CLOCKS = {
    Clock.TIER: _l("Mediation at this level should end by"),
    Clock.JUDICIAL_CONFIRMATION: _l("Apply to the court for judicial confirmation by"),
    Clock.AGREEMENT_TERM: _l("Agreement term due"),
    Clock.RETURN_VISIT: _l("Return visit due"),
}

# History lines that are not workflow actions.
OTHER_EVENTS = {
    "file": _l("Application filed"),
    "add_evidence": _l("Evidence added"),
    "claim_invitation": _l("Respondent linked the case to their account"),
}

CONSENT = {
    "given": _l("Agreed to mediation"),
    "refused": _l("Refused mediation"),
    None: _l("Not yet answered"),
}


def event_title(action: str) -> object:
    """The history line's title for an event's action code."""
    try:
        return ACTIONS[Action(action)]
    except ValueError:
        return OTHER_EVENTS.get(action, action)


def title(mapping: dict, code: object) -> object:
    """The title of `code` in `mapping`, or the code itself when unknown (old data)."""
    if code in mapping:  # string enums hash and compare as their values: one lookup per title
        return mapping[code]
    for key, value in mapping.items():
        if key == code:
            return value
    return code
