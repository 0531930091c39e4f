"""The ledger (台账) export: columns, content, same filters as the queue, refusals; daily reminders."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from portal.auth.models import Role
from portal.db import get_session
from portal.disputes import services
from portal.disputes.reminders import send_reminders
from portal.notifications import Kind, Notification
from tests.caseload_support import mediating_case, settled_case, staff  # noqa: F401
from tests.conftest import PASSWORD, log_in
from tests.disputes_support import file_case, on_case, place_id

EN = {"Accept-Language": "en"}
HEADER = ["Case number", "Date filed", "Type", "Parties", "Village", "Tier", "Stage", "Mediator", "Result",
          "Agreement amount (yuan)", "Date closed"]


def _csv(client, query: str = "") -> list[list[str]]:
    response = client.get(f"/disputes/ledger.csv{query}", headers=EN)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_has_the_ledger_columns_and_the_queue_filters(app, client, staff):
    settled = settled_case(app, staff)
    waiting = mediating_case(app, staff)
    file_case(app, staff["resident"], place="邻村", respondent_place="邻村")  # another committee's
    log_in(client, staff["village"].phone, PASSWORD)
    rows = _csv(client)
    assert rows[0] == HEADER
    by_number = {r[0]: r for r in rows[1:]}
    assert set(by_number) == {settled, waiting}
    line = by_number[settled]
    assert line[2:] == ["Neighbours", "符阿婆、对方0", "牙叉镇 测试村", "Village level", "Settled", "村调解员",
                        "Agreement reached", "", ""]
    assert line[1] == services.today().isoformat()
    assert [r[0] for r in _csv(client, "?stage=mediating")[1:]] == [waiting]


def test_every_stage_takes_ended_cases_into_the_ledger(app, client, staff):
    waiting = mediating_case(app, staff)
    withdrawn = mediating_case(app, staff)
    on_case(app, withdrawn, lambda s, d, r: services.withdraw(s, r, d, "和好了"), staff["resident"])
    log_in(client, staff["village"].phone, PASSWORD)
    assert [r[0] for r in _csv(client)[1:]] == [waiting]
    rows = {r[0]: r for r in _csv(client, "?stage=all")[1:]}
    assert set(rows) == {waiting, withdrawn} and rows[withdrawn][6] == "Withdrawn"
    page = client.get("/disputes/queue?stage=all", headers=EN).get_data(as_text=True)
    assert withdrawn in page and "All cases, ended ones too" in page


def test_xlsx_has_the_same_lines(app, client, staff):
    number = mediating_case(app, staff)
    log_in(client, staff["village"].phone, PASSWORD)
    response = client.get("/disputes/ledger.xlsx", headers=EN)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER and rows[1][0] == number and rows[1][8] == "In progress"


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.GRID_WORKER, Role.ADVISER])
def test_export_is_refused_to_those_without_a_list(client, login_as, role):
    login_as(role)
    assert client.get("/disputes/ledger.csv").status_code == 403
    assert client.get("/disputes/ledger.xlsx").status_code == 403


def test_export_of_a_village_outside_the_users_area_is_refused(app, client, staff):
    file_case(app, staff["resident"], place="邻村", respondent_place="邻村")
    with app.app_context():
        other = place_id("邻村")
    log_in(client, staff["village"].phone, PASSWORD)
    assert client.get(f"/disputes/ledger.csv?village={other}").status_code == 403
    assert client.get("/disputes/ledger.pdf").status_code == 404
    log_in(client, staff["town_sup"].phone, PASSWORD)
    assert len(_csv(client, f"?village={other}")) == 2


def _notices(app, kind: Kind) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Notification).where(Notification.kind == kind))


def _remind(app, day):
    with app.app_context():
        session = get_session()
        sent = send_reminders(session, day)
        session.commit()
        return sent


def test_reminders_are_sent_once_per_due_date(app, staff):
    late, soon = mediating_case(app, staff), mediating_case(app, staff)
    settled = settled_case(app, staff, due=services.today() + timedelta(days=2))

    def move(days):
        def fn(session, dispute):
            dispute.tier_due_on = services.today() + timedelta(days=days)
            services.refresh_due(dispute)
        return fn

    on_case(app, late, move(-2))
    on_case(app, soon, move(5))
    today = services.today()
    first = _remind(app, today)
    assert (first["overdue"], first["deadline_near"], first["agreement_term_due"]) == (1, 1, 1)
    assert _remind(app, today) == {}  # a second run the same day sends nothing
    assert _remind(app, today + timedelta(days=1)) == {}  # nor the next day for the same dates
    assert _notices(app, Kind.OVERDUE) == 3  # the mediator and both supervisors above
    assert _notices(app, Kind.AGREEMENT_TERM_DUE) == 2  # the mediator and the resident
    assert settled


def test_remind_command(app, staff):
    number = mediating_case(app, staff)
    on_case(app, number, lambda s, d: setattr(d, "due_on", services.today() - timedelta(days=1)))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["disputes", "remind"])
    assert first.exit_code == 0 and "overdue: 1" in first.output
    assert "Nothing to remind." in runner.invoke(args=["disputes", "remind"]).output


def test_demo_shows_a_supervisor_every_state(app):
    from portal.auth.models import User
    from portal.disputes import supervision

    runner = app.test_cli_runner()
    for _ in range(2):  # the second run adds nothing
        assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        session = get_session()
        boss = session.scalars(select(User).where(User.phone == "13800000005")).one()
        figures = supervision.figures(session, boss, services.today())
        stages = set(session.scalars(select(services.Dispute.stage)))
    assert all((figures.overdue, figures.due_soon, figures.at_risk, figures.unassigned, figures.escalated,
                figures.other_mediator, figures.notes_open))
    assert {"settled", "return_visited", "closed"} <= stages
