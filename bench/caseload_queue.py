"""Queue page under a county-sized caseload: 100,000 disputes, timed through the Flask test client.

    .venv/bin/python bench/caseload_queue.py                                   # SQLite file in /tmp
    .venv/bin/python bench/caseload_queue.py --url postgresql+psycopg://u:p@127.0.0.1/bench

The database is emptied and filled with bulk inserts (not the services one by one): 11 townships
with 8 villages each, cases spread over three years, villages (some busier than others), tiers and
stages (most ended, a fifth still on some list), a few at risk, two parties each, assignments.
Then the queue page is requested as a township supervisor and as a village mediator with a mix of
filters; the time is the server's (the test client calls the app in-process). Target: p95 < 100 ms.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text  # noqa: E402

from portal import create_app  # noqa: E402
from portal.auth.models import Role, User  # noqa: E402
from portal.db import get_session, make_engine, upgrade_database  # noqa: E402
from portal.disputes.caseload_models import Assignment  # noqa: E402
from portal.disputes.models import CaseCounter, Dispute, Party  # noqa: E402
from portal.places.models import Place, PlaceKind  # noqa: E402
from portal.places.services import add_village, ensure_county  # noqa: E402

PASSWORD = "bench-password-1"
VILLAGES_PER_TOWNSHIP = 8
ACTIVE = [("submitted", 3), ("accepted", 3), ("consent_requested", 2), ("mediating", 6), ("failed", 1),
          ("escalation_pending", 1), ("settled", 3), ("return_visited", 1)]
ENDED = [("closed", 55), ("withdrawn", 6), ("declined", 5), ("consent_refused", 6), ("referred", 8)]
TYPES = ["neighbour", "marriage_family", "land_contract", "housing_homestead", "private_lending", "damages",
         "labour_pay", "contract", "forest_land_title", "traffic", "consumer", "other"]
SURNAMES = "符王黎吉羊陈李张刘黄林吴周郑"
QUERIES = ["", "?page=2", "?overdue=1", "?risk=1", "?sort=newest", "?type=neighbour", "?mine=1",
           "?stage=mediating", "?q=符", "?due_soon=1&page=1"]


def _empty(url: str) -> None:
    """A fresh database: the SQLite file removed, or PostgreSQL's public schema recreated."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    with make_engine(url).begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))


def _places(session) -> tuple[list[Place], dict[int, Place]]:
    county = ensure_county(session)
    villages = []
    for town in county.children:
        for i in range(1, VILLAGES_PER_TOWNSHIP + 1):
            villages.append(add_village(session, township_id=town.id, name=f"基准村{i:02d}", kind=PlaceKind.VILLAGE))
    session.flush()
    return villages, {p.id: p for p in session.query(Place)}


def _residents(session, villages: list[Place], count: int) -> list[tuple[int, int]]:
    """Residents with accounts (about one applicant in three files online): (user id, village id)."""
    hashed = User(phone="0", name="", role=Role.RESIDENT)
    hashed.set_password(PASSWORD, "pbkdf2:sha256:1000")
    rows = [dict(phone=f"1370{n:07d}", name=f"居民{n}", role=Role.RESIDENT, place_id=villages[n % len(villages)].id,
                 password_hash=hashed.password_hash, active=True, locale=None) for n in range(count)]
    ids = session.execute(insert(User).returning(User.id, User.place_id), rows).all()
    return [(i, p) for i, p in ids]


def _staff(session, villages: list[Place]) -> dict[int, int]:
    """One mediator per village committee (the first one is measured) and the measured supervisor."""
    mediators = {}
    for n, village in enumerate(villages):
        user = User(phone=f"1350000{n:04d}", name=f"调解员{n}", role=Role.MEDIATOR, place=village,
                    committee=village.committee)
        user.set_password(PASSWORD, "pbkdf2:sha256:1000")
        session.add(user)
        session.flush()
        mediators[village.committee.id] = user.id
    town = villages[0].parent
    boss = User(phone="13599999999", name="镇主任", role=Role.SUPERVISOR, place=town, committee=town.committee)
    boss.set_password(PASSWORD, "pbkdf2:sha256:1000")
    session.add(boss)
    session.flush()
    return mediators


def _stage(rng: random.Random) -> str:
    pool = ACTIVE if rng.random() < 0.2 else ENDED
    return rng.choices([s for s, _ in pool], weights=[w for _, w in pool])[0]


def _case(rng, n: int, village: Place, places: dict[int, Place], today: date) -> dict:
    tier = rng.choices(["village", "township", "county"], weights=[75, 20, 5])[0]
    town = places[village.parent_id]
    committee = {"village": village, "township": town, "county": places[town.parent_id]}[tier].committee
    created = datetime.now(timezone.utc) - timedelta(days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 1440))
    stage = _stage(rng)
    row = dict(number=f"BS-{created.year}-{n:06d}", dispute_type=rng.choice(TYPES), source="self_filed",
               language="li", privacy="private", facts="基准数据", claims="调解", place_id=village.id,
               committee_id=committee.id, tier=tier, stage=stage, risk_flagged=False, risk_priority=0,
               created_at=created, updated_at=created, version_id=1, clock_paused_days=0,
               other_mediator_requested=False)
    if stage in ("accepted", "consent_requested", "mediating", "failed"):
        started = today - timedelta(days=rng.randint(0, 45))
        row.update(tier_started_on=started, tier_due_on=started + timedelta(days=30),
                   due_on=started + timedelta(days=30))
    elif stage == "settled":
        row.update(return_visit_due_on=today + timedelta(days=rng.randint(-10, 30)))
        row["due_on"] = row["return_visit_due_on"]
    elif stage not in ("submitted", "escalation_pending", "return_visited"):
        row["closed_on"] = (created + timedelta(days=rng.randint(1, 60))).date()
    if stage not in [s for s, _ in ENDED] and rng.random() < 0.03:
        level = rng.choice(["general", "serious", "grave"])
        row.update(risk_flagged=True, risk_level=level, risk_priority={"general": 0, "serious": 1, "grave": 2}[level])
    return row


def fill(url: str, cases: int, seed: int = 2026) -> None:
    """Empty the database at `url` and fill it with `cases` disputes."""
    _empty(url)
    engine = make_engine(url)
    upgrade_database(engine)
    app = create_app({"DATABASE_URL": url, "TESTING": True})
    rng, today = random.Random(seed), date.today()
    with app.app_context():
        session = get_session()
        villages, places = _places(session)
        mediators = _staff(session, villages)
        residents: dict[int, list[int]] = {}
        for user_id, place_id in _residents(session, villages, cases // 20):
            residents.setdefault(place_id, []).append(user_id)
        weights = [rng.paretovariate(1.5) for _ in villages]  # a few busy villages, many quiet ones
        batch = []
        for n in range(1, cases + 1):
            batch.append(_case(rng, n, rng.choices(villages, weights=weights)[0], places, today))
            if len(batch) == 5000 or n == cases:
                _insert(session, batch, mediators, residents, rng)
                batch = []
        session.add(CaseCounter(year=today.year, last=cases))
        session.commit()
        session.execute(text("ANALYZE"))  # the planners need statistics on the fresh tables
        session.commit()


def _insert(session, batch: list[dict], mediators: dict[int, int], residents: dict[int, list[int]], rng) -> None:
    for row in batch:
        local = residents.get(row["place_id"])
        if local and rng.random() < 0.35:
            row["applicant_id"] = rng.choice(local)
    first = session.execute(insert(Dispute).returning(Dispute.id, Dispute.committee_id, Dispute.stage,
                                                      Dispute.applicant_id), batch).all()
    parties, assignments = [], []
    for (dispute_id, committee_id, stage, applicant_id) in first:
        for kind in ("applicant", "respondent"):
            parties.append(dict(dispute_id=dispute_id, kind=kind, name=rng.choice(SURNAMES) + "某" + str(dispute_id % 97),
                                phone=f"139{rng.randint(0, 99999999):08d}",
                                user_id=applicant_id if kind == "applicant" else None))
        if stage not in ("submitted", "escalation_pending") and committee_id in mediators and rng.random() < 0.9:
            assignments.append(dict(dispute_id=dispute_id, user_id=mediators[committee_id],
                                    assigned_at=datetime.now(timezone.utc)))
    session.execute(insert(Party), parties)
    if assignments:
        session.execute(insert(Assignment), assignments)
    session.flush()


def _login(client, phone: str) -> None:
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post("/login", data={"phone": phone, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "log-in failed"


def measure(url: str, phone: str, requests: int) -> list[float]:
    """Milliseconds per queue request for the user with this phone, over the filter mix."""
    app = create_app({"DATABASE_URL": url, "TESTING": True})
    client = app.test_client()
    _login(client, phone)
    for query in QUERIES:  # warm caches and templates
        assert client.get(f"/disputes/queue{query}").status_code == 200
    times = []
    for i in range(requests):
        start = time.perf_counter()
        response = client.get(f"/disputes/queue{QUERIES[i % len(QUERIES)]}")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return times


def _report(name: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"  {name:<22} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   ({len(times)} requests)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/caseload-bench.sqlite3")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--no-fill", action="store_true", help="measure the database as it is")
    parser.add_argument("--fill-only", action="store_true", help="fill the database, measure nothing")
    args = parser.parse_args()
    if not args.no_fill:
        started = time.perf_counter()
        fill(args.url, args.cases)
        print(f"filled {args.cases} disputes in {time.perf_counter() - started:.0f} s")
    if args.fill_only:
        return
    print(f"queue page on {make_engine(args.url).dialect.name}:")
    _report("township supervisor", measure(args.url, "13599999999", args.requests))
    _report("village mediator", measure(args.url, "13500000000", args.requests))


if __name__ == "__main__":
    main()
