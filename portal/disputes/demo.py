"""Demo disputes for `seed-demo`: every stage and tier, made through the real services, each case
filed on its own day of the past half year (`demo_timeline`)."""
from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import User
from portal.disputes import agreement as agreements
from portal.disputes import caseload_demo, services
from portal.disputes.demo_timeline import CaseTimeline, Story, play
from portal.disputes.filing import Filing, PartyData, file_dispute
from portal.disputes.models import Dispute
from portal.disputes.workflow import Action, ActionInput, ConsentChannel, ReferralRoute
from portal.places.models import Place

DEMO_MARK = "（演示案例）"  # every demo case's facts end with this, so it is visibly demo data
SESSION_STARTS, SESSION_RECORDED = time(9, 30), time(11, 30)


def _user(session: Session, phone: str) -> User:
    return session.scalars(select(User).where(User.phone == phone)).one()


def _village(session: Session, township: str, name: str) -> Place:
    town = session.scalars(select(Place).where(Place.name == township)).one()
    return next(v for v in town.children if v.name == name)


def _file(session: Session, filer: User, kind: str, facts: str, claims: str, place: Place,
          others: list[PartyData], applicant: PartyData | None = None, source: str = "self_filed") -> Dispute:
    filing = Filing(dispute_type=kind, facts=f"{facts}{DEMO_MARK}", claims=claims, place_id=place.id,
                    language="hainanese", respondents=others, applicant=applicant, source=source)
    return file_dispute(session, filer, filing)


def _consent_all(session: Session, mediator: User, dispute: Dispute) -> None:
    for party in dispute.parties:
        if party.consent != "given":
            services.record_consent(session, mediator, dispute, party.id, True,
                                    ActionInput(consent_channel=ConsentChannel.IN_PERSON))


def _accept(session: Session, mediator: User, dispute: Dispute, *, consent: bool = False) -> None:
    services.act(session, mediator, dispute, Action.ACCEPT)
    if consent:
        _consent_all(session, mediator, dispute)


def _meeting(t: CaseTimeline, session: Session, mediator: User, dispute: Dispute, held_on: int, place: str,
             record: str = "", outcome: str = "双方达成一致意见") -> Story:
    """Schedule a session (at the current step) for a later day, and record it after it met (if `record`)."""
    when = datetime.combine(t.date(held_on), SESSION_STARTS, tzinfo=services.SHANGHAI)
    meeting = agreements.schedule_session(session, mediator, dispute, agreements.SessionPlan(when, place))
    if record:
        yield t.day(held_on, at=SESSION_RECORDED)
        agreements.record_session(session, mediator, dispute, meeting.id, attendees="双方当事人、调解员",
                                  record=record, outcome=outcome)


def _settled(session: Session, ctx: dict) -> Story:
    """Parties of two villages: the township settles with a signed agreement, its countdown running."""
    t, med = CaseTimeline(36), ctx["town_med"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "housing_homestead", "符阿公在两家宅基地交界处砌墙，占了我家约半米，雨水也排到我家院子。",
              "拆除多占部分，修好排水沟。", ctx["v1"], [PartyData("符阿公", "13800000009", ctx["v2"].id, "邻村亲戚")])
    yield t.day(1)
    services.act(session, med, d, Action.ACCEPT)
    services.request_consent(session, med, d)
    yield t.day(3)
    services.claim_invitation(session, ctx["agong"], d.respondents[0])
    services.answer_invitation(session, ctx["agong"], d, d.respondents[0], True)
    yield t.day(4)
    yield from _meeting(t, session, med, d, 11, "牙叉镇矛调中心", "双方陈述了围墙和排水的情况，到现场测量。")
    data = agreements.AgreementData(
        facts=d.facts, issues="围墙是否越界；排水沟由谁修。", responsibilities="符阿公砌墙越界约半米，应负主要责任。",
        terms=[agreements.TermData("符阿公拆除越界部分围墙", "自行拆除", t.date(46)),
               agreements.TermData("双方共同出资修建排水沟，各付一半", "现金", t.date(56))],
        party_details={p.id: {"sex": "female" if p.kind == "applicant" else "male", "ethnicity": "黎族",
                              "occupation": "农民", "age": 67 if p.kind == "applicant" else 70} for p in d.parties})
    yield t.day(24)
    agreements.draft_agreement(session, med, d, data)
    signed = yield t.day(26)
    agreements.sign_agreement(session, med, d, signed)


def _escalated(session: Session, ctx: dict) -> Story:
    t, med = CaseTimeline(31), ctx["vil_med"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "land_contract", "村里调整承包地时，我家的两亩地被划给了别人。",
              "按原合同把地还给我家。", ctx["v1"], [PartyData("王某某", "", ctx["v1"].id, "同村村民")])
    yield t.day(1)
    _accept(session, med, d, consent=True)
    yield t.day(3)
    yield from _meeting(t, session, med, d, 9, "演示一村村委会", "双方各执一词，对地界无法达成一致。", "未达成一致")
    yield t.day(20)
    services.fail(session, med, d, "双方对地界分歧大，村调委会无法调解。")
    yield t.day(22)
    services.escalate(session, med, d, "涉及土地承包合同，需要镇里协调。")


def _submitted(session: Session, ctx: dict) -> Story:
    yield CaseTimeline(2).day(0)
    _file(session, ctx["apo"], "neighbour", "邻居家的狗常常追咬路过的孩子，上周咬伤了我孙子。",
          "赔偿医药费，把狗拴好。", ctx["v1"], [PartyData("吉某", "13700000001", ctx["v1"].id, "邻居")])


def _awaiting_consent(session: Session, ctx: dict) -> Story:
    t, med = CaseTimeline(9), ctx["vil_med"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "private_lending", "去年借给黎某八千元，说好年底还，到现在没还。",
              "还钱。", ctx["v1"], [PartyData("黎某", "", ctx["v1"].id, "同村")])
    yield t.day(1)
    services.act(session, med, d, Action.ACCEPT)
    services.request_consent(session, med, d)


def _at_risk(session: Session, ctx: dict) -> Story:
    t, med, v1 = CaseTimeline(12), ctx["vil_med"], ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["grid"], "marriage_family", "夫妻因彩礼和家务多次争吵，丈夫酒后摔东西。",
              "希望调解，不再吵打。", v1, [PartyData("羊某", "", v1.id, "丈夫")],
              applicant=PartyData("符某", "13700000002", v1.id), source="grid_worker")
    yield t.day(0)
    _accept(session, med, d, consent=True)
    yield t.day(1)
    services.set_risk(session, med, d, True, "丈夫酒后有过激言行，需防止矛盾激化。", level="serious")
    yield t.day(10)
    yield from _meeting(t, session, med, d, 14, "演示一村村委会")  # meets two days from now


def _oral_agreement(session: Session, ctx: dict) -> Story:
    t, med, v1 = CaseTimeline(14), ctx["vil_med"], ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "consumer", "在村口小卖部买的化肥结块不能用。", "退货退款。", v1,
              [PartyData("小卖部老板", "", v1.id, "商家")])
    yield t.day(1)
    _accept(session, med, d, consent=True)
    yield t.day(2)
    agreements.record_oral_agreement(session, med, d, "老板当场退还货款一百二十元，双方无异议。")


def _declined(session: Session, ctx: dict) -> Story:
    t = CaseTimeline(172)
    yield t.day(0)
    d = _file(session, ctx["apo"], "other", "有人偷了我家的牛。", "找回牛。", ctx["v1"], [PartyData("不知道是谁")])
    yield t.day(1)
    services.decline(session, ctx["vil_med"], d, ActionInput(
        reason="盗窃属于刑事案件，不属于人民调解范围。", not_civil=True, referral_route=ReferralRoute.POLICE))


def _consent_refused(session: Session, ctx: dict) -> Story:
    t, med, v1 = CaseTimeline(151), ctx["vil_med"], ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "labour_pay", "帮老板割胶两个月，工钱没结清。", "结清工钱三千元。", v1,
              [PartyData("胶园老板", "", v1.id, "雇主")])
    yield t.day(1)
    _accept(session, med, d)
    yield t.day(4)
    services.record_consent(session, med, d, d.respondents[0].id, False,
                            ActionInput(consent_channel=ConsentChannel.PHONE, note="老板说要去法院解决"))


def _withdrawn(session: Session, ctx: dict) -> Story:
    t, v1 = CaseTimeline(118), ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "neighbour", "邻居在我家门口堆放柴火。", "搬走柴火。", v1,
              [PartyData("王某", "", v1.id, "邻居")])
    yield t.day(6)
    services.withdraw(session, ctx["apo"], d, "已经和邻居说好了。")


def _just_accepted(session: Session, ctx: dict) -> Story:
    t, v1 = CaseTimeline(5), ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "property_management", "小区物业一年没有清理化粪池，臭气熏天。",
              "物业尽快清理。", v1, [PartyData("物业公司", "", v1.id, "物业服务企业")])
    yield t.day(1)
    _accept(session, ctx["vil_med"], d)


def _failed(session: Session, ctx: dict) -> Story:
    """Mediation failed; the mediator has not yet chosen the next step."""
    t, med, v1 = CaseTimeline(28), ctx["vil_med"], ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["grid"], "production_business", "合伙养牛，对方把牛卖了不分钱。", "按出资比例分钱。",
              v1, [PartyData("合伙人吉某", "", v1.id, "合伙人")], applicant=PartyData("王某", "", v1.id),
              source="grid_worker")
    yield t.day(1)
    _accept(session, med, d, consent=True)
    yield t.day(20)
    services.fail(session, med, d, "对方坚持不分钱，双方分歧很大。")


def _referred(session: Session, ctx: dict) -> Story:
    t, med, v1 = CaseTimeline(97), ctx["vil_med"], ctx["v1"]
    yield t.day(0)
    d = _file(session, ctx["apo"], "damages", "邻居砍树砸坏了我家的屋顶。", "赔偿修屋顶的钱。", v1,
              [PartyData("吉某某", "", v1.id, "邻居")])
    yield t.day(2)
    _accept(session, med, d, consent=True)
    yield t.day(18)
    services.fail(session, med, d, "双方对赔偿金额差距太大。")
    yield t.day(19)
    services.refer(session, med, d, ReferralRoute.COURT, "已告知可向白沙县人民法院起诉，可申请法律援助。")


def _county(session: Session, ctx: dict) -> Story:
    t = CaseTimeline(18)
    yield t.day(0)
    other = _village(session, "七坊镇", "演示一村")
    d = _file(session, ctx["agong"], "traffic", "骑摩托车在乡道上被七坊镇的三轮车撞伤腿。", "赔偿医药费和误工费。",
              ctx["v2"], [PartyData("陈某", "", other.id, "对方司机")])
    yield t.day(2)
    services.act(session, ctx["county_med"], d, Action.ACCEPT)
    services.request_consent(session, ctx["county_med"], d)


STORIES = (_submitted, _awaiting_consent, _at_risk, _oral_agreement, _escalated, _settled, _declined,
           _consent_refused, _withdrawn, _just_accepted, _failed, _referred, _county)


def seed(session: Session) -> None:
    """Add the demo disputes and the caseload demo, each once, their steps in date order together."""
    stories: list[Story] = []
    if not session.scalar(select(Dispute.id).where(Dispute.facts.endswith(DEMO_MARK)).limit(1)):
        ctx = {"apo": _user(session, "13800000001"), "agong": _user(session, "13800000009"),
               "grid": _user(session, "13800000002"), "vil_med": _user(session, "13800000003"),
               "town_med": _user(session, "13800000004"), "county_med": _user(session, "13800000006"),
               "v1": _village(session, "牙叉镇", "演示一村"), "v2": _village(session, "牙叉镇", "演示二村")}
        stories += [story(session, ctx) for story in STORIES]
    stories += caseload_demo.stories(session)
    play(session, stories)
