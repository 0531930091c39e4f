"""Building the Whoosh index of the knowledge base from plain document dicts."""

from __future__ import annotations

import re
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import BOOLEAN, ID, NUMERIC, STORED, TEXT, Schema

from portal.kb import associations, classifier
from portal.kb.analysis import bigram_analyzer, init_jieba, word_analyzer

USER_DICT = "legal_terms.txt"


def schema() -> Schema:
    """The index layout: stored display fields plus analysed search fields."""
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True), law=ID(stored=True),
        number=NUMERIC(stored=True), book=ID(stored=True), ref=ID(stored=True),
        chapter=STORED(), section=STORED(), lead=BOOLEAN(stored=True), asked=STORED(),
        cites=STORED(),  # an FAQ's cited articles, as document ids separated by spaces
        title=TEXT(analyzer=word_analyzer(), stored=True, phrase=False),
        heading=TEXT(analyzer=word_analyzer(), phrase=False),
        text=TEXT(analyzer=word_analyzer(), stored=True, phrase=False),
        text_bi=TEXT(analyzer=bigram_analyzer(), phrase=False),
        extra=TEXT(analyzer=word_analyzer(), phrase=False),
        plain=TEXT(analyzer=word_analyzer(), phrase=False),
        asks=TEXT(analyzer=word_analyzer(), phrase=False),
        questions=TEXT(analyzer=word_analyzer(), phrase=False),
    )


def article_id(law: str, number: int) -> str:
    """The document id of an article: article/<law>/<number>."""
    return f"article/{law}/{number}"


def document_id(doc: dict) -> str:
    """article/<law>/<number>, guide/<slug> or faq/<id>."""
    if doc["kind"] == "article":
        return article_id(doc["law"], doc["number"])
    return f"{doc['kind']}/{doc['ref']}"


def title_terms(documents: list[dict]) -> list[str]:
    """Legal terms from chapter and section titles (饲养动物损害责任, 居住权) for jieba's dictionary."""
    terms = set()
    for doc in documents:
        for title in (doc.get("chapter") or "", doc.get("section") or ""):
            name = re.sub(r"^第[一二三四五六七八九十百零]+[编章节]\s*", "", title)
            terms.update(t for t in re.split(r"[\s、，,和与及]+", name) if 2 <= len(t) <= 10)
    return sorted(terms)


def _index_fields(doc: dict) -> dict:
    """What Whoosh stores and analyses for one document."""
    heading = " ".join(filter(None, (doc.get("chapter"), doc.get("section"))))
    fields = {
        "id": document_id(doc), "kind": doc["kind"], "law": doc.get("law") or "",
        "book": "" if doc.get("book") is None else str(doc["book"]), "ref": doc.get("ref") or "",
        "chapter": doc.get("chapter") or "", "section": doc.get("section") or "",
        "lead": bool(doc.get("lead")), "title": doc.get("title") or "",
        "heading": heading or doc.get("title") or "", "text": doc.get("text") or "",
        "text_bi": doc.get("text") or "", "extra": doc.get("extra") or "",
        "plain": doc.get("plain") or "", "asks": doc.get("asks") or "",
        "questions": doc.get("questions") or "",
        # How many ways of asking the explanation lists: its authors' sense of how often it comes up.
        "asked": len((doc.get("asks") or "").split("\n")) if doc.get("asks") else 0,
        "cites": " ".join(article_id(law, number) for law, number in doc.get("cites") or ()),
    }
    if doc.get("number") is not None:
        fields["number"] = int(doc["number"])
    return fields


def build_index(index_dir: Path | str, documents: list[dict]) -> None:
    """(Re)build the index in a folder from documents (see documents.py for their keys)."""
    directory = Path(index_dir)
    directory.mkdir(parents=True, exist_ok=True)
    terms = title_terms(documents)
    (directory / USER_DICT).write_text("\n".join(terms) + "\n", encoding="utf-8")
    init_jieba(terms)
    associations.save(directory / associations.ASSOCIATIONS, associations.learn(documents))
    model = classifier.train(documents)
    if model is not None:
        model.save(directory / classifier.MODEL)
    else:  # too few articles to learn from: no model, rather than a stale one
        (directory / classifier.MODEL).unlink(missing_ok=True)
    ix = whoosh_index.create_in(str(directory), schema())
    writer = ix.writer(limitmb=256)
    for doc in documents:
        writer.add_document(**_index_fields(doc))
    writer.commit()
