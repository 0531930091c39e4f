"""The mediator's queue: who sees what, filters, bad input, masking, risk first, and its SQL cost."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.auth.models import Role
from portal.disputes import pauses, services
from portal.disputes.caseload_models import Assignment
from portal.disputes.filing import PartyData
from portal.web import Page
from tests.caseload_support import mediating_case, staff  # noqa: F401
from tests.conftest import PASSWORD, log_in, sql_statements
from tests.disputes_support import file_case, on_case

EN = {"Accept-Language": "en"}


def _numbers(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"BS-\d{4}-\d{6}", html)))


def _queue(client, query: str = "") -> str:
    response = client.get(f"/disputes/queue{query}", headers=EN)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("role", "status"), [
    (Role.RESIDENT, 403), (Role.GRID_WORKER, 403), (Role.ADVISER, 403),
    (Role.MEDIATOR, 200), (Role.SUPERVISOR, 200), (Role.ADMIN, 200),
])
def test_only_staff_have_a_queue(client, login_as, role, status):
    login_as(role)
    assert client.get("/disputes/queue").status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/disputes/queue").status_code == 302


def test_header_leads_mediators_and_supervisors_to_their_queue(client, login_as):
    login_as(Role.SUPERVISOR)
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert "/disputes/queue" in html and "/disputes/supervision" in html


def test_queue_shows_the_committees_cases_with_phones_masked(app, client, staff):
    mine = mediating_case(app, staff)
    elsewhere = file_case(app, staff["resident"], place="邻村", respondent_place="邻村")
    log_in(client, staff["village"].phone, PASSWORD)
    html = _queue(client)
    assert _numbers(html) == [mine]
    assert "138****5678" in html and "13812345678" not in html
    assert "137****0000" in html and elsewhere not in html


def test_risky_cases_come_first_until_cleared(app, client, staff):
    first, second, third = (mediating_case(app, staff) for _ in range(3))
    on_case(app, third, lambda s, d, m: services.set_risk(s, m, d, True, "扬言动手", level="grave"),
            staff["village"])
    on_case(app, second, lambda s, d, m: services.set_risk(s, m, d, True, "有矛盾", level="general"),
            staff["village"])
    log_in(client, staff["village"].phone, PASSWORD)
    assert _numbers(_queue(client)) == [third, first, second]  # 一般 does not jump the queue
    assert _numbers(_queue(client, "?sort=newest")) == [third, second, first]
    on_case(app, third, lambda s, d, m: services.set_risk(s, m, d, False, "已平息"), staff["village"])
    assert _numbers(_queue(client)) == [first, second, third]


def _move_clock(app, number: str, days: int) -> None:
    def move(session, dispute):
        dispute.tier_due_on = services.today() + timedelta(days=days)
        services.refresh_due(dispute)

    on_case(app, number, move)


def test_filters_overdue_due_soon_mine_unassigned_type_village_stage(app, client, staff):
    late, soon, later = (mediating_case(app, staff) for _ in range(3))
    _move_clock(app, late, -1)
    _move_clock(app, soon, 3)
    new = file_case(app, staff["resident"], kind="land_contract")
    log_in(client, staff["village"].phone, PASSWORD)
    assert _numbers(_queue(client)) == [late, soon, later, new]
    assert _numbers(_queue(client, "?overdue=1")) == [late]
    assert _numbers(_queue(client, "?due_soon=1")) == [soon]
    assert _numbers(_queue(client, "?mine=1")) == [late, soon, later]  # accepting assigns
    assert _numbers(_queue(client, "?unassigned=1")) == [new]
    assert _numbers(_queue(client, "?type=land_contract")) == [new]
    assert _numbers(_queue(client, "?stage=submitted")) == [new]
    html = _queue(client, "?overdue=1")
    assert "1 day overdue" in html and 'class="case-item overdue"' in html


def test_a_paused_clock_is_neither_overdue_nor_due_soon(app, client, staff):
    number = mediating_case(app, staff)
    _move_clock(app, number, 2)
    on_case(app, number, lambda s, d, m: pauses.pause_clock(s, m, d, "等对方回村"), staff["village"])
    log_in(client, staff["village"].phone, PASSWORD)
    assert _numbers(_queue(client, "?due_soon=1")) == []
    assert "paused" in _queue(client)


def test_search_by_number_or_party_name(app, client, staff):
    one, two = mediating_case(app, staff), mediating_case(app, staff)
    log_in(client, staff["village"].phone, PASSWORD)
    assert _numbers(_queue(client, f"?q={two}")) == [two]
    assert _numbers(_queue(client, f"?q={int(one[-6:])}")) == [one]
    assert _numbers(_queue(client, "?q=对方0")) == [one, two]
    assert _numbers(_queue(client, "?q=%25")) == []  # LIKE wildcards are taken literally


@pytest.mark.parametrize("query", [
    "?stage=archived", "?type=robbery", "?village=999999", "?village=abc", "?overdue=maybe",
    "?sort=random", "?page=-3", "?page=abc", "?q=" + "x" * 500, "?village=1e9&stage=%00",
])
def test_nonsense_filters_are_ignored_with_a_message(app, client, staff, query):
    number = mediating_case(app, staff)
    log_in(client, staff["village"].phone, PASSWORD)
    html = _queue(client, query)
    if "page" not in query and "q=" not in query:
        assert "Some filters were not understood and were ignored." in html
        assert _numbers(html) == [number]


def test_a_village_outside_the_users_area_is_not_a_filter(app, client, staff):
    mediating_case(app, staff)
    with app.app_context():
        from tests.disputes_support import place_id
        other = place_id("邻村")
    log_in(client, staff["village"].phone, PASSWORD)
    assert "were ignored" in _queue(client, f"?village={other}")
    log_in(client, staff["town_sup"].phone, PASSWORD)
    assert "were ignored" not in _queue(client, f"?village={other}")


def test_pages_keep_the_filters(app, client, staff, monkeypatch):
    from portal.disputes import queue

    numbers = [mediating_case(app, staff) for _ in range(3)]
    monkeypatch.setattr(queue, "PER_PAGE", 2)
    monkeypatch.setattr(queue.page, "__defaults__", (2,))
    log_in(client, staff["village"].phone, PASSWORD)
    first = _queue(client, "?mine=1")
    assert _numbers(first) == numbers[:2] and "page=2" in first and "mine=1" in first
    assert _numbers(_queue(client, "?mine=1&page=2")) == numbers[2:]


def test_one_statement_for_the_rows_however_many(app, client, staff, monkeypatch):
    """No N+1: a page of 2 rows and a page of 12 cost the same statements, one of them for the rows."""
    from portal.disputes import queue

    for _ in range(12):
        mediating_case(app, staff)
    log_in(client, staff["village"].phone, PASSWORD)
    counts = {}
    for size in (2, 12):
        monkeypatch.setattr(queue.page, "__defaults__", (size,))
        statements = sql_statements(app, client, "/disputes/queue", headers=EN)
        counts[size] = len(statements)
        # The user's own cases are looked up first (access.list_filter), then the count and the page.
        counting = [s for s in statements if s.startswith("SELECT count(*)") and "FROM disputes" in s]
        rows = [s for s in statements if "disputes.number" in s]
        assert (len(counting), len(rows)) == (1, 1), statements
    assert counts[2] == counts[12]


def test_page_object_reports_totals(app, staff):
    for _ in range(3):
        mediating_case(app, staff)
    from portal.db import get_session
    from portal.disputes import queue

    with app.app_context():
        session = get_session()
        user = session.get(type(staff["village"]), staff["village"].id)
        page = queue.page(session, user, queue.Filters(), services.today(), 2, per_page=2)
        assert isinstance(page, Page) and page.total == 3 and len(page.items) == 1 and page.pages == 2
        assert session.query(Assignment).count() == 3


def test_the_list_filter_is_the_same_rule_as_visible_filter(app, staff, make_user):
    from sqlalchemy import select

    from portal.auth.models import User
    from portal.db import get_session
    from portal.disputes import access
    from portal.disputes.models import Dispute

    grid = make_user(Role.GRID_WORKER)
    mediating_case(app, staff)
    file_case(app, staff["resident"], respondent_place="邻村")
    file_case(app, grid, applicant=PartyData("代办人", "", None), source="grid_worker")
    viewers = [*staff.values(), grid, make_user(Role.ADMIN), make_user(Role.ADVISER)]
    with app.app_context():
        session = get_session()
        for viewer in viewers:
            user = session.get(User, viewer.id)
            by_rule = set(session.scalars(select(Dispute.id).where(access.visible_filter(user))))
            by_list = set(session.scalars(select(Dispute.id).where(access.list_filter(session, user))))
            assert by_rule == by_list, viewer.name
