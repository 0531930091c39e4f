"""Index documents (plain dicts) made from statute articles, guides and FAQs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from portal.kb.citations import find_citations
from portal.kb.explanations import Explanation
from portal.kb.guides import Guide
from portal.kb.laws import get_law
from portal.kb.numbers import to_chinese_number
from portal.kb.statutes import StatuteArticle

_MARKDOWN_MARKS = re.compile(r"^\s*(?:#+|[-*])\s+|\*\*|__", re.MULTILINE)


def article_title(law: str, number: int) -> str:
    """The heading of an article, e.g. 民法典第一千二百四十五条."""
    found = get_law(law)
    return f"{found.short_name if found else law}第{to_chinese_number(number)}条"


def guide_passages(guides: Iterable[Guide]) -> dict[tuple[str, int], list[str]]:
    """For each (law, number), the guide titles and paragraphs that cite it."""
    passages: dict[tuple[str, int], list[str]] = defaultdict(list)
    for guide in guides:
        for law, numbers in guide.articles.items():
            for number in numbers:
                passages[(law, number)].append(guide.title)
        for paragraph in guide.body.split("\n\n"):
            cited = {(c.law, c.number) for c in find_citations(paragraph) if c.law}
            for key in cited:
                passages[key].append(paragraph.strip())
    return passages


def article_documents(articles: Iterable[StatuteArticle], guides: Iterable[Guide] = (),
                      explanations: Mapping[tuple[str, int], Explanation] | None = None,
                      questions: Mapping[tuple[str, int], tuple[str, ...]] | None = None) -> list[dict]:
    """One document per article; guide text citing it is its extra text, its explanation and
    example questions too."""
    extra = guide_passages(guides)
    explained, asked = explanations or {}, questions or {}
    documents, previous = [], None
    for article in articles:
        place = (article.law, article.chapter, article.section)
        plain = explained.get((article.law, article.number))
        documents.append({
            "kind": "article", "law": article.law, "number": article.number,
            "book": article.book, "chapter": article.chapter, "section": article.section,
            "title": article_title(article.law, article.number), "text": article.text,
            "extra": "\n".join(extra.get((article.law, article.number), [])),
            "plain": plain.plain if plain else "", "asks": "\n".join(plain.asks) if plain else "",
            "questions": "\n".join(asked.get((article.law, article.number), ())),
            # The first article of a chapter or section usually defines its subject.
            "lead": place != previous,
        })
        previous = place
    return documents


def plain_text(markdown: str) -> str:
    """Guide markdown without its marks (## headings, **bold**, - lists), for snippets."""
    return _MARKDOWN_MARKS.sub("", markdown)


def guide_documents(guides: Iterable[Guide]) -> list[dict]:
    """One document per guide."""
    return [
        {"kind": "guide", "ref": guide.slug, "title": guide.title,
         "text": plain_text(f"{guide.summary}\n{guide.body}")}
        for guide in guides
    ]
