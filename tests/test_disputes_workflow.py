"""The workflow table, checked triple by triple against the rules written out again here: no app."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from portal.disputes import clocks, types, workflow
from portal.disputes.workflow import (
    Action as A, ActionInput, Actor, CaseState, Clock, ConsentChannel, IllegalTransition,
    MissingRequirement, NotAllowed, ReferralRoute, Requirement as Q, Stage as S, Tier,
)

APP, RESP, MED, SUP, GRID, ADMIN = (
    Actor.APPLICANT, Actor.RESPONDENT, Actor.MEDIATOR, Actor.SUPERVISOR, Actor.GRID_WORKER, Actor.ADMIN,
)
OPEN = [S.SUBMITTED, S.ACCEPTED, S.CONSENT_REQUESTED, S.MEDIATING, S.FAILED, S.ESCALATION_PENDING]
FOLLOW_UP = [S.SETTLED, S.RETURN_VISITED]
TIER_CLOCK = [S.ACCEPTED, S.CONSENT_REQUESTED, S.MEDIATING, S.FAILED]

# The process as DOMAIN.md and issue 3 state it: (stage, action) -> (next stage, who may act).
SPEC: dict[tuple[S, A], tuple[S, set[Actor]]] = {
    (S.SUBMITTED, A.ACCEPT): (S.ACCEPTED, {MED}),
    (S.SUBMITTED, A.DECLINE): (S.DECLINED, {MED}),
    (S.ACCEPTED, A.REQUEST_CONSENT): (S.CONSENT_REQUESTED, {MED}),
    (S.ACCEPTED, A.START_MEDIATION): (S.MEDIATING, {MED}),
    (S.ACCEPTED, A.RECORD_CONSENT): (S.MEDIATING, {MED}),
    (S.ACCEPTED, A.RECORD_REFUSAL): (S.CONSENT_REFUSED, {MED}),
    (S.CONSENT_REQUESTED, A.GIVE_CONSENT): (S.MEDIATING, {RESP}),
    (S.CONSENT_REQUESTED, A.RECORD_CONSENT): (S.MEDIATING, {MED}),
    (S.CONSENT_REQUESTED, A.REFUSE_CONSENT): (S.CONSENT_REFUSED, {APP, RESP}),
    (S.CONSENT_REQUESTED, A.RECORD_REFUSAL): (S.CONSENT_REFUSED, {MED}),
    (S.MEDIATING, A.REFUSE_CONSENT): (S.CONSENT_REFUSED, {APP, RESP}),
    (S.MEDIATING, A.RECORD_REFUSAL): (S.CONSENT_REFUSED, {MED}),
    (S.MEDIATING, A.SCHEDULE_SESSION): (S.MEDIATING, {MED}),
    (S.MEDIATING, A.RECORD_SESSION): (S.MEDIATING, {MED}),
    (S.MEDIATING, A.DRAFT_AGREEMENT): (S.MEDIATING, {MED}),
    (S.MEDIATING, A.CONFIRM_AGREEMENT): (S.MEDIATING, {APP, RESP}),
    (S.MEDIATING, A.SIGN_AGREEMENT): (S.SETTLED, {MED}),
    (S.MEDIATING, A.RECORD_ORAL_AGREEMENT): (S.SETTLED, {MED}),
    (S.MEDIATING, A.FAIL): (S.FAILED, {MED}),
    (S.FAILED, A.ESCALATE): (S.ESCALATION_PENDING, {MED}),
    (S.FAILED, A.REFER): (S.REFERRED, {MED}),
    (S.ESCALATION_PENDING, A.ACCEPT_ESCALATION): (S.ACCEPTED, {MED}),
    # After settlement (PML 31): performance, return visit, rating, closing only after a visit.
    (S.SETTLED, A.RECORD_PERFORMANCE): (S.SETTLED, {MED}),
    (S.SETTLED, A.SCHEDULE_RETURN_VISIT): (S.SETTLED, {MED}),
    (S.SETTLED, A.RECORD_RETURN_VISIT): (S.RETURN_VISITED, {MED}),
    (S.RETURN_VISITED, A.RECORD_PERFORMANCE): (S.RETURN_VISITED, {MED}),
    (S.RETURN_VISITED, A.RECORD_RETURN_VISIT): (S.RETURN_VISITED, {MED}),
    (S.RETURN_VISITED, A.RATE): (S.RETURN_VISITED, {APP, RESP}),
    (S.RETURN_VISITED, A.CLOSE): (S.CLOSED, {MED}),
    (S.CLOSED, A.RATE): (S.CLOSED, {APP, RESP}),
}
for _stage in OPEN:
    SPEC[(_stage, A.WITHDRAW)] = (S.WITHDRAWN, {APP, GRID})
    SPEC[(_stage, A.REQUEST_OTHER_MEDIATOR)] = (_stage, {APP, RESP})
for _stage in OPEN + FOLLOW_UP:
    SPEC[(_stage, A.ADD_INFORMATION)] = (_stage, {APP, RESP, GRID})
    SPEC[(_stage, A.SET_RISK)] = (_stage, {MED, SUP, GRID})
    SPEC[(_stage, A.CLEAR_RISK)] = (_stage, {MED, SUP})
    SPEC[(_stage, A.ASSIGN)] = (_stage, {SUP})
    SPEC[(_stage, A.SUPERVISE)] = (_stage, {SUP})
    SPEC[(_stage, A.ACKNOWLEDGE_SUPERVISION)] = (_stage, {MED})
for _stage in TIER_CLOCK:
    SPEC[(_stage, A.PAUSE_CLOCK)] = (_stage, {MED})
    SPEC[(_stage, A.RESUME_CLOCK)] = (_stage, {MED})


def _state(stage: S, action: A) -> CaseState:
    """A case in `stage` whose tier, risk flag and clock let `action` through if the stage does."""
    return CaseState(stage, Tier.VILLAGE, risk_flagged=action == A.CLEAR_RISK,
                     clock_paused=action == A.RESUME_CLOCK)


TRIPLES = list(itertools.product(S, A, Actor))
LEGAL = [t for t in TRIPLES if (t[0], t[1]) in SPEC and t[2] in SPEC[(t[0], t[1])][1]]
WRONG_ACTOR = [t for t in TRIPLES if (t[0], t[1]) in SPEC and t[2] not in SPEC[(t[0], t[1])][1]]
WRONG_STAGE = [t for t in TRIPLES if (t[0], t[1]) not in SPEC]


def test_table_is_the_spec():
    assert set(workflow.TABLE) == set(SPEC)
    for key, rule in workflow.TABLE.items():
        assert (rule.target(key[0]), set(rule.actors)) == SPEC[key], key


@pytest.mark.parametrize(("stage", "action", "actor"), LEGAL)
def test_legal_triple(stage, action, actor):
    rule = workflow.check(_state(stage, action), action, {actor})
    assert rule.target(stage) == SPEC[(stage, action)][0]
    assert action in workflow.available_actions(_state(stage, action), {actor})


@pytest.mark.parametrize(("stage", "action", "actor"), WRONG_ACTOR)
def test_wrong_actor_is_not_allowed(stage, action, actor):
    with pytest.raises(NotAllowed):
        workflow.check(_state(stage, action), action, {actor})
    assert action not in workflow.available_actions(_state(stage, action), {actor})


@pytest.mark.parametrize(("stage", "action", "actor"), WRONG_STAGE)
def test_wrong_stage_is_illegal(stage, action, actor):
    with pytest.raises(IllegalTransition):
        workflow.check(CaseState(stage), action, {actor})
    assert action not in workflow.available_actions(CaseState(stage), {actor})


def test_nobody_is_nobody():
    with pytest.raises(NotAllowed):
        workflow.check(CaseState(S.SUBMITTED), A.ACCEPT, set())


def test_one_of_several_actors_suffices():
    workflow.check(CaseState(S.SUBMITTED), A.ACCEPT, {APP, MED})


def test_unknown_codes_are_illegal():
    with pytest.raises(IllegalTransition):
        workflow.rule_for("submitted", "delete")
    with pytest.raises(IllegalTransition):
        workflow.rule_for("archived", "accept")


@pytest.mark.parametrize(("tier", "allowed"), [(Tier.VILLAGE, True), (Tier.TOWNSHIP, True), (Tier.COUNTY, False)])
def test_escalation_only_below_the_county(tier, allowed):
    state = CaseState(S.FAILED, tier)
    assert (A.ESCALATE in workflow.available_actions(state, {MED})) is allowed
    assert A.REFER in workflow.available_actions(state, {MED})
    if not allowed:
        with pytest.raises(IllegalTransition):
            workflow.check(state, A.ESCALATE, {MED})


def test_next_tier():
    assert workflow.next_tier(Tier.VILLAGE) == Tier.TOWNSHIP
    assert workflow.next_tier(Tier.TOWNSHIP) == Tier.COUNTY
    with pytest.raises(IllegalTransition):
        workflow.next_tier(Tier.COUNTY)


@pytest.mark.parametrize("stage", OPEN + FOLLOW_UP)
def test_risk_level_can_change_and_only_a_flag_can_be_cleared(stage):
    flagged = workflow.available_actions(CaseState(stage, risk_flagged=True), {MED})
    unflagged = workflow.available_actions(CaseState(stage, risk_flagged=False), {MED})
    assert A.CLEAR_RISK in flagged and A.SET_RISK in flagged
    assert A.SET_RISK in unflagged and A.CLEAR_RISK not in unflagged
    with pytest.raises(IllegalTransition):
        workflow.check(CaseState(stage, risk_flagged=False), A.CLEAR_RISK, {SUP})


@pytest.mark.parametrize("stage", TIER_CLOCK)
def test_clock_is_paused_or_resumed_never_both(stage):
    running = workflow.available_actions(CaseState(stage, clock_paused=False), {MED})
    paused = workflow.available_actions(CaseState(stage, clock_paused=True), {MED})
    assert A.PAUSE_CLOCK in running and A.RESUME_CLOCK not in running
    assert A.RESUME_CLOCK in paused and A.PAUSE_CLOCK not in paused
    with pytest.raises(IllegalTransition):
        workflow.check(CaseState(stage, clock_paused=True), A.PAUSE_CLOCK, {MED})


@pytest.mark.parametrize("stage", sorted(workflow.ENDED_STAGES))
def test_ended_stages_offer_nothing_but_a_rating(stage):
    expected = [A.RATE] if stage == S.CLOSED else []
    assert workflow.available_actions(CaseState(stage), set(Actor)) == expected
    assert not workflow.is_open(stage) and not workflow.is_active(stage)


def test_no_closing_without_a_return_visit():
    closing = [key for key, rule in workflow.TABLE.items() if rule.next_stage == S.CLOSED]
    assert closing == [(S.RETURN_VISITED, A.CLOSE)]
    visiting = [key for key, rule in workflow.TABLE.items() if rule.next_stage == S.RETURN_VISITED]
    assert visiting == [(S.SETTLED, A.RECORD_RETURN_VISIT)]
    assert Q.PERFORMANCE_RECORDED in workflow.rule_for(S.SETTLED, A.RECORD_RETURN_VISIT).requires


def test_admin_takes_no_case_action():
    assert all(ADMIN not in rule.actors for rule in workflow.TABLE.values())


def test_only_consent_waits_for_all_parties():
    waiting = {key for key, rule in workflow.TABLE.items() if rule.waits_for_all_parties}
    assert waiting == {
        (S.ACCEPTED, A.RECORD_CONSENT), (S.CONSENT_REQUESTED, A.GIVE_CONSENT),
        (S.CONSENT_REQUESTED, A.RECORD_CONSENT),
    }


def test_clocks_start_on_acceptance_and_signing():
    started = {key: rule.starts_clock for key, rule in workflow.TABLE.items() if rule.starts_clock}
    assert started == {
        (S.SUBMITTED, A.ACCEPT): Clock.TIER,
        (S.ESCALATION_PENDING, A.ACCEPT_ESCALATION): Clock.TIER,
        (S.MEDIATING, A.SIGN_AGREEMENT): Clock.JUDICIAL_CONFIRMATION,
    }


def test_deadlines():
    assert clocks.deadline(Clock.TIER, date(2026, 1, 31)) == date(2026, 3, 2)
    assert clocks.deadline(Clock.TIER, date(2026, 1, 1), tier_days=15) == date(2026, 1, 16)
    # The judicial window is statutory: the tier setting does not move it.
    assert clocks.deadline(Clock.JUDICIAL_CONFIRMATION, date(2026, 3, 1), tier_days=10) == date(2026, 3, 31)
    assert clocks.days_left(date(2026, 3, 31), date(2026, 3, 31)) == 0
    assert clocks.days_left(date(2026, 3, 31), date(2026, 4, 2)) == -2


REQUIREMENT_CASES = [
    (S.SUBMITTED, A.DECLINE, ActionInput(), [Q.REASON]),
    (S.SUBMITTED, A.DECLINE, ActionInput(reason="  "), [Q.REASON]),
    (S.SUBMITTED, A.DECLINE, ActionInput(reason="already in court"), []),
    (S.SUBMITTED, A.DECLINE, ActionInput(reason="criminal", not_civil=True), [Q.REFERRAL_IF_NOT_CIVIL]),
    (S.SUBMITTED, A.DECLINE,
     ActionInput(reason="criminal", not_civil=True, referral_route=ReferralRoute.POLICE), []),
    (S.ACCEPTED, A.RECORD_CONSENT, ActionInput(party=1), [Q.CONSENT_CHANNEL]),
    (S.ACCEPTED, A.RECORD_CONSENT, ActionInput(consent_channel=ConsentChannel.PHONE), [Q.PARTY]),
    (S.ACCEPTED, A.RECORD_CONSENT, ActionInput(party=1, consent_channel=ConsentChannel.PHONE), []),
    (S.ACCEPTED, A.START_MEDIATION, ActionInput(), [Q.CONSENT_ON_RECORD]),
    (S.ACCEPTED, A.START_MEDIATION, ActionInput(consent_on_record=True), []),
    (S.MEDIATING, A.SIGN_AGREEMENT, ActionInput(), [Q.SIGNED_ON, Q.WRITTEN_AGREEMENT]),
    (S.MEDIATING, A.SIGN_AGREEMENT, ActionInput(has_written_agreement=True, signed_on=date(2026, 1, 2)), []),
    (S.MEDIATING, A.CONFIRM_AGREEMENT, ActionInput(), [Q.WRITTEN_AGREEMENT]),
    (S.MEDIATING, A.RECORD_ORAL_AGREEMENT, ActionInput(), [Q.NOTE]),
    (S.MEDIATING, A.RECORD_SESSION, ActionInput(note="both attended"), []),
    (S.MEDIATING, A.FAIL, ActionInput(), [Q.REASON]),
    (S.FAILED, A.ESCALATE, ActionInput(), [Q.REASON]),
    (S.FAILED, A.REFER, ActionInput(reason="x"), [Q.REFERRAL_ROUTE]),
    (S.FAILED, A.REFER, ActionInput(referral_route=ReferralRoute.COURT), []),
    (S.MEDIATING, A.SET_RISK, ActionInput(), [Q.REASON, Q.RISK_LEVEL]),
    (S.MEDIATING, A.SET_RISK, ActionInput(reason="x", risk_level="grave"), []),
    (S.MEDIATING, A.PAUSE_CLOCK, ActionInput(), [Q.REASON]),
    (S.MEDIATING, A.ASSIGN, ActionInput(), [Q.MEDIATORS]),
    (S.MEDIATING, A.SUPERVISE, ActionInput(), [Q.NOTE]),
    (S.SETTLED, A.RECORD_PERFORMANCE, ActionInput(performance="fully"), [Q.PERFORMANCE]),
    (S.SETTLED, A.RECORD_PERFORMANCE, ActionInput(performance="fully", term=1), []),
    (S.SETTLED, A.RECORD_RETURN_VISIT, ActionInput(),
     [Q.DATE, Q.NOTE, Q.PERFORMANCE_RECORDED]),
    (S.SETTLED, A.RECORD_RETURN_VISIT,
     ActionInput(on=date(2026, 5, 1), note="已履行", performance_recorded=True), []),
    (S.CLOSED, A.RATE, ActionInput(rating=0), [Q.RATING]),
    (S.CLOSED, A.RATE, ActionInput(rating=6), [Q.RATING]),
    (S.CLOSED, A.RATE, ActionInput(rating=5), []),
    (S.MEDIATING, A.WITHDRAW, ActionInput(), []),
    (S.SUBMITTED, A.ACCEPT, ActionInput(), []),
]


@pytest.mark.parametrize(("stage", "action", "given", "missing"), REQUIREMENT_CASES)
def test_requirements(stage, action, given, missing):
    rule = workflow.rule_for(stage, action)
    assert workflow.missing_requirements(rule, given) == missing
    if missing:
        with pytest.raises(MissingRequirement) as err:
            workflow.require(rule, given)
        assert list(err.value.missing) == missing
    else:
        workflow.require(rule, given)


def test_refusal_routes_include_the_special_body_first():
    assert types.suggested_routes("land_contract")[0] == ReferralRoute.LAND_CONTRACT_ARBITRATION
    assert types.suggested_routes(types.DisputeType.LABOUR_PAY)[0] == ReferralRoute.LABOUR_ARBITRATION
    assert types.suggested_routes("neighbour") == workflow.OTHER_ROUTES


def test_type_codes_are_the_taxonomy():
    assert len(types.DisputeType) == 17
    assert {language.value for language in types.Language} == {"mandarin", "hainanese", "li", "miao", "other"}
    assert {source.value for source in types.Source} == {
        "self_filed", "grid_worker", "court_police_referral", "patrol",
    }
