"""Demo caseload for `seed-demo`: overdue, due soon, paused, at risk, unassigned, awaiting a return
visit, closed and rated, so that a supervisor's first look shows every state. Idempotent. Each case is
filed on its own past day and every step dated after it (`demo_timeline`): overdue means overdue."""
from __future__ import annotations

from collections.abc import Generator
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import agreement as agreements
from portal.disputes import assignment, followup, pauses, services, supervision
from portal.disputes.demo_timeline import CaseTimeline, Story
from portal.disputes.filing import Filing, PartyData, file_dispute
from portal.disputes.models import Dispute
from portal.disputes.workflow import Action, ActionInput, ConsentChannel
from portal.places.models import Place

MARK = "（演示案例·督办）"  # the caseload demo's own mark, so it is added once even to older demo data


def _file(session: Session, ctx: dict, kind: str, facts: str, other: str) -> Dispute:
    filing = Filing(dispute_type=kind, facts=f"{facts}{MARK}", claims="希望调解解决。", place_id=ctx["v1"].id,
                    language="li", respondents=[PartyData(other, "13700001234", ctx["v1"].id, "同村村民")])
    return file_dispute(session, ctx["apo"], filing)


def _accepted(t: CaseTimeline, session: Session, ctx: dict, kind: str, facts: str, other: str,
              accepted_on: int) -> Generator[datetime, date, Dispute]:
    """Filed, then accepted by the village `accepted_on` days later with both sides consenting: its tier
    clock runs from that day, so an old enough case is overdue by the ordinary rules."""
    yield t.day(0)
    d = _file(session, ctx, kind, facts, other)
    yield t.day(accepted_on)
    services.act(session, ctx["vil_med"], d, Action.ACCEPT)
    for party in d.parties:
        if party.consent != "given":
            services.record_consent(session, ctx["vil_med"], d, party.id, True,
                                    ActionInput(consent_channel=ConsentChannel.IN_PERSON))
    return d


def _overdue(session: Session, ctx: dict) -> Story:
    """Accepted 41 days ago: the 30-day tier clock ran out 11 days ago."""
    yield from _accepted(CaseTimeline(44), session, ctx, "neighbour", "邻居在两家之间的小路上堆放木材，多次协商未果。",
                         "吉某甲", 3)


def _overdue_supervised(session: Session, ctx: dict) -> Story:
    """Accepted 36 days ago, six days overdue: the township's supervisor writes today."""
    t = CaseTimeline(38)
    d = yield from _accepted(t, session, ctx, "land_contract", "承包地界桩被移动，两家为地界争执。", "王某乙", 2)
    yield t.day(38)
    supervision.add_note(session, ctx["town_sup"], d, "已超期六天，请本周内组织双方现场勘界并报告进展。")


def _due_soon(session: Session, ctx: dict) -> Story:
    yield from _accepted(CaseTimeline(27), session, ctx, "private_lending", "借款五千元到期未还，对方称手头紧。",
                         "符某丙", 1)


def _paused(session: Session, ctx: dict) -> Story:
    t = CaseTimeline(22)
    d = yield from _accepted(t, session, ctx, "labour_pay", "帮工三十天的工钱未结清。", "黎某丁", 2)
    yield t.day(16)
    pauses.pause_clock(session, ctx["vil_med"], d, "对方外出海口务工，下月初回村后再调解。")


def _grave_risk(session: Session, ctx: dict) -> Story:
    t = CaseTimeline(6)
    d = yield from _accepted(t, session, ctx, "marriage_family", "丈夫酒后扬言要烧房子，妻子带孩子躲到娘家。", "羊某戊", 1)
    services.set_risk(session, ctx["vil_med"], d, True, "扬言放火，已通知派出所和村干部。", level="grave")


def _other_mediator_asked(session: Session, ctx: dict) -> Story:
    t = CaseTimeline(11)
    d = yield from _accepted(t, session, ctx, "forest_land_title", "两村村民为一片橡胶林的归属争执。", "陈某己", 1)
    yield t.day(4)
    assignment.request_other_mediator(session, ctx["apo"], d, "调解员是对方的亲戚，希望换人。")


def _unassigned(session: Session, ctx: dict) -> Story:
    yield CaseTimeline(1).day(0)
    _file(session, ctx, "consumer", "在镇上买的摩托车三天就坏了，商家不给修。", "某摩托车店")


def _settle(t: CaseTimeline, session: Session, ctx: dict, facts: str, other: str, signed_on: int,
            pay_by: int) -> Generator[datetime, date, Dispute]:
    """Accepted the day after filing, signed `signed_on` days after filing, to be paid by day `pay_by`."""
    d = yield from _accepted(t, session, ctx, "damages", facts, other, 1)
    data = agreements.AgreementData(
        facts=d.facts, issues="赔偿金额。", responsibilities="对方负全部责任。",
        terms=[agreements.TermData("赔偿一千五百元", "现金当面交付", t.date(pay_by))],
        amount=Decimal("1500.00"))
    day = yield t.day(signed_on)
    agreements.draft_agreement(session, ctx["vil_med"], d, data)
    agreements.sign_agreement(session, ctx["vil_med"], d, day)
    return d


def _awaiting_visit(session: Session, ctx: dict) -> Story:
    """Paid five days ago: the return visit falls due a week after the term, two days from now."""
    t = CaseTimeline(30)
    d = yield from _settle(t, session, ctx, "邻居家的牛吃了我家的玉米苗。", "吉某庚", 20, 25)
    yield t.day(26)
    followup.record_performance(session, ctx["vil_med"], d, d.agreement.terms[0].id, "fully", "已当面付清。")


def _closed(session: Session, ctx: dict) -> Story:
    t, med = CaseTimeline(140), ctx["vil_med"]
    d = yield from _settle(t, session, ctx, "修路时挖断了我家的水管。", "某施工队", 30, 40)
    yield t.day(41)
    followup.record_performance(session, med, d, d.agreement.terms[0].id, "fully")
    day = yield t.day(47)
    followup.record_return_visit(session, med, d, followup.Visit(day, "home", "双方表示协议已履行，关系恢复正常。"))
    yield t.day(48)
    followup.rate(session, ctx["apo"], d, 5, "调解员很耐心，用黎话讲得很清楚。")
    yield t.day(50)
    followup.close(session, med, d, "协议履行完毕，回访满意。")


def _visited(session: Session, ctx: dict) -> Story:
    t, med = CaseTimeline(90), ctx["vil_med"]
    d = yield from _settle(t, session, ctx, "借用的农用三轮车还回来时撞坏了车斗。", "王某辛", 22, 35)
    yield t.day(36)
    followup.record_performance(session, med, d, d.agreement.terms[0].id, "partly", "先付了一千元。")
    day = yield t.day(42)
    followup.record_return_visit(session, med, d, followup.Visit(day, "phone", "申请人说余款答应下月付清。"))


STORIES = (_overdue, _overdue_supervised, _due_soon, _paused, _grave_risk, _other_mediator_asked, _unassigned,
           _awaiting_visit, _closed, _visited)


def stories(session: Session) -> list[Story]:
    """The caseload demo's cases to play, or none when a previous run added them."""
    if session.scalar(select(Dispute.id).where(Dispute.facts.endswith(MARK)).limit(1)):
        return []
    users = {phone: session.scalars(select(User).where(User.phone == phone)).one()
             for phone in ("13800000001", "13800000003", "13800000005")}
    town = session.scalars(select(Place).where(Place.name == "牙叉镇")).one()
    ctx = {"apo": users["13800000001"], "vil_med": users["13800000003"], "town_sup": users["13800000005"],
           "v1": next(v for v in town.children if v.name == "演示一村")}
    return [story(session, ctx) for story in STORIES]
