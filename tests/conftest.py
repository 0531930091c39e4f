"""Shared fixtures: app, client, make_user(role), login_as(role), a fresh database per test.

PORTAL_TEST_DATABASE_URL points the suite at PostgreSQL; by default it runs on in-memory SQLite.
The schema comes from the Alembic migrations (not create_all), so the migrations are tested too.
Every table is emptied after each test, the knowledge base's too: `kb_app` puts the statutes back
from a snapshot taken after one real `kb build` per run, and shares that run's search index
(read-only: a test that writes to an index builds its own under `app.config["INDEX_DIR"]`).
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from config import TestConfig
from portal import create_app, translate
from portal.auth.models import COMMITTEE_ROLES, Role, User
from portal.db import Base, get_session, make_engine, upgrade_database
from portal.places.models import Place, PlaceKind
from portal.places.services import add_village, ensure_county
from tests.kb_support import KbSnapshot, build_once, restore

PASSWORD = "correct-horse-9"
_phones = itertools.count(13900000000)


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """One migrated database for the whole run; each test empties it afterwards."""
    translate.compile_all()
    engine = make_engine(TestConfig.DATABASE_URL)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # a leftover schema from an earlier run
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade_database(engine)
    yield engine
    engine.dispose()


def _empty_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture()
def app(engine: Engine, tmp_path) -> Iterator[Flask]:
    app = create_app({"INSTANCE_DIR": str(tmp_path), "INDEX_DIR": str(tmp_path / "index"),
                      "UPLOAD_DIR": str(tmp_path / "uploads")})
    app.extensions["db_engine"].dispose()
    _use_engine(app, engine)
    with app.app_context():
        session = get_session()
        county = ensure_county(session)
        township = next(p for p in county.children if p.name == "牙叉镇")
        add_village(session, township_id=township.id, name="测试村", kind=PlaceKind.VILLAGE)
        add_village(session, township_id=township.id, name="邻村", kind=PlaceKind.VILLAGE)
        session.commit()
    yield app
    _empty_tables(engine)


@pytest.fixture(scope="session")
def kb_snapshot(engine: Engine, tmp_path_factory) -> KbSnapshot:
    """`kb build` once per run: its rows and its search index (see tests/kb_support.py)."""
    where = tmp_path_factory.mktemp("kb")
    app = create_app({"INSTANCE_DIR": str(where), "INDEX_DIR": str(where / "index")})
    app.extensions["db_engine"].dispose()
    _use_engine(app, engine)
    return build_once(app, engine)


@pytest.fixture()
def kb_app(app: Flask, engine: Engine, kb_snapshot: KbSnapshot) -> Flask:
    """The app with the statutes imported and the run's search index."""
    restore(engine, kb_snapshot)
    app.config["INDEX_DIR"] = str(kb_snapshot.index_dir)
    return app


def _use_engine(app: Flask, engine: Engine) -> None:
    from sqlalchemy.orm import sessionmaker

    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)


@pytest.fixture()
def seeded(app: Flask) -> Flask:
    """The app after `seed-demo` ran twice (the second run must change nothing)."""
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    return app


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def csrf_off(app: Flask) -> None:
    """For tests that post forms directly; CSRF itself is tested with it on."""
    app.config["WTF_CSRF_ENABLED"] = False


def find_place(name: str) -> Place:
    session = get_session()
    return session.query(Place).filter_by(name=name).one()


@pytest.fixture()
def make_user(app: Flask) -> Callable[..., User]:
    """make_user(role, place="测试村", **fields): a saved user with the test password."""

    def make(role: Role | str = Role.RESIDENT, place: str | None = None, **fields) -> User:
        role = Role(role)
        default_place = {Role.ADMIN: "白沙黎族自治县", Role.SUPERVISOR: "牙叉镇"}.get(role, "测试村")
        with app.app_context():
            session = get_session()
            where = find_place(place or default_place)
            user = User(phone=fields.pop("phone", str(next(_phones))), name=fields.pop("name", f"{role.value}用户"),
                        role=role, place=where, **fields)
            if role in COMMITTEE_ROLES:
                user.committee = where.committee
            user.set_password(PASSWORD, "pbkdf2:sha256:1000")
            session.add(user)
            session.commit()
            session.refresh(user)
            session.expunge(user)
            return user

    return make


@pytest.fixture()
def login_as(client: FlaskClient, make_user) -> Callable[..., User]:
    """login_as(role, **make_user args): a user of that role, logged in through the real form."""

    def login(role: Role | str = Role.RESIDENT, **kwargs) -> User:
        user = make_user(role, **kwargs)
        log_in(client, user.phone, PASSWORD)
        return user

    return login


def sql_statements(app: Flask, client: FlaskClient, path: str, **request) -> list[str]:
    """The SQL statements one GET of `path` issues (for the no-N+1 tests); the page must load."""
    from sqlalchemy import event

    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    engine = app.extensions["db_engine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(path, **request).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token of a form page, as a browser would get it."""
    import re

    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in(client: FlaskClient, phone: str, password: str):
    return client.post("/login", data={"phone": phone, "password": password,
                                       "csrf_token": csrf_token(client)})
