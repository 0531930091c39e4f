"""The portal's one source of "now", which demo seeding may set to a past moment.

Services read the time through `portal.db.utcnow()` and `clocks.today_in_shanghai()`, both of
which ask `now()` here. `seed_clock(moment)` lets `seed-demo` drive the real services as if each
step happened on its own past day, so every date a service derives (tier clock, signing window,
history, notifications) follows from the simulated day instead of being patched afterwards.
A request never sets it: the override lives in a context variable and is always reset on exit.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone

_simulated: ContextVar[datetime | None] = ContextVar("portal_simulated_now", default=None)


def now() -> datetime:
    """The current moment, timezone-aware, in UTC (the simulated one while seeding the demo)."""
    return _simulated.get() or datetime.now(timezone.utc)


@contextmanager
def seed_clock(moment: datetime) -> Iterator[datetime]:
    """For demo seeding only: within the block, `now()` is `moment` (which must be timezone-aware)."""
    if moment.tzinfo is None:
        raise ValueError("a simulated moment needs a time zone")
    token = _simulated.set(moment.astimezone(timezone.utc))
    try:
        yield moment
    finally:
        _simulated.reset(token)
