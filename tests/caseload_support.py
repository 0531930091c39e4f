"""Helpers for the caseload tests: staff at every level, cases moved along by the real services."""
from __future__ import annotations

from datetime import date

import pytest

from portal.auth.models import Role
from portal.disputes import agreement as agreements
from portal.disputes import clocks, services
from portal.disputes.workflow import Action, ActionInput, ConsentChannel
from tests.disputes_support import file_case, on_case


@pytest.fixture()
def staff(make_user):
    """A resident and, for 测试村 (in 牙叉镇), mediators and supervisors at every level."""
    return {
        "resident": make_user(Role.RESIDENT, name="符阿婆", phone="13812345678"),
        "village": make_user(Role.MEDIATOR, place="测试村", name="村调解员"),
        "village2": make_user(Role.MEDIATOR, place="测试村", name="村调解员二"),
        "neighbour_village": make_user(Role.MEDIATOR, place="邻村", name="邻村调解员"),
        "township": make_user(Role.MEDIATOR, place="牙叉镇", name="镇调解员"),
        "town_sup": make_user(Role.SUPERVISOR, place="牙叉镇", name="镇主任"),
        "other_town_sup": make_user(Role.SUPERVISOR, place="七坊镇", name="七坊主任"),
        "county_sup": make_user(Role.SUPERVISOR, place="白沙黎族自治县", name="县主任"),
    }


def freeze_today(monkeypatch, day: date) -> None:
    """Make every service believe it is `day` in Shanghai."""
    monkeypatch.setattr(clocks, "today_in_shanghai", lambda now=None: day)


def consent_all(session, dispute, mediator) -> None:
    for party in dispute.parties:
        if party.consent != "given":
            services.record_consent(session, mediator, dispute, party.id, True,
                                    ActionInput(consent_channel=ConsentChannel.PHONE))


def mediating_case(app, staff, **filing) -> str:
    """A village case accepted and in mediation; its number."""
    number = file_case(app, staff["resident"], **filing)

    def accept(session, dispute, mediator):
        services.act(session, mediator, dispute, Action.ACCEPT)
        consent_all(session, dispute, mediator)

    on_case(app, number, accept, staff["village"])
    return number


def settled_case(app, staff, due: date | None = None) -> str:
    """A village case with a signed agreement of two terms (the first due on `due`)."""
    number = mediating_case(app, staff)

    def settle(session, dispute, mediator):
        data = agreements.AgreementData(
            facts="事实", issues="争议", responsibilities="责任",
            terms=[agreements.TermData("赔偿五百元", "现金", due or services.today()),
                   agreements.TermData("赔礼道歉", "当面", None)])
        agreements.draft_agreement(session, mediator, dispute, data)
        agreements.sign_agreement(session, mediator, dispute, services.today())

    on_case(app, number, settle, staff["village"])
    return number
