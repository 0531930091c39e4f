"""The demo's dates read like a real county's: cases filed over half a year, every later date after
filing and in order, overdue cases overdue by the queue's own rule, settling taking days, not minutes."""
from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from portal import clock
from portal.auth.models import User
from portal.db import get_session, utcnow
from portal.disputes import clocks, ledger, queue, services
from portal.disputes.caseload_models import ReturnVisit, SupervisionNote
from portal.disputes.clocks import SHANGHAI
from portal.disputes.models import Dispute
from portal.disputes.workflow import ENDED_STAGES

COUNTY_SUPERVISOR, TOWN_SUPERVISOR = "13800000007", "13800000005"


def _day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def _user(session, phone: str) -> User:
    return session.scalars(select(User).where(User.phone == phone)).one()


def test_cases_are_filed_over_half_a_year_and_numbered_in_filing_order(seeded):
    with seeded.app_context():
        cases = get_session().scalars(select(Dispute).order_by(Dispute.created_at)).all()
    filed = [_day(d.created_at) for d in cases]
    assert [d.number for d in cases] == sorted(d.number for d in cases)  # BS-YYYY-n rises with the date
    today = services.today()
    assert max(filed) <= today
    assert (today - min(filed)).days >= 150
    assert len({(d.year, d.month) for d in filed}) >= 5


def test_every_history_starts_at_filing_and_runs_forward(seeded):
    now = utcnow()
    with seeded.app_context():
        for d in get_session().scalars(select(Dispute)):
            times = [e.at for e in d.events]  # in the order they were written
            assert d.events[0].action == "file" and times[0] == d.created_at, d.number
            assert times == sorted(times) and times[-1] <= now, d.number
            assert len({_day(t) for t in times}) > 1 or len(times) == 1, d.number  # steps on their own days
            assert d.updated_at == times[-1], d.number


def test_derived_dates_follow_from_the_right_start(seeded):
    with seeded.app_context():
        session = get_session()
        for d in session.scalars(select(Dispute)):
            filed_on = _day(d.created_at)
            if d.tier_started_on:
                assert d.tier_started_on >= filed_on, d.number
                assert d.tier_due_on == clocks.deadline(clocks.Clock.TIER, d.tier_started_on), d.number
            for meeting in d.sessions:
                assert meeting.starts_at > d.created_at, d.number
                assert meeting.recorded_at is None or meeting.recorded_at >= meeting.starts_at, d.number
            if d.signed_on:
                held = [_day(m.starts_at) for m in d.sessions if m.recorded_at]
                assert d.signed_on >= max(held, default=filed_on) > filed_on - timedelta(days=1), d.number
                if not d.agreement.oral:
                    assert d.confirmation_due_on == d.signed_on + timedelta(days=30), d.number
            visits = session.scalars(select(ReturnVisit.visited_on).where(ReturnVisit.dispute_id == d.id)).all()
            assert all(d.signed_on and v >= d.signed_on for v in visits), d.number
            assert d.closed_on is None or d.closed_on >= max([filed_on, *visits]), d.number
        notes = session.scalars(select(SupervisionNote)).all()
        filed = {d.id: d.created_at for d in session.scalars(select(Dispute))}
        assert notes and all(filed[n.dispute_id] < n.created_at <= utcnow() for n in notes)


def test_an_old_case_is_overdue_by_the_queues_rule(seeded):
    today = services.today()
    with seeded.app_context():
        session = get_session()
        boss = _user(session, TOWN_SUPERVISOR)
        overdue = queue.page(session, boss, queue.Filters(flags=frozenset({"overdue"})), today, 1).items
        cases = {d.number: d for d in session.scalars(select(Dispute).where(
            Dispute.number.in_([r.number for r in overdue])))}
    assert overdue and all(r.status is clocks.ClockStatus.OVERDUE and r.days_left < 0 for r in overdue)
    for row in overdue:  # overdue because the case was accepted more than a month ago, not by a set date
        accepted = cases[row.number].tier_started_on
        assert accepted is not None and (today - accepted).days > clocks.DEFAULT_TIER_DAYS
        assert _day(cases[row.number].created_at) <= accepted


def test_settling_takes_days_in_the_ledger_and_the_agreements(seeded):
    with seeded.app_context():
        session = get_session()
        county = _user(session, COUNTY_SUPERVISOR)
        lines = [line for stage in sorted(ENDED_STAGES)  # the ledger lists ended cases stage by stage
                 for line in ledger.rows(session, county, queue.Filters(stage=stage.value), services.today())]
        signed = [(d.signed_on - _day(d.created_at)).days
                  for d in session.scalars(select(Dispute).where(Dispute.signed_on.is_not(None)))]
    to_close = [(date.fromisoformat(line[10]) - date.fromisoformat(line[1])).days for line in lines if line[10]]
    assert len(to_close) >= 4 and statistics.median(to_close) > 0
    assert len(signed) >= 4 and statistics.median(signed) >= 7


def test_the_seed_clock_is_only_borrowed():
    past = datetime(2025, 3, 1, 1, 30, tzinfo=timezone.utc)
    with clock.seed_clock(past):
        assert utcnow() == past and clocks.today_in_shanghai() == date(2025, 3, 1)
    assert utcnow() - datetime.now(timezone.utc) < timedelta(seconds=5)
