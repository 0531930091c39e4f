"""The days of a demo case: `seed-demo` files each case in the past and takes every later step on its
own later day, through the real services, so dates read as they would in a real county's records."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from portal import clock
from portal.disputes.clocks import SHANGHAI, today_in_shanghai

OFFICE_OPENS = time(9, 0)
STEP_GAP = timedelta(minutes=40)  # steps on the same day follow each other through the morning


class CaseTimeline:
    """One case, filed `filed_days_ago` days before today; `on_day(n)` runs steps `n` days after filing."""

    def __init__(self, session: Session, filed_days_ago: int) -> None:
        self.session = session
        self.filed_on = today_in_shanghai() - timedelta(days=filed_days_ago)
        self._last: datetime | None = None
        self._steps_on: dict[date, int] = {}

    def date(self, after_filing: int) -> date:
        """The calendar day `after_filing` days after filing."""
        return self.filed_on + timedelta(days=after_filing)

    def days_ago(self, after_filing: int) -> int:
        """How many days before today that day is."""
        return (today_in_shanghai() - self.date(after_filing)).days

    @contextmanager
    def on_day(self, after_filing: int, at: time | None = None) -> Iterator[date]:
        """Within the block the services believe it is that day, at `at` or the next free slot of the
        morning (never later than now, never before the previous step); the session is flushed
        inside, so column defaults take that moment too."""
        day = self.date(after_filing)
        if self._last is not None and day < self._last.astimezone(SHANGHAI).date():
            raise ValueError(f"demo step on {day} comes before the previous one")
        step = self._steps_on.get(day, 0)
        self._steps_on[day] = step + 1
        moment = datetime.combine(day, at or OFFICE_OPENS, tzinfo=SHANGHAI) + step * STEP_GAP
        if self._last is not None:
            moment = max(moment, self._last + timedelta(seconds=1))
        moment = min(moment, clock.now())  # a step "today" never lies in the future
        with clock.seed_clock(moment):
            yield day
            self.session.flush()
        self._last = moment
