"""Demo caseload for `seed-demo`: overdue, due soon, paused, at risk, unassigned, awaiting a return
visit, closed and rated, so that a supervisor's first look shows every state. Idempotent. Each case is
filed on its own past day and every step dated after it (`demo_timeline`): overdue means overdue."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import agreement as agreements
from portal.disputes import assignment, followup, pauses, services, supervision
from portal.disputes.demo_timeline import CaseTimeline
from portal.disputes.filing import Filing, PartyData, file_dispute
from portal.disputes.models import Dispute
from portal.disputes.workflow import Action, ActionInput, ConsentChannel
from portal.places.models import Place

MARK = "（演示案例·督办）"  # the caseload demo's own mark, so it is added once even to older demo data


def _file(t: CaseTimeline, ctx: dict, kind: str, facts: str, place: Place, other: str) -> Dispute:
    filing = Filing(dispute_type=kind, facts=f"{facts}{MARK}", claims="希望调解解决。", place_id=place.id,
                    language="li", respondents=[PartyData(other, "13700001234", place.id, "同村村民")])
    with t.on_day(0):
        return file_dispute(t.session, ctx["apo"], filing)


def _accepted(t: CaseTimeline, ctx: dict, kind: str, facts: str, other: str, accepted_on: int) -> Dispute:
    """A case the village accepts `accepted_on` days after filing, both sides consenting that day:
    its tier clock runs from then, so an old enough case is overdue by the ordinary rules."""
    d = _file(t, ctx, kind, facts, ctx["v1"], other)
    with t.on_day(accepted_on):
        services.act(t.session, ctx["vil_med"], d, Action.ACCEPT)
        for party in d.parties:
            if party.consent != "given":
                services.record_consent(t.session, ctx["vil_med"], d, party.id, True,
                                        ActionInput(consent_channel=ConsentChannel.IN_PERSON))
    return d


def _clock_cases(session: Session, ctx: dict) -> None:
    # Accepted 41 and 36 days ago: the 30-day tier clock ran out 11 and 6 days ago.
    _accepted(CaseTimeline(session, 44), ctx, "neighbour", "邻居在两家之间的小路上堆放木材，多次协商未果。", "吉某甲", 3)
    t = CaseTimeline(session, 38)
    late = _accepted(t, ctx, "land_contract", "承包地界桩被移动，两家为地界争执。", "王某乙", 2)
    with t.on_day(38):
        supervision.add_note(session, ctx["town_sup"], late, "已超期六天，请本周内组织双方现场勘界并报告进展。")
    _accepted(CaseTimeline(session, 27), ctx, "private_lending", "借款五千元到期未还，对方称手头紧。", "符某丙", 1)
    t = CaseTimeline(session, 22)
    paused = _accepted(t, ctx, "labour_pay", "帮工三十天的工钱未结清。", "黎某丁", 2)
    with t.on_day(16):
        pauses.pause_clock(session, ctx["vil_med"], paused, "对方外出海口务工，下月初回村后再调解。")


def _risk_cases(session: Session, ctx: dict) -> None:
    t = CaseTimeline(session, 6)
    grave = _accepted(t, ctx, "marriage_family", "丈夫酒后扬言要烧房子，妻子带孩子躲到娘家。", "羊某戊", 1)
    with t.on_day(1):
        services.set_risk(session, ctx["vil_med"], grave, True, "扬言放火，已通知派出所和村干部。", level="grave")
    t = CaseTimeline(session, 11)
    asked = _accepted(t, ctx, "forest_land_title", "两村村民为一片橡胶林的归属争执。", "陈某己", 1)
    with t.on_day(4):
        assignment.request_other_mediator(session, ctx["apo"], asked, "调解员是对方的亲戚，希望换人。")
    _file(CaseTimeline(session, 1), ctx, "consumer", "在镇上买的摩托车三天就坏了，商家不给修。", ctx["v1"], "某摩托车店")


def _settle(t: CaseTimeline, ctx: dict, facts: str, other: str, signed_on: int, pay_by: int) -> Dispute:
    """Accepted the day after filing, signed `signed_on` days after filing, to be paid by day `pay_by`."""
    d = _accepted(t, ctx, "damages", facts, other, 1)
    data = agreements.AgreementData(
        facts=d.facts, issues="赔偿金额。", responsibilities="对方负全部责任。",
        terms=[agreements.TermData("赔偿一千五百元", "现金当面交付", t.date(pay_by))],
        amount=Decimal("1500.00"))
    with t.on_day(signed_on) as day:
        agreements.draft_agreement(t.session, ctx["vil_med"], d, data)
        agreements.sign_agreement(t.session, ctx["vil_med"], d, day)
    return d


def _follow_up_cases(session: Session, ctx: dict) -> None:
    med = ctx["vil_med"]
    # Paid five days ago: the return visit falls due a week after the term, two days from now.
    t = CaseTimeline(session, 30)
    waiting = _settle(t, ctx, "邻居家的牛吃了我家的玉米苗。", "吉某庚", 20, 25)
    with t.on_day(26):
        followup.record_performance(session, med, waiting, waiting.agreement.terms[0].id, "fully", "已当面付清。")
    t = CaseTimeline(session, 140)
    closed = _settle(t, ctx, "修路时挖断了我家的水管。", "某施工队", 30, 40)
    with t.on_day(41):
        followup.record_performance(session, med, closed, closed.agreement.terms[0].id, "fully")
    with t.on_day(47) as day:
        followup.record_return_visit(session, med, closed, followup.Visit(day, "home", "双方表示协议已履行，关系恢复正常。"))
    with t.on_day(48):
        followup.rate(session, ctx["apo"], closed, 5, "调解员很耐心，用黎话讲得很清楚。")
    with t.on_day(50):
        followup.close(session, med, closed, "协议履行完毕，回访满意。")
    t = CaseTimeline(session, 90)
    visited = _settle(t, ctx, "借用的农用三轮车还回来时撞坏了车斗。", "王某辛", 22, 35)
    with t.on_day(36):
        followup.record_performance(session, med, visited, visited.agreement.terms[0].id, "partly", "先付了一千元。")
    with t.on_day(42) as day:
        followup.record_return_visit(session, med, visited, followup.Visit(day, "phone", "申请人说余款答应下月付清。"))


def seed(session: Session) -> None:
    """Add the caseload demo once; a second run finds it and does nothing."""
    if session.scalar(select(Dispute.id).where(Dispute.facts.endswith(MARK)).limit(1)):
        return
    users = {phone: session.scalars(select(User).where(User.phone == phone)).one()
             for phone in ("13800000001", "13800000003", "13800000005")}
    town = session.scalars(select(Place).where(Place.name == "牙叉镇")).one()
    ctx = {"apo": users["13800000001"], "vil_med": users["13800000003"], "town_sup": users["13800000005"],
           "v1": next(v for v in town.children if v.name == "演示一村")}
    for step in (_clock_cases, _risk_cases, _follow_up_cases):
        step(session, ctx)
        session.flush()
