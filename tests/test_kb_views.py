"""Knowledge-base import, CLI, pages and JSON API."""

import pytest

from portal.db import get_session
from portal.kb.freshness import STAMP, is_built
from portal.kb.importer import ImportFailed, civil_code_count, import_statutes
from portal.kb.pages import KNOWLEDGE_BASE
from portal.kb.statutes import read_articles


@pytest.fixture()
def built(app):
    result = app.test_cli_runner().invoke(args=["kb", "build"])
    assert result.exit_code == 0, result.output
    assert "Imported 1419 articles" in result.output
    return app


def test_build_is_idempotent_and_complete(built):
    result = built.test_cli_runner().invoke(args=["kb", "build"])
    assert result.exit_code == 0
    with built.app_context():
        assert civil_code_count(get_session()) == 1260


def test_build_if_needed_skips_a_current_knowledge_base(built, tmp_path):
    result = built.test_cli_runner().invoke(args=["kb", "build", "--if-needed"])
    assert result.exit_code == 0 and "already built" in result.output
    (tmp_path / "index" / STAMP).write_text("stale\n", encoding="utf-8")  # knowledge_base/ changed
    with built.app_context():
        assert not is_built(get_session(), tmp_path / "index", KNOWLEDGE_BASE)
        assert not is_built(get_session(), tmp_path / "nowhere", KNOWLEDGE_BASE)


def test_verification_refuses_incomplete_data(app):
    articles = [a for a in read_articles() if a.number != 1245]
    with app.app_context(), pytest.raises(ImportFailed, match="民法典"):
        import_statutes(get_session(), articles)


def test_article_page_links_and_neighbours(built):
    client = built.test_client()
    page = client.get("/kb/civil-code/1245").get_data(as_text=True)
    assert "饲养的动物造成他人损害" in page
    assert "/kb/civil-code/1244" in page and "/kb/civil-code/1246" in page
    assert "/kb/guides/animals" in page
    assert client.get("/kb/civil-code/1261").status_code == 404


def test_search_page_and_lookup(built):
    client = built.test_client()
    page = client.get("/kb/search?q=狗咬人").get_data(as_text=True)
    assert "<mark>" in page and "/kb/civil-code/1245" in page
    response = client.get("/kb/search?q=第一千二百四十五条")
    assert response.status_code == 302 and response.location.endswith("/kb/civil-code/1245")


def test_api(built):
    client = built.test_client()
    data = client.get("/api/v1/kb/search?q=狗咬人&limit=3").get_json()
    assert data["results"][0]["article"] == 1245 and data["guides"]
    assert client.get("/api/v1/kb/search?q=").status_code == 400
    assert client.get("/api/v1/kb/search?q=狗&limit=x").status_code == 400
    article = client.get("/api/v1/kb/articles/civil-code/1245").get_json()
    assert article["book"] == "侵权责任"
    assert client.get("/api/v1/kb/articles/nope/1").status_code == 400
