"""A mediator sees the unread count, opens the centre, follows a notice to the case, marks all read."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.auth.models import Role, User
from portal.db import get_session
from portal.disputes.models import Dispute
from portal.notifications import Kind, notify
from tests.conftest import PASSWORD
from tests.disputes_support import file_case
from tests.e2e.conftest import html_of, screenshot

pytestmark = pytest.mark.e2e


def test_mediator_follows_a_notification_to_the_case(app, live_server, page, make_user):
    resident, mediator = make_user(Role.RESIDENT), make_user(Role.MEDIATOR)
    numbers = [file_case(app, resident) for _ in range(2)]
    with app.app_context():
        session = get_session()
        me = session.get(User, mediator.id)
        for kind, number in zip((Kind.CASE_ACCEPTED, Kind.DEADLINE_NEAR), numbers):
            dispute = session.scalars(select(Dispute).where(Dispute.number == number)).one()
            notify(session, [me], kind, "dispute", dispute.id, due="2031-03-01")
        session.commit()

    page.goto(f"{live_server}/login")
    page.fill("#phone", mediator.phone)
    page.fill("#password", PASSWORD)
    page.click("#submit")
    link = page.locator("a.notifications-link")
    assert re.search(r"通知\s*2", link.inner_text())
    link.click()
    page.wait_for_load_state()
    screenshot(page, "notifications-centre")
    assert page.locator("li.notification.unread").count() == 2
    assert "期限将到" in html_of(page) and "2031" in html_of(page)

    page.get_by_role("link", name="案件已受理").click()
    assert page.url.endswith(f"/disputes/{numbers[0]}")
    assert re.search(r"通知\s*1", page.locator("a.notifications-link").inner_text())

    page.locator("a.notifications-link").click()
    page.get_by_role("button", name="全部标为已读").click()
    assert page.locator("li.notification.unread").count() == 0
    assert page.locator("a.notifications-link").inner_text().strip() == "通知"
    screenshot(page, "notifications-all-read")
