"""Clock arithmetic in Shanghai calendar days: month ends, pauses, overdue from Shanghai midnight."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from portal.disputes import authorisation, clocks, pauses, services
from portal.disputes.clocks import Clock, ClockStatus
from portal.disputes.workflow import Stage
from tests.caseload_support import freeze_today, mediating_case, staff  # noqa: F401
from tests.disputes_support import case, on_case

UTC = timezone.utc


@pytest.mark.parametrize(("start", "days", "due"), [
    (date(2026, 1, 31), 30, date(2026, 3, 2)),  # across a short February
    (date(2028, 1, 31), 30, date(2028, 3, 1)),  # leap year
    (date(2026, 12, 15), 30, date(2027, 1, 14)),  # across the year end
    (date(2026, 4, 30), 15, date(2026, 5, 15)),  # an installation's shorter setting
])
def test_tier_clock_counts_calendar_days(start, days, due):
    assert clocks.deadline(Clock.TIER, start, tier_days=days) == due


def test_judicial_window_is_statutory_30_days():
    assert clocks.deadline(Clock.JUDICIAL_CONFIRMATION, date(2026, 2, 1), tier_days=10) == date(2026, 3, 3)


@pytest.mark.parametrize(("moment", "day"), [
    (datetime(2026, 3, 31, 15, 59, tzinfo=UTC), date(2026, 3, 31)),  # 23:59 in Shanghai
    (datetime(2026, 3, 31, 16, 0, tzinfo=UTC), date(2026, 4, 1)),  # midnight in Shanghai
])
def test_the_day_turns_at_shanghai_midnight(moment, day):
    assert clocks.today_in_shanghai(moment) == day


def test_overdue_from_the_shanghai_midnight_after_the_due_day():
    due = date(2026, 3, 31)
    before = clocks.today_in_shanghai(datetime(2026, 3, 31, 15, 59, tzinfo=UTC))
    after = clocks.today_in_shanghai(datetime(2026, 3, 31, 16, 0, tzinfo=UTC))
    assert clocks.status(due, before) is ClockStatus.DUE_SOON
    assert clocks.status(due, after) is ClockStatus.OVERDUE
    assert clocks.days_left(due, after) == -1


@pytest.mark.parametrize(("today", "status"), [
    (date(2026, 3, 23), ClockStatus.RUNNING), (date(2026, 3, 24), ClockStatus.DUE_SOON),
    (date(2026, 3, 31), ClockStatus.DUE_SOON), (date(2026, 4, 1), ClockStatus.OVERDUE),
])
def test_due_soon_is_seven_days(today, status):
    assert clocks.status(date(2026, 3, 31), today) is status


def test_a_paused_clock_gains_the_paused_days():
    due, paused = date(2026, 3, 2), date(2026, 2, 27)
    assert clocks.effective_due(due, date(2026, 3, 5), paused) == date(2026, 3, 8)
    assert clocks.status(due, date(2026, 3, 5), paused) is ClockStatus.PAUSED
    assert clocks.resumed_due(due, paused, date(2026, 3, 3)) == date(2026, 3, 6)
    # Paused after the due date had passed: still overdue, and by the days before the pause.
    assert clocks.status(date(2026, 2, 20), date(2026, 3, 5), paused) is ClockStatus.OVERDUE


def test_return_visit_follows_the_last_term():
    settled = date(2026, 1, 10)
    assert clocks.return_visit_due([date(2026, 1, 31), None, date(2026, 2, 28)], settled) == date(2026, 3, 7)
    assert clocks.return_visit_due([None], settled) == date(2026, 1, 25)
    assert clocks.return_visit_due([date(2026, 1, 1)], settled) == date(2026, 1, 17)  # terms already due


def test_pause_and_resume_extend_the_tier_due_date(app, staff, monkeypatch):
    start = services.today()
    number = mediating_case(app, staff)
    assert case(app, number).tier_due_on == start + timedelta(days=30)
    on_case(app, number, lambda s, d, m: pauses.pause_clock(s, m, d, "对方外出务工"), staff["village"])
    paused = case(app, number)
    assert paused.clock_paused_on == start and paused.clock_pause_reason == "对方外出务工"
    freeze_today(monkeypatch, start + timedelta(days=9))
    on_case(app, number, lambda s, d, m: pauses.resume_clock(s, m, d), staff["village"])
    resumed = case(app, number)
    assert resumed.tier_due_on == start + timedelta(days=39) == resumed.due_on
    assert resumed.clock_paused_on is None and resumed.clock_paused_days == 9
    assert [e.action for e in resumed.events][-2:] == ["pause_clock", "resume_clock"]


def test_pause_needs_a_reason_and_a_running_clock(app, staff):
    from portal.errors import ValidationFailed

    number = mediating_case(app, staff)
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: pauses.pause_clock(s, m, d, "  "), staff["village"])
    on_case(app, number, lambda s, d, m: pauses.pause_clock(s, m, d, "等对方"), staff["village"])
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, m: pauses.pause_clock(s, m, d, "again"), staff["village"])
    with pytest.raises(authorisation.NotYourCase):
        on_case(app, number, lambda s, d, m: pauses.resume_clock(s, m, d), staff["town_sup"])


def test_tier_days_come_from_the_configuration(app, client, staff):
    from tests.conftest import PASSWORD, csrf_token, log_in
    from tests.disputes_support import file_case

    app.config["DISPUTES_TIER_DAYS"] = 10
    number = file_case(app, staff["resident"])
    log_in(client, staff["village"].phone, PASSWORD)
    token = csrf_token(client, f"/disputes/{number}")
    version = case(app, number).version_id
    client.post(f"/disputes/{number}/act/accept", data={"csrf_token": token, "version": version})
    accepted = case(app, number)
    assert accepted.stage == Stage.ACCEPTED
    assert accepted.tier_due_on == accepted.tier_started_on + timedelta(days=10)
