"""Example questions (knowledge_base/questions): every file valid, every Civil Code article covered,
indexed as text of their article, never shown on its page."""
from __future__ import annotations

import pytest

from portal.kb.documents import article_documents
from portal.kb.pages import KNOWLEDGE_BASE
from portal.kb.questions import load_questions, parse_file
from portal.kb.search import Searcher, build_index
from portal.kb.statutes import read_articles

FOLDER = KNOWLEDGE_BASE / "questions"


def test_every_civil_code_article_has_example_questions():
    questions, problems = load_questions(FOLDER)
    assert problems == []
    assert {n for law, n in questions if law == "civil-code"} == set(range(1, 1261))
    assert all(len(asked) >= 3 for asked in questions.values())


@pytest.mark.parametrize("name, text, problem", [
    ("civil-code-1-2.yaml", "1: [问题]", "name it"),
    ("civil-code-1241-1260.yaml", "1300: [问题]", "is not in civil-code 1241-1260"),
    ("civil-code-1241-1260.yaml", "1200: [问题]", "is not in civil-code 1241-1260"),
    ("civil-code-1241-1260.yaml", "1245: 不是列表", "expected a list of questions"),
    ("civil-code-1241-1260.yaml", "1245: ['  ']", "expected a list of questions"),
    ("civil-code-1241-1260.yaml", "1245: [unclosed", "not valid YAML"),
    ("civil-code-1241-1260.yaml", "- 1245", "expected a mapping"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found, problems = parse_file(path)
    assert found == {} and problem in problems[0] and name in problems[0]


def test_an_article_in_two_files_is_a_problem(tmp_path):
    for name in ("civil-code-1241-1250.yaml", "civil-code-1245-1260.yaml"):
        (tmp_path / name).write_text("1245: [狗咬人谁赔]", encoding="utf-8")
    assert "in two files" in load_questions(tmp_path)[1][0]


def test_a_question_finds_its_article_without_counting_as_an_ask(tmp_path):
    articles = [a for a in read_articles() if a.law == "civil-code" and a.number in (1245, 1260)]
    asked = {("civil-code", 1260): ("新规定从哪天开始算数",)}
    build_index(tmp_path, article_documents(articles, [], None, asked))
    searcher = Searcher(tmp_path)
    hit = searcher.search("新规定从哪天开始算数").hits[0]
    assert hit.number == 1260
    assert searcher.impacts.stored[searcher.by_id["article/civil-code/1260"]]["asked"] == 0


def test_the_article_page_does_not_show_them(kb_app):
    questions, _ = load_questions(FOLDER)
    page = kb_app.test_client().get("/kb/civil-code/1245").get_data(as_text=True)
    assert not any(q in page for q in questions[("civil-code", 1245)])
