"""BM25 impacts read from the Whoosh index into memory, so a query is a few dict additions.

Whoosh's own union matcher reads every posting of every term of a long OR query and costs
30-80 ms for a typical question of 40-100 terms; summing precomputed impacts costs about 2 ms.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from whoosh.reading import IndexReader

SCORED_FIELDS = ("text", "heading", "title", "extra", "plain", "asks", "questions", "text_bi")
K1, B = 1.2, 0.75


def _impact(tf: float, length: float, average: float, idf: float) -> float:
    """The BM25 weight of one term in one document field."""
    return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))


class ImpactIndex:
    """field → term → [(docnum, BM25 weight)], plus stored fields by docnum."""

    def __init__(self, reader: IndexReader, fields: Iterable[str] = SCORED_FIELDS) -> None:
        self.doc_count = reader.doc_count_all()
        self.stored: list[dict] = [dict(reader.stored_fields(n)) for n in range(self.doc_count)]
        self.postings: dict[str, dict[str, list[tuple[int, float]]]] = {}
        for name in fields:
            self.postings[name] = self._read_field(reader, name) if name in reader.schema else {}

    def _read_field(self, reader: IndexReader, name: str) -> dict[str, list[tuple[int, float]]]:
        """Every term of a field with its postings turned into BM25 weights."""
        average = reader.field_length(name) / max(1, self.doc_count) or 1.0
        lengths = [reader.doc_field_length(n, name, 0) for n in range(self.doc_count)]
        postings: dict[str, list[tuple[int, float]]] = {}
        for term in reader.lexicon(name):
            pairs = []
            matcher = reader.postings(name, term)
            while matcher.is_active():
                pairs.append((matcher.id(), matcher.weight()))
                matcher.next()
            df = len(pairs)
            idf = math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))
            key = term.decode("utf-8") if isinstance(term, bytes) else term
            postings[key] = [(n, _impact(tf, lengths[n], average, idf)) for n, tf in pairs]
        return postings

    def score(self, weighted_terms: Mapping[str, Mapping[str, float]]) -> dict[int, float]:
        """docnum → summed score for {field: {term: boost}}."""
        scores: dict[int, float] = defaultdict(float)
        for name, terms in weighted_terms.items():
            field_postings = self.postings.get(name, {})
            for term, boost in terms.items():
                for docnum, weight in field_postings.get(term, ()):
                    scores[docnum] += boost * weight
        return scores
