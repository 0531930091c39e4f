"""Disputes services: routing, the journey through the tiers, consent, withdrawal, agreement, locking, history."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tests.disputes_support import case, file_case, on_case
from portal.auth.models import Role
from portal.db import get_session
from portal.disputes import agreement as agreements
from portal.disputes import authorisation, invitations, services
from portal.disputes.models import DisputeEvent, HistoryIsAppendOnly
from portal.disputes.workflow import Action, ActionInput, ConsentChannel, ReferralRoute, Stage
from portal.errors import ValidationFailed
from portal.places.models import Place
from portal.places.services import add_village


@pytest.fixture()
def far_village(app):
    """A village in another township (七坊镇), for county routing."""
    with app.app_context():
        session = get_session()
        town = session.scalars(select(Place).where(Place.name == "七坊镇")).one()
        add_village(session, township_id=town.id, name="远村", kind="village")
        session.commit()


@pytest.fixture()
def people(make_user):
    """A resident, and mediators of the village, township and county."""
    return {
        "resident": make_user(Role.RESIDENT),
        "village": make_user(Role.MEDIATOR, place="测试村"),
        "township": make_user(Role.MEDIATOR, place="牙叉镇"),
        "county": make_user(Role.MEDIATOR, place="白沙黎族自治县"),
    }


def _consent(session, dispute, mediator):
    for party in dispute.parties:
        if party.consent != "given":
            services.record_consent(session, mediator, dispute, party.id, True,
                                    ActionInput(consent_channel=ConsentChannel.PHONE))


def test_case_number_format_and_sequence(app, people):
    first = file_case(app, people["resident"])
    second = file_case(app, people["resident"])
    assert re.fullmatch(r"BS-\d{4}-\d{6}", first)
    assert int(second[-6:]) == int(first[-6:]) + 1


@pytest.mark.parametrize(("respondent_place", "level"), [
    ("测试村", "village"), (None, "village"), ("邻村", "township"), ("远村", "county"),
])
def test_routing_by_villages(app, people, far_village, respondent_place, level):
    number = file_case(app, people["resident"], respondent_place=respondent_place)
    dispute = case(app, number)
    assert dispute.tier == level
    assert dispute.committee.place.kind.value == level
    assert dispute.stage == Stage.SUBMITTED
    assert [e.action for e in dispute.events] == ["file"]


def test_village_fails_escalates_township_settles(app, people):
    number = file_case(app, people["resident"])
    village, township = people["village"], people["township"]
    on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT, tier_days=20), village)
    assert case(app, number).tier_due_on - case(app, number).tier_started_on == timedelta(days=20)
    on_case(app, number, lambda s, d, m: services.request_consent(s, m, d), village)
    code = case(app, number).respondents[0].invitation_code
    assert code and len(code) == 8

    def respondent_consents(session, dispute):
        party = invitations.party_by_code(session, code.lower())
        services.answer_invitation(session, party, dispute, party, True)
    on_case(app, number, respondent_consents)
    assert case(app, number).stage == Stage.MEDIATING
    on_case(app, number, lambda s, d, m: services.fail(s, m, d, "分歧太大"), village)
    on_case(app, number, lambda s, d, m: services.escalate(s, m, d, "交镇调处中心"), village)
    escalated = case(app, number)
    assert (escalated.stage, escalated.tier, escalated.tier_due_on) == (Stage.ESCALATION_PENDING, "township", None)
    with pytest.raises(authorisation.NotYourCase):  # the village no longer has the case
        on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT_ESCALATION), village)
    on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT_ESCALATION), township)
    assert case(app, number).tier_due_on is not None
    on_case(app, number, lambda s, d, m: services.start_mediation(s, m, d), township)
    _write_and_sign(app, number, township)
    settled = case(app, number)
    assert settled.stage == Stage.SETTLED
    assert settled.confirmation_due_on - settled.signed_on == timedelta(days=30)
    assert [e.action for e in settled.events] == [
        "file", "accept", "request_consent", "give_consent", "fail", "escalate", "accept_escalation",
        "start_mediation", "draft_agreement", "sign_agreement"]


def _write_and_sign(app, number, mediator):
    data = agreements.AgreementData("事实", "争议", "责任", [agreements.TermData("修好水管", "自行修理")])
    on_case(app, number, lambda s, d, m: agreements.draft_agreement(s, m, d, data), mediator)
    on_case(app, number, lambda s, d, m: agreements.sign_agreement(s, m, d, services.today()), mediator)


def test_county_cannot_escalate(app, people, far_village):
    number = file_case(app, people["resident"], respondent_place="远村")
    county = people["county"]
    on_case(app, number, lambda s, d, m: (services.act(s, m, d, Action.ACCEPT), _consent(s, d, m),
                                          services.fail(s, m, d, "无法调解")), county)
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, m: services.escalate(s, m, d, "再往上"), county)
    on_case(app, number, lambda s, d, m: services.refer(s, m, d, ReferralRoute.COURT), county)
    assert (case(app, number).stage, case(app, number).referral_route) == (Stage.REFERRED, "court")


def test_consent_waits_for_every_respondent(app, people):
    number = file_case(app, people["resident"], respondents=2)
    village = people["village"]
    on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT), village)
    first, second = case(app, number).respondents
    given = ActionInput(consent_channel=ConsentChannel.IN_PERSON)
    on_case(app, number, lambda s, d, m: services.record_consent(s, m, d, first.id, True, given), village)
    assert case(app, number).stage == Stage.ACCEPTED
    on_case(app, number, lambda s, d, m: services.record_consent(s, m, d, second.id, True, given), village)
    assert case(app, number).stage == Stage.MEDIATING


def test_refusal_ends_the_case(app, people):
    number = file_case(app, people["resident"])
    on_case(app, number, lambda s, d, m: (services.act(s, m, d, Action.ACCEPT), services.request_consent(s, m, d)),
            people["village"])
    party = case(app, number).respondents[0]

    def refuse(session, dispute):
        who = invitations.party_by_code(session, party.invitation_code)
        services.answer_invitation(session, who, dispute, who, False, note="不想调解")
    on_case(app, number, refuse)
    ended = case(app, number)
    assert ended.stage == Stage.CONSENT_REFUSED
    assert ended.respondents[0].consent == "refused"
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, m: services.start_mediation(s, m, d), people["village"])


def test_withdraw_before_settlement_only(app, people):
    number = file_case(app, people["resident"])
    on_case(app, number, lambda s, d, r: services.withdraw(s, r, d, "和好了"), people["resident"])
    assert case(app, number).stage == Stage.WITHDRAWN
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, r: services.withdraw(s, r, d), people["resident"])


def test_mediator_may_not_withdraw_and_stranger_sees_nothing(app, people, make_user):
    number = file_case(app, people["resident"])
    with pytest.raises(authorisation.NotYourCase):
        on_case(app, number, lambda s, d, m: services.withdraw(s, m, d), people["village"])
    stranger = make_user(Role.RESIDENT)
    with pytest.raises(authorisation.NotYourCase):
        on_case(app, number, lambda s, d, r: services.add_information(s, r, d, "我也要说"), stranger)


def test_missing_reason_is_a_field_error(app, people):
    number = file_case(app, people["resident"])
    with pytest.raises(ValidationFailed) as err:
        on_case(app, number, lambda s, d, m: services.decline(s, m, d, ActionInput(not_civil=True, reason="刑事")),
                people["village"])
    assert err.value.field == "referral_route"
    assert case(app, number).stage == Stage.SUBMITTED


def test_sign_requires_a_written_agreement_and_sane_date(app, people):
    number = file_case(app, people["resident"])
    mediator = people["village"]
    on_case(app, number, lambda s, d, m: (services.act(s, m, d, Action.ACCEPT), _consent(s, d, m)), mediator)
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: agreements.sign_agreement(s, m, d, services.today()), mediator)
    data = agreements.AgreementData("事实", "争议", "责任", [agreements.TermData("修好水管")])
    on_case(app, number, lambda s, d, m: agreements.draft_agreement(s, m, d, data), mediator)
    tomorrow = services.today() + timedelta(days=1)
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: agreements.sign_agreement(s, m, d, tomorrow), mediator)
    on_case(app, number, lambda s, d, m: agreements.record_oral_agreement(s, m, d, "口头约定修水管"), mediator)
    oral = case(app, number)
    assert oral.stage == Stage.SETTLED and oral.agreement.oral and oral.confirmation_due_on is None


def test_stale_version_is_refused(app, people):
    number = file_case(app, people["resident"])
    seen = case(app, number).version_id
    on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, True, "可能打架", level="serious"), people["village"])
    with pytest.raises(authorisation.CaseChanged):
        on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT, version=seen), people["village"])
    assert case(app, number).stage == Stage.SUBMITTED


def test_simultaneous_writers_collide(app, people):
    """Two sessions load the same version; the second flush fails instead of overwriting."""
    number = file_case(app, people["resident"])
    with app.app_context():
        maker = app.extensions["db_sessionmaker"]
        one, two = maker(), maker()
        try:
            cases = [s.scalars(select(services.Dispute).where(services.Dispute.number == number)).one()
                     for s in (one, two)]
            users = [s.get(services.User, people["village"].id) for s in (one, two)]
            services.act(one, users[0], cases[0], Action.ACCEPT)
            one.commit()
            with pytest.raises(StaleDataError):  # at the flush that sends the notices, or at the commit
                services.act(two, users[1], cases[1], Action.DECLINE, ActionInput(reason="不受理"))
                two.commit()
        finally:
            one.close()
            two.close()
    assert case(app, number).stage == Stage.ACCEPTED


def test_history_is_append_only(app, people):
    number = file_case(app, people["resident"])
    with app.app_context():
        session = get_session()
        event = session.scalars(select(DisputeEvent)).first()
        event.note = "改写历史"
        with pytest.raises(HistoryIsAppendOnly):
            session.flush()
        session.rollback()
        session.delete(session.scalars(select(DisputeEvent)).first())
        with pytest.raises(HistoryIsAppendOnly):
            session.flush()
        session.rollback()


def test_risk_flag_set_and_cleared(app, people):
    number = file_case(app, people["resident"])
    flag = lambda s, d, m: services.set_risk(s, m, d, True, "双方扬言动手", level="serious")  # noqa: E731
    on_case(app, number, flag, people["village"])
    assert case(app, number).risk_flagged
    with pytest.raises(ValidationFailed):  # a level is required
        on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, True, "again"), people["village"])
    on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, False, "已平息"), people["village"])
    assert not case(app, number).risk_flagged
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, False, "again"), people["village"])
