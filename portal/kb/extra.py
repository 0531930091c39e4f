"""Documents other areas add to the knowledge-base index (published FAQs), and live updates.

A source is "module:function"; the function takes a Session and returns document dicts with
kind "faq" (see documents.py for the keys) and `cites`, the (law, number) pairs its answer cites:
a search that matches the FAQ lifts those articles too (search.Searcher._lift_cited). The full
build should add `extra_documents(session)` to the articles and guides; `add_documents` puts new
ones into an existing index at once.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from sqlalchemy.orm import Session
from whoosh import index as whoosh_index

from portal.kb import search as kb_search
from portal.kb.indexing import _index_fields, document_id

DOCUMENT_SOURCES: list[str] = ["portal.advice.faq:faq_documents"]


def extra_documents(session: Session) -> list[dict]:
    """Every document the registered sources give."""
    documents: list[dict] = []
    for path in DOCUMENT_SOURCES:
        module, function = path.split(":")
        documents.extend(getattr(importlib.import_module(module), function)(session))
    return documents


def _forget_searchers(directory: Path) -> None:
    """Drop cached searchers of this index so the next search sees the change."""
    key = str(directory.resolve())
    with kb_search._SEARCHERS_LOCK:
        for cached in [k for k in kb_search._SEARCHERS if k[0] == key]:
            del kb_search._SEARCHERS[cached]


def add_documents(index_dir: Path | str, documents: list[dict]) -> bool:
    """Add or replace documents in an existing index; False when there is no index yet."""
    directory = Path(index_dir)
    if not whoosh_index.exists_in(str(directory)):
        return False  # the next full build picks them up from the sources
    writer = whoosh_index.open_dir(str(directory)).writer()
    for document in documents:
        writer.update_document(**_index_fields(document))
    writer.commit()
    _forget_searchers(directory)
    return True


def remove_document(index_dir: Path | str, document: dict) -> None:
    """Take a document out of an existing index (an FAQ withdrawn)."""
    directory = Path(index_dir)
    if whoosh_index.exists_in(str(directory)):
        writer = whoosh_index.open_dir(str(directory)).writer()
        writer.delete_by_term("id", document_id(document))
        writer.commit()
        _forget_searchers(directory)
