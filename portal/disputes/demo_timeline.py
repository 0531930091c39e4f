"""The days of the demo cases: `seed-demo` files each case on a day of the past half year and takes
every later step on its own later day, through the real services under `portal.clock.seed_clock`.

A case is told as a story: a generator that yields the moment of its next step (`CaseTimeline.day`)
and then takes that step. `play` runs the steps of all stories in the order of their moments, so
case numbers, history and notifications come out in the order a real county would have made them.
"""
from __future__ import annotations

import heapq
from collections.abc import Generator, Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from portal import clock
from portal.disputes.clocks import SHANGHAI, today_in_shanghai

OFFICE_OPENS = time(9, 0)
STEP_GAP = timedelta(minutes=40)  # steps of a case on the same day follow each other through the morning

Story = Generator[datetime, date, None]  # yields when its next step happens; is sent that day


class CaseTimeline:
    """One case's calendar: filed `filed_days_ago` days before today, each step after the previous one."""

    def __init__(self, filed_days_ago: int) -> None:
        self.filed_on = today_in_shanghai() - timedelta(days=filed_days_ago)
        self._last: datetime | None = None
        self._steps_on: dict[date, int] = {}

    def date(self, after_filing: int) -> date:
        """The calendar day `after_filing` days after filing."""
        return self.filed_on + timedelta(days=after_filing)

    def day(self, after_filing: int, at: time | None = None) -> datetime:
        """The moment of the next step: `after_filing` days after filing, at `at` or the morning's next
        free slot; a step may not go back to a day before the previous one."""
        day = self.date(after_filing)
        if self._last is not None and day < self._last.astimezone(SHANGHAI).date():
            raise ValueError(f"demo step on {day} comes before the previous one")
        step = self._steps_on.get(day, 0)
        self._steps_on[day] = step + 1
        moment = datetime.combine(day, at or OFFICE_OPENS, tzinfo=SHANGHAI) + step * STEP_GAP
        if self._last is not None:
            moment = max(moment, self._last + timedelta(seconds=1))
        self._last = moment
        return moment


def play(session: Session, stories: Iterable[Story]) -> None:
    """Take every story's steps in the order of their moments, each while the services believe it is
    that moment (never later than now); the session is flushed inside, so column defaults agree."""
    waiting: list[tuple[datetime, int, Story]] = []
    for order, story in enumerate(stories):
        _schedule(waiting, order, story, None)
    while waiting:
        moment, order, story = heapq.heappop(waiting)
        with clock.seed_clock(min(moment, clock.now())):
            _schedule(waiting, order, story, moment.astimezone(SHANGHAI).date())
            session.flush()


def _schedule(waiting: list, order: int, story: Story, day: date | None) -> None:
    """Run the story up to its next step and queue that step (nothing more when it has ended)."""
    try:
        moment = story.send(day)
    except StopIteration:
        return
    heapq.heappush(waiting, (moment, order, story))
