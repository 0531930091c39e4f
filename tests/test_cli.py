"""The flask commands an installer and an admin use."""
from __future__ import annotations

from sqlalchemy import func, select

from portal.auth.models import Role, User
from portal.db import get_session
from portal.places.models import Place


def test_create_user_puts_a_mediator_on_the_committee(app):
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--phone", "13612345678", "--name", "调解员", "--role", "mediator",
        "--place", "测试村", "--password", "long-enough-1"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = get_session().scalar(select(User).where(User.phone == "13612345678"))
        assert user.role is Role.MEDIATOR
        assert user.committee.name == "测试村人民调解委员会"


def test_create_user_refuses_a_bad_phone(app):
    result = app.test_cli_runner().invoke(args=[
        "create-user", "--phone", "123", "--name", "x", "--role", "admin",
        "--place", "白沙黎族自治县", "--password", "long-enough-1"])
    assert result.exit_code != 0
    assert "请输入11位手机号码" in result.output


def test_seed_demo_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "13800000000" in first.output

    def counts():
        with app.app_context():
            session = get_session()
            return (session.scalar(select(func.count(User.id))),
                    session.scalar(select(func.count(Place.id))))

    before = counts()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert counts() == before
    with app.app_context():
        demo = get_session().scalars(select(Place).where(Place.is_demo)).all()
        assert len(demo) == 33 and all("演示" in p.name for p in demo)
