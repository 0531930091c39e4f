"""Helpers of the knowledge-base pages: guides, the searcher, markdown with linked citations."""
from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from flask import current_app, url_for
from markupsafe import Markup, escape
from whoosh import index as whoosh_index

import config
from portal.kb.citations import find_citations
from portal.kb.explanations import Explanation, load_explanations
from portal.kb.guides import Guide, load_guides
from portal.kb import numbers
from portal.kb.laws import CIVIL_CODE, Law, get_law
from portal.kb.lexicon import load_lexicon
from portal.kb.search import Hit, Searcher, SearchResult, open_searcher

KNOWLEDGE_BASE = config.PROJECT_ROOT / "knowledge_base"
logger = logging.getLogger(__name__)
GUIDES_SHOWN = 3  # guides listed above the articles on the first page of results


@functools.cache
def guides() -> list[Guide]:
    """The plain-language guides, read once per process."""
    return load_guides(KNOWLEDGE_BASE / "guides")


@functools.cache
def _explanations() -> dict[tuple[str, int], Explanation]:
    explained, problems = load_explanations(KNOWLEDGE_BASE / "explanations")
    for problem in problems:  # `kb build` and the tests refuse them; a page just leaves them out
        logger.warning("explanations: %s", problem)
    return explained


def explanation(law: str, number: int) -> Explanation | None:
    """The plain-language explanation of an article, if one has been written."""
    return _explanations().get((law, number))


def guide_by_slug(slug: str) -> Guide | None:
    """One guide, or None."""
    return next((g for g in guides() if g.slug == slug), None)


def guides_citing(law: str, number: int) -> list[Guide]:
    """Guides whose front matter lists this article."""
    return [g for g in guides() if number in g.articles.get(law, ())]


@functools.cache
def _lexicon():
    return load_lexicon(KNOWLEDGE_BASE / "lexicon.tsv")


def guide_title(slug: str, locale: str) -> str:
    """A guide's title in the user's language (the slug when there is no such guide)."""
    found = guide_by_slug(slug)
    return found.title_in(locale) if found else slug


def search_page(query: str, *, page: int, per_page: int, law: str | None, book: str | None,
                kind: str | None) -> tuple[SearchResult, list[Hit]] | None:
    """A page of articles and FAQs (or of the kind asked for) and, on the first, the best guides.

    None while no index has been built. Guides get their own short list so that a question
    answered both by articles and by a guide shows both, whatever the articles' scores.
    """
    active = searcher()
    if active is None:
        return None
    if not query:
        return SearchResult(query), []
    result = active.search(query, limit=per_page, offset=(page - 1) * per_page, law=law, book=book,
                           kind=kind or ("article", "faq"))
    if kind or page > 1 or law or book:
        return result, []
    return result, active.search(query, limit=GUIDES_SHOWN, kind="guide").hits


def missing_article(query: str) -> tuple[Law, int] | None:
    """(law, number) when the query names an article its law does not have, e.g. 第1300条."""
    found = numbers.missing_article(query)
    law = get_law(found.law or CIVIL_CODE) if found else None
    return (law, found.number) if law else None


def searcher() -> Searcher | None:
    """The searcher of the configured index, or None while no index has been built."""
    index_dir = Path(current_app.config["INDEX_DIR"])
    if not whoosh_index.exists_in(str(index_dir)):
        return None
    return open_searcher(index_dir, _lexicon())


def linked_text(text: str, law: str | None = None) -> Markup:
    """Escaped text with citations of known laws linked; bare 第X条 and 本法 mean `law` if given."""
    found = get_law(law) if law else None
    prefix = f"《{found.name}》" if found else ""  # read the text as if its law were named first
    parts, position = [], 0
    for citation in find_citations(prefix + text):
        if not citation.law:
            continue
        start, end = citation.start - len(prefix), citation.end - len(prefix)
        parts.append(escape(text[position:start]))
        href = url_for("kb.article", law=citation.law, number=citation.number)
        parts.append(Markup('<a href="{}">{}</a>').format(href, citation.text))
        position = end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def render_markdown(body: str) -> Markup:
    """The small markdown the guides use: ## headings, - lists, paragraphs; citations linked."""
    html: list[Markup] = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines and lines[0].startswith("#"):
            level = min(4, len(lines[0]) - len(lines[0].lstrip("#")) + 1)
            html.append(Markup("<h{0}>{1}</h{0}>").format(level, lines[0].lstrip("# ")))
            lines = lines[1:]
        if lines and all(line.startswith(("- ", "* ")) for line in lines):
            items = Markup("").join(Markup("<li>{}</li>").format(linked_text(line[2:])) for line in lines)
            html.append(Markup("<ul>{}</ul>").format(items))
        elif lines:
            html.append(Markup("<p>{}</p>").format(linked_text(" ".join(lines))))
    return Markup("\n").join(html)
