"""Small look-ups other areas make in the knowledge base: does an article exist, where is its page."""

from __future__ import annotations

from contextlib import closing

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.kb import statutes
from portal.kb.documents import article_title
from portal.kb.laws import get_law, is_valid_article
from portal.kb.models import Article, Law

__all__ = ["article_exists", "article_text", "article_url", "article_title", "guide_url"]


def _imported_law_id(session: Session, law: str) -> int | None:
    return session.scalar(select(Law.id).where(Law.slug == law))


def article_exists(session: Session, law: str, number: int) -> bool:
    """Whether the knowledge base holds this article of this law (its article table)."""
    law_id = _imported_law_id(session, law)
    if law_id is None:
        # Before `kb build` has imported this law, its official article count is the extent
        # (every law is imported whole, numbered 1..count), so answers can be checked at once.
        return is_valid_article(law, number)
    return session.scalar(select(Article.id).where(Article.law_id == law_id,
                                                   Article.number == number)) is not None


def article_url(law: str, number: int) -> str:
    """The permanent page of an article (/kb/<law>/<number>)."""
    if "kb.article" in current_app.view_functions:
        return url_for("kb.article", law=law, number=number)
    return f"/kb/{law}/{number}"


def guide_url(slug: str) -> str:
    """The page of a plain-language guide (/kb/guides/<slug>)."""
    if "kb.guide" in current_app.view_functions:
        return url_for("kb.guide", slug=slug)
    return f"/kb/guides/{slug}"


def article_text(session: Session, law: str, number: int) -> str | None:
    """The official text of an article, or None when the knowledge base lacks it."""
    found = get_law(law)
    if found is None or not article_exists(session, law, number):
        return None
    law_id = _imported_law_id(session, law)
    if law_id is not None:
        return session.scalar(select(Article.text).where(Article.law_id == law_id,
                                                         Article.number == number))
    # Not imported yet: one row from the package database, read-only.
    with closing(statutes._connect(statutes.database_path())) as connection:
        row = connection.execute(
            "SELECT article_text FROM articles WHERE law_name = ? AND article_no_arabic = ?",
            (found.name, number)).fetchone()
    return statutes.clean_text(row[0]) if row else None
