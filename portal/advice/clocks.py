"""The answer and expiry clocks, counted in Baisha calendar days (Asia/Shanghai): pure Python."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from portal import clock

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_ANSWER_DAYS = 3
DEFAULT_EXPIRY_DAYS = 30


def local_date(moment: datetime) -> date:
    """The calendar day in Baisha at a (timezone-aware) moment."""
    return moment.astimezone(SHANGHAI).date()


def today(now: datetime | None = None) -> date:
    """Today's date in Baisha (`portal.clock` decides what "now" is)."""
    return local_date(now or clock.now())


def due_on(asked_at: datetime, answer_days: int = DEFAULT_ANSWER_DAYS) -> date:
    """The last day an answer is on time: asked on Monday with 3 days, due on Thursday."""
    return local_date(asked_at) + timedelta(days=answer_days)


def expires_on(asked_at: datetime, expiry_days: int = DEFAULT_EXPIRY_DAYS) -> date:
    """The last day the question stays open without an answer."""
    return local_date(asked_at) + timedelta(days=expiry_days)


def is_overdue(due: date, on: date) -> bool:
    """Overdue from the day after the due day."""
    return on > due


def has_expired(last_day: date, on: date) -> bool:
    """Expired from the day after the last open day."""
    return on > last_day
