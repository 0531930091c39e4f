"""Knowledge-base import, CLI, pages and JSON API (on the run's one real `kb build`)."""

import pytest

from portal.db import get_session
from portal.kb.freshness import STAMP, is_built
from portal.kb.importer import ImportFailed, civil_code_count, import_statutes
from portal.kb.pages import KNOWLEDGE_BASE
from portal.kb.statutes import read_articles


def test_build_imports_every_article(kb_snapshot):
    assert "Imported 1419 articles" in kb_snapshot.output
    assert len(kb_snapshot.rows["kb_articles"]) == 1419


def test_import_is_idempotent_and_complete(kb_app):
    with kb_app.app_context():
        session = get_session()
        assert import_statutes(session) == 1419
        session.commit()
        assert civil_code_count(session) == 1260


def test_build_if_needed_skips_a_current_knowledge_base(kb_app, tmp_path):
    result = kb_app.test_cli_runner().invoke(args=["kb", "build", "--if-needed"])
    assert result.exit_code == 0 and "already built" in result.output
    index = tmp_path / "index"
    kb_app.config["INDEX_DIR"] = str(index)
    with kb_app.app_context():
        assert not is_built(get_session(), index, KNOWLEDGE_BASE)  # no index there yet
        index.mkdir()
        (index / STAMP).write_text("stale\n", encoding="utf-8")  # knowledge_base/ changed since
        assert not is_built(get_session(), index, KNOWLEDGE_BASE)


def test_verification_refuses_incomplete_data(app):
    articles = [a for a in read_articles() if a.number != 1245]
    with app.app_context(), pytest.raises(ImportFailed, match="民法典"):
        import_statutes(get_session(), articles)


def test_article_page_links_and_neighbours(kb_app):
    client = kb_app.test_client()
    page = client.get("/kb/civil-code/1245").get_data(as_text=True)
    assert "饲养的动物造成他人损害" in page
    assert "/kb/civil-code/1244" in page and "/kb/civil-code/1246" in page
    assert "/kb/guides/animals" in page
    assert client.get("/kb/civil-code/1261").status_code == 404


def test_search_page_and_lookup(kb_app):
    client = kb_app.test_client()
    page = client.get("/kb/search?q=狗咬人").get_data(as_text=True)
    assert "<mark>" in page and "/kb/civil-code/1245" in page
    response = client.get("/kb/search?q=第一千二百四十五条")
    assert response.status_code == 302 and response.location.endswith("/kb/civil-code/1245")


def test_the_result_count_adds_up_the_kinds(kb_app):
    import re

    page = kb_app.test_client().get("/kb/search?q=狗咬人", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    total = int(re.search(r"(\d+) results", html)[1])
    per_kind = [int(n) for n in re.findall(r"(?:Articles|Guides|Answered questions) \((\d+)\)", html)]
    assert len(per_kind) >= 2 and total == sum(per_kind)


def test_api(kb_app):
    client = kb_app.test_client()
    data = client.get("/api/v1/kb/search?q=狗咬人&limit=3").get_json()
    assert data["results"][0]["article"] == 1245 and data["guides"]
    assert client.get("/api/v1/kb/search?q=").status_code == 400
    assert client.get("/api/v1/kb/search?q=狗&limit=x").status_code == 400
    article = client.get("/api/v1/kb/articles/civil-code/1245").get_json()
    assert article["book"] == "侵权责任"
    assert client.get("/api/v1/kb/articles/nope/1").status_code == 400


@pytest.mark.parametrize("query, path", [
    ("1245", "/kb/civil-code/1245"), ("第1245条", "/kb/civil-code/1245"),
    ("第一千二百四十五条", "/kb/civil-code/1245"), ("民法典1245", "/kb/civil-code/1245"),
    ("１２４５", "/kb/civil-code/1245"), ("人民调解法第33条", "/kb/people-mediation-law/33"),
])
def test_the_search_box_looks_articles_up_by_number(kb_app, query, path):
    response = kb_app.test_client().get("/kb/search", query_string={"q": query})
    assert response.status_code == 302 and response.location.endswith(path)


def test_a_number_the_law_lacks_is_explained(kb_app):
    page = kb_app.test_client().get("/kb/search?q=第1300条").get_data(as_text=True)
    assert "民法典没有第1300条" in page


def test_guides_come_first_and_titled_in_the_users_language(kb_app):
    client = kb_app.test_client()
    page = client.get("/kb/search?q=狗咬人").get_data(as_text=True)
    assert page.index("/kb/guides/animals") < page.index("/kb/civil-code/1245")
    assert "css/kb.css" in page
    english = client.get("/kb/guides/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "When a dog or livestock hurts someone" in english
    hant = client.get("/kb/guides/animals", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert "狗咬人、牲畜傷人怎麼辦" in hant
