"""Plain-language explanations: every file valid, shown on the article page, searchable."""
from __future__ import annotations

import pytest

from portal.kb.documents import article_documents
from portal.kb.explanations import Explanation, load_explanations, parse_file
from portal.kb.laws import is_valid_article
from portal.kb.pages import KNOWLEDGE_BASE
from portal.kb.search import Searcher, build_index
from portal.kb.statutes import read_articles

FOLDER = KNOWLEDGE_BASE / "explanations"


def test_every_explanations_file_parses_and_cites_existing_articles():
    files = sorted(FOLDER.glob("*.yaml"))
    explained, problems = load_explanations(FOLDER)
    assert problems == []
    assert all(is_valid_article(law, number) and e.plain for (law, number), e in explained.items())
    assert len(files) == 0 or explained  # files that hold nothing are a mistake too


@pytest.mark.parametrize("name, text, problem", [
    ("civil-code-1-2.yaml", "1: {plain: 说明}", "name it"),
    ("civil-code-1241-1260.yaml", "1300: {plain: 说明}", "does not exist"),
    ("civil-code-1241-1260.yaml", "1200: {plain: 说明}", "outside the file's range"),
    ("civil-code-1241-1260.yaml", "1245: {plain: '  '}", "plain is missing"),
    ("civil-code-1241-1260.yaml", "1245: {plain: 说明, asks: 不是列表}", "asks must be a list"),
    ("civil-code-1241-1260.yaml", "1245: [unclosed", "not valid YAML"),
    ("no-such-law-0001-0002.yaml", "1: {plain: 说明}", "name it"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found, problems = parse_file(path)
    assert found == [] and problem in problems[0] and name in problems[0]


def test_an_article_explained_twice_is_a_problem(tmp_path):
    for name in ("civil-code-1241-1250.yaml", "civil-code-1245-1260.yaml"):
        (tmp_path / name).write_text("1245: {plain: 说明}", encoding="utf-8")
    assert "explained twice" in load_explanations(tmp_path)[1][0]


def test_the_words_people_use_find_the_article(tmp_path):
    articles = [a for a in read_articles() if a.law == "civil-code" and a.number in (1245, 1260)]
    plain = Explanation("civil-code", 1260, "这部法典从二〇二一年一月一日起施行。", ("新规定哪天起算数",))
    build_index(tmp_path, article_documents(articles, [], {("civil-code", 1260): plain}))
    assert Searcher(tmp_path).search("新规定哪天起算数").hits[0].number == 1260


def test_the_article_page_shows_the_explanation_as_our_words(kb_app):
    page = kb_app.test_client().get("/kb/civil-code/1245").get_data(as_text=True)
    explained, _ = load_explanations(FOLDER)
    if ("civil-code", 1245) not in explained:
        pytest.skip("no explanation of article 1245 yet")
    assert "白话说明（本站编写，不是法律条文）" in page
    assert explained[("civil-code", 1245)].plain in page
