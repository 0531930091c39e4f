"""The clocks that run on a case, in Asia/Shanghai calendar days: pure Python, no Flask, no SQLAlchemy.

Tier clock (人民调解工作若干规定 33: a month per tier, configurable, paused while the case waits
for a party), the judicial-confirmation window (PML 33: 30 days from signing), agreement terms'
due dates and the return visit after them (PML 31).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from portal import clock

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_TIER_DAYS = 30
JUDICIAL_CONFIRMATION_DAYS = 30  # statutory (PML 33), so not configurable
DUE_SOON_DAYS = 7
# The committee visits after the last term fell due (PML 31); an agreement without
# due dates (oral, or performed on the spot) is visited after a fortnight.
RETURN_VISIT_AFTER_DAYS = 7
RETURN_VISIT_WITHOUT_DUE_DAYS = 15


class Clock(StrEnum):
    """Deadlines that run on a case."""

    TIER = "tier"  # mediation concluded within a month at each tier (人民调解工作若干规定 33)
    JUDICIAL_CONFIRMATION = "judicial_confirmation"  # PML 33: apply to a court within 30 days
    AGREEMENT_TERM = "agreement_term"  # each term's due date (PML 31)
    RETURN_VISIT = "return_visit"  # 回访 after the terms fell due (PML 31)


class ClockStatus(StrEnum):
    """How a clock stands today: what lists highlight."""

    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"


def today_in_shanghai(now: datetime | None = None) -> date:
    """The calendar day in Baisha at `now` (default: this moment); midnight is Shanghai's midnight."""
    moment = now or clock.now()
    return moment.astimezone(SHANGHAI).date()


def deadline(clock: Clock, start: date, *, tier_days: int = DEFAULT_TIER_DAYS) -> date:
    """Last day of `clock` started on `start`, in calendar days."""
    days = tier_days if clock == Clock.TIER else JUDICIAL_CONFIRMATION_DAYS
    return start + timedelta(days=days)


def days_left(due: date, today: date) -> int:
    """Days until `due`: 0 on the day, negative when overdue."""
    return (due - today).days


def effective_due(due: date, today: date, paused_on: date | None = None) -> date:
    """The due date as it stands today: a paused clock gains every day of the pause so far."""
    if paused_on is None:
        return due
    return due + timedelta(days=max(0, (today - paused_on).days))


def resumed_due(due: date, paused_on: date, resumed_on: date) -> date:
    """The due date after a pause from `paused_on` to `resumed_on`: extended by the paused days."""
    return due + timedelta(days=max(0, (resumed_on - paused_on).days))


def status(due: date, today: date, paused_on: date | None = None) -> ClockStatus:
    """Paused, overdue (from the Shanghai midnight after the due day), due soon (7 days) or running."""
    left = days_left(effective_due(due, today, paused_on), today)
    if left < 0:
        return ClockStatus.OVERDUE
    if paused_on is not None:
        return ClockStatus.PAUSED
    return ClockStatus.DUE_SOON if left <= DUE_SOON_DAYS else ClockStatus.RUNNING


def return_visit_due(term_due_dates: Iterable[date | None], settled_on: date) -> date:
    """When the return visit falls due: a week after the last term, or a fortnight after settling."""
    dues = [d for d in term_due_dates if d is not None]
    if not dues:
        return settled_on + timedelta(days=RETURN_VISIT_WITHOUT_DUE_DAYS)
    return max(max(dues), settled_on) + timedelta(days=RETURN_VISIT_AFTER_DAYS)
