"""Demo legal advice for `seed-demo`: advisers' villages and office hours, questions in every state."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import clock
from portal.advice import clocks, faq, office, services
from portal.advice.models import AdviserProfile, Assignment, Question, Visit
from portal.auth.models import Role, User
from portal.kb.extra import add_documents
from portal.places.models import Place

DEMO_MARK = "（演示）"  # every demo question ends with this, so it is visibly demo data
SECOND_ADVISER = ("13800000018", "吉律师")
FIRM = "海南椰乡律师事务所（演示）"


def _user(session: Session, phone: str) -> User | None:
    return session.scalar(select(User).where(User.phone == phone))


def _village(session: Session, township: str, name: str) -> Place:
    town = session.scalars(select(Place).where(Place.name == township)).one()
    return next(v for v in town.children if v.name == name)


def _second_adviser(session: Session, township: Place) -> User:
    from portal.demo import DEMO_PASSWORD

    user = _user(session, SECOND_ADVISER[0])
    if user is None:
        user = User(phone=SECOND_ADVISER[0], name=SECOND_ADVISER[1], role=Role.ADVISER, place=township)
        user.set_password(DEMO_PASSWORD)
        session.add(user)
        session.flush()
    return user


def _advisers(session: Session, admin: User) -> tuple[User, User]:
    lin = _user(session, "13800000008")
    one, two = _village(session, "牙叉镇", "演示一村"), _village(session, "牙叉镇", "演示二村")
    ji = _second_adviser(session, one.parent)
    for adviser, place in ((lin, one), (lin, two), (ji, _village(session, "牙叉镇", "演示社区")),
                           (ji, _village(session, "七坊镇", "演示一村"))):
        office.assign(session, admin, adviser.id, place.id)
    session.add_all([AdviserProfile(user=lin, law_firm=FIRM, show_phone=False),
                     AdviserProfile(user=ji, law_firm=FIRM, show_phone=True)])
    return lin, ji


def _office_hours(session: Session, lin: User, ji: User) -> None:
    today = clocks.today()
    one, two = _village(session, "牙叉镇", "演示一村"), _village(session, "牙叉镇", "演示二村")
    plan = [(lin, one, 2, 9 * 60, 11 * 60), (lin, two, 3, 14 * 60 + 30, 16 * 60 + 30),
            (lin, one, 9, 9 * 60, 11 * 60), (ji, _village(session, "牙叉镇", "演示社区"), 4, 9 * 60, 12 * 60)]
    for adviser, place, days, start, end in plan:
        office.add_visit(session, adviser, place.id, today + timedelta(days=days), start, end)
    first = session.scalars(select(Visit).order_by(Visit.day)).first()
    office.book(session, _user(session, "13800000001"), first, "儿子外出打工被欠工资，想当面问问怎么讨。")


def _ask(session: Session, asker: User, category: str, text: str, days_ago: int = 0,
         may_publish: bool = False) -> Question:
    when = clock.now() - timedelta(days=days_ago, hours=1)
    draft = services.Draft(category, f"{text}{DEMO_MARK}", may_publish=may_publish)
    return services.ask(session, asker, draft, now=when)


def _questions(session: Session, lin: User, ji: User) -> None:
    apo, agong = _user(session, "13800000001"), _user(session, "13800000009")
    _ask(session, agong, "housing_homestead", "邻居在我家宅基地边上盖房，把我家出去的路挡住了，我该怎么办？")
    claimed = _ask(session, apo, "labour_pay", "我儿子在县城工地干了三个月，老板一直不给工钱，能去哪里要？")
    services.claim(session, lin, claimed)
    dog = _ask(session, apo, "damages", "邻居家的狗把我咬伤了，打针花了八百多块，邻居说狗是自己跑出来的不管他的事。", 2)
    services.answer(session, lin, dog, "您好。依照民法典第一千二百四十五条，饲养的动物造成他人损害的，"
                    "动物饲养人或者管理人应当承担侵权责任。狗是邻居家养的，医药费应当由邻居承担。"
                    "建议先和邻居商量，商量不成可以申请村调委会调解，调解不收费。",
                    recommend_mediation=True)
    loan = _ask(session, agong, "private_lending", "我借给同村人两万块，打了借条没写利息，现在他不还，借条还有用吗？", 3)
    services.answer(session, lin, loan, "借条有用。民法典第六百七十九条规定，自然人之间的借款合同，"
                    "自贷款人提供借款时成立。借条没写利息的，依照第六百八十条视为没有利息。")
    services.follow_up(session, agong, loan, "借条上的日期是三年前的，会不会过了时效？")
    info = _ask(session, agong, "land_contract", "村里要调整承包地，把我家的地分给别人，可以吗？", 1)
    services.request_info(session, lin, info, "请问您家的土地承包合同或者承包经营权证还在吗？调整是村民会议决定的吗？")
    _ask(session, apo, "marriage_family", "我有三个儿子，都不给赡养费，我一个人生活很困难，怎么办？", 5)
    _ask(session, agong, "other", "村口的路灯坏了很久，该找谁修？", 35)
    services.expire_overdue(session)
    _published(session, apo, lin)


def _published(session: Session, asker: User, adviser: User) -> None:
    question = _ask(session, asker, "neighbour", "我是符阿婆，电话138 0000 0001，住在演示一村3组15号。"
                    "邻居老王家房檐的水一直滴到我家院子里，说了几次都不改，怎么办？", 6, may_publish=True)
    services.answer(session, adviser, question, "您好。民法典第二百九十六条规定，不动产权利人因用水、排水等"
                    "利用相邻土地、建筑物的，应当尽量避免对相邻的不动产权利人造成损害。"
                    "可以请村调委会出面调解，让邻居改装排水。")
    services.resolve(session, asker, question, 5)
    draft = faq.draft_faq(question)
    published = faq.publish(session, adviser, question, "邻居房檐的水滴到我家院子，怎么办？",
                            draft.question_text, draft.answer_text)
    if has_app_context():  # `make run` builds the index before seeding: add the FAQ to it now
        session.flush()
        add_documents(current_app.config["INDEX_DIR"], [faq.faq_document(published)])


def seed(session: Session) -> None:
    """Advisers' villages and office hours, and questions in every state; idempotent."""
    if session.scalar(select(Assignment.id).limit(1)) is not None:
        return
    admin = session.scalars(select(User).where(User.role == Role.ADMIN).order_by(User.id)).first()
    lin, ji = _advisers(session, admin)
    session.flush()
    _office_hours(session, lin, ji)
    _questions(session, lin, ji)
    session.flush()
