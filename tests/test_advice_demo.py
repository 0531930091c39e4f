"""The demo legal advice: every state appears, seeding twice adds nothing, and the demo pages render."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.advice import clocks
from portal.advice.models import Booking, Faq, Question, Status, Visit
from portal.db import get_session
from portal.demo import DEMO_PASSWORD
from tests.conftest import log_in


def test_demo_has_questions_in_every_state(seeded):
    with seeded.app_context():
        session = get_session()
        statuses = set(session.scalars(select(Question.status)))
        assert statuses == {s.value for s in Status}
        overdue = session.scalar(select(func.count(Question.id)).where(
            Question.status == Status.NEW.value, Question.due_on < clocks.today()))
        assert overdue >= 1
        assert session.scalar(select(func.count(Faq.id))) == 1
        assert session.scalar(select(func.count(Visit.id))) == 4
        assert session.scalar(select(func.count(Booking.id))) == 1
        faq_text = session.scalars(select(Faq.question_text)).one()
        assert "符阿婆" not in faq_text and "138" not in faq_text


@pytest.mark.parametrize("phone, paths", [
    ("13800000001", ["/", "/advice/", "/advice/bookings", "/advice/ask"]),
    ("13800000008", ["/advice/queue", "/advice/office", "/advice/figures"]),
    ("13800000000", ["/advice/", "/advice/admin/advisers", "/advice/figures"]),
])
def test_demo_pages_render(seeded, phone, paths):
    client = seeded.test_client()
    log_in(client, phone, DEMO_PASSWORD)
    for path in paths:
        assert client.get(path).status_code == 200, path
    with seeded.app_context():
        ids = list(get_session().scalars(select(Question.id)))
    for qid in ids:
        assert client.get(f"/advice/q/{qid}").status_code in (200, 404)


def test_the_residents_home_shows_their_advisers(seeded):
    client = seeded.test_client()
    log_in(client, "13800000001", DEMO_PASSWORD)
    html = client.get("/").get_data(as_text=True)
    assert "林律师" in html and "13800000008" not in html  # 林律师 chose not to show the phone


def test_the_demo_faq_joins_an_index_built_before_seeding(app):
    from portal.kb.indexing import build_index
    from portal.kb.search import search

    build_index(app.config["INDEX_DIR"], [{"kind": "guide", "ref": "x", "title": "指南", "text": "邻里相处"}])
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    hits = search(app.config["INDEX_DIR"], "房檐滴水到院子", limit=5).hits
    assert "faq" in [h.kind for h in hits]
