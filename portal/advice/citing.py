"""Citations in answers: recognised by portal.kb.citations and checked against the knowledge base."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.errors import ValidationFailed
from portal.kb.citations import Citation, find_citations
from portal.kb.laws import get_law
from portal.kb.lookup import article_exists

MAX_CITATIONS = 60


class CitationNotFound(ValidationFailed):
    """An answer cites an article the knowledge base does not hold."""


def cited_name(citation: Citation) -> str:
    """How to name a citation to a person: 民法典第1300条 (law short name and number)."""
    law = get_law(citation.law) if citation.law else None
    return f"{law.short_name}第{citation.number}条" if law else citation.text


def checked_citations(session: Session, text: str, field: str = "body") -> list[Citation]:
    """The citations of a text with a known law; CitationNotFound names the first that does not exist."""
    found = [c for c in find_citations(text) if c.law]
    if len(found) > MAX_CITATIONS:
        raise ValidationFailed(_l("An answer can cite at most 60 articles."), field=field)
    for citation in found:
        if not article_exists(session, citation.law, citation.number):
            raise CitationNotFound(
                _l("%(citation)s does not exist. Check the law and the article number.",
                   citation=cited_name(citation)), field=field, citation=cited_name(citation))
    return found


def unchecked_citations(text: str) -> list[str]:
    """Citations of laws the knowledge base lacks (道路交通安全法第76条): kept as written, not linked."""
    return list(dict.fromkeys(f"{c.unknown_law}第{c.number}条" for c in find_citations(text)
                              if c.law is None and c.unknown_law))


def cited_articles(text: str) -> list[tuple[str, int]]:
    """(law, number) of every article the text cites, once each, in order."""
    return list(dict.fromkeys((c.law, c.number) for c in find_citations(text) if c.law))
