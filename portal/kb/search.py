"""Knowledge-base search: number look-up, then BM25F over jieba words and bigrams, then a rerank
that adds the learned classifier's view (classifier.py)."""

from __future__ import annotations

import heapq
import math
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from portal.kb import associations
from portal.kb.analysis import bigrams, init_jieba, outer_words, to_simplified, words
from portal.kb.classifier import MODEL, ArticleClassifier
from portal.kb.impact import ImpactIndex
from portal.kb.indexing import USER_DICT, build_index
from portal.kb.lexicon import Lexicon
from portal.kb.numbers import parse_lookup
from portal.kb.rerank import Candidate, RerankWeights, rerank
from portal.kb.snippets import Segment, make_segments, segments_to_html

__all__ = ["FieldWeights", "Hit", "SearchResult", "Searcher", "build_index", "open_searcher", "search"]

MAX_QUERY_CHARS = 200
MAX_TERMS = 48
CANDIDATES = 100
# A document scoring under this share of the best is not counted or shown: a long question shares
# a character bigram or a one-character word (人, 的) with nearly every article, and "950 results"
# tells a reader nothing. At 0.1 the benchmark's top 10 is unchanged (bench/README.md).
MIN_SHARE = 0.1
KINDS = ("article", "guide", "faq")


@dataclass(frozen=True)
class FieldWeights:
    """Query-time boosts per field, and the weight of lexicon expansions.

    A handful of global numbers, fitted by coordinate ascent on a random half of the STARD dev
    file and checked on the other half (bench/README.md), never per query.
    """

    text: float = 0.8
    heading: float = 0.5  # chapter and section titles
    extra: float = 0.6  # guide paragraphs that cite the article
    plain: float = 0.3  # the article's plain-language explanation (knowledge_base/explanations)
    asks: float = 1.0  # how people ask about it, from the same file: closest to a question
    # Example questions written for every article (knowledge_base/questions): villagers' questions
    # find their article first far more often; STARD is unchanged within a question or two.
    questions: float = 0.5
    bigram: float = 0.5  # character bigrams catch words jieba splits differently
    expansion: float = 0.4  # lexicon terms: a hint, well below the words typed
    single: float = 1.0  # one-character words (狗, 钱, 找) say less than two-character ones
    # Leaning on the statute text when the question uses its words and on the explanations when
    # it uses theirs: text × e^(r·register), plain and asks ÷ it, r in [-1, 1] (_register).
    register: float = 1.0
    associated: float = 0.8  # statute words learned from the explanations (associations.py)
    # A published FAQ that matches lends this share of its score to each article its answer cites:
    # advisers' answers, written to residents' questions, act as extra text of those articles.
    faq_lift: float = 0.5


@dataclass
class Hit:
    """One search hit, ready to show."""

    kind: str
    law: str | None
    number: int | None
    ref: str | None
    title: str
    segments: list[Segment]
    score: float
    book: int | None = None
    chapter: str = ""
    section: str = ""

    @property
    def snippet_html(self) -> str:
        """The snippet as escaped HTML with matches in <mark>."""
        return segments_to_html(self.segments)


@dataclass
class SearchResult:
    """One page of hits, the total under the filters, totals per kind, and how it was found."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    lookup: bool = False
    terms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Parsed:
    words: list[str]  # the longest words only (outer_words); the bigrams catch their parts
    expansions: list[str]
    bigrams: list[str]
    parts: list[str]  # the parts of longer words: not scored, but highlighted and associated


def _unique(items: list[str], cap: int) -> list[str]:
    return list(dict.fromkeys(items))[:cap]


def _to_hit(fields: dict, score: float, terms: list[str]) -> Hit:
    book = fields.get("book")
    return Hit(kind=fields["kind"], law=fields.get("law") or None, number=fields.get("number"),
               ref=fields.get("ref") or None, title=fields.get("title", ""),
               segments=make_segments(fields.get("text", ""), terms), score=round(score, 4),
               book=int(book) if book not in (None, "") else None,
               chapter=fields.get("chapter", ""), section=fields.get("section", ""))


class Searcher:
    """An open index with its lexicon; read-only after opening, so threads may share it."""

    def __init__(self, index_dir: Path | str, lexicon: Lexicon | None = None,
                 weights: FieldWeights = FieldWeights(),
                 rerank_weights: RerankWeights = RerankWeights()) -> None:
        directory = Path(index_dir)
        user_dict = directory / USER_DICT
        init_jieba(user_dict.read_text(encoding="utf-8").split() if user_dict.is_file() else ())
        with whoosh_index.open_dir(str(directory)).reader() as reader:
            self.impacts = ImpactIndex(reader)
        self.by_id = {fields["id"]: n for n, fields in enumerate(self.impacts.stored)}
        # FAQ docnum → docnums of the articles it cites (articles missing from the index skipped).
        self.cited = {n: [self.by_id[ref] for ref in (fields.get("cites") or "").split() if ref in self.by_id]
                      for n, fields in enumerate(self.impacts.stored) if fields.get("cites")}
        self.associations = associations.load(directory / associations.ASSOCIATIONS)
        self.classifier = ArticleClassifier.load(directory / MODEL)  # None for an index without one
        self.lexicon = lexicon or Lexicon()
        self.weights, self.rerank_weights = weights, rerank_weights

    def parse(self, query: str) -> _Parsed:
        """Words, lexicon expansions, bigrams and the parts of longer words of a (Simplified) query."""
        tokens = words(query)
        query_words = _unique(outer_words(tokens), MAX_TERMS)
        parts = [w for w in _unique([w for w, _, _ in tokens], MAX_TERMS) if w not in query_words]
        expanded = [w for term in self.lexicon.expand(query) for w, _, _ in words(term)]
        expansions = [w for w in _unique(expanded, MAX_TERMS) if w not in query_words and w not in parts]
        return _Parsed(query_words, expansions, _unique([b for b, _, _ in bigrams(query)], MAX_TERMS),
                       parts)

    def _boosts(self, parsed: _Parsed) -> dict[str, float]:
        """{term: boost}; expansions count less than the words typed."""
        w = self.weights
        boosts = {term: 1.0 for term in parsed.words} | {t: w.expansion for t in parsed.expansions}
        return {t: b * (w.single if len(t) == 1 else 1.0) for t, b in boosts.items()}

    def _weighted_terms(self, parsed: _Parsed) -> dict[str, dict[str, float]]:
        """{field: {term: boost}} for the fields the first stage scores."""
        w, boosts = self.weights, self._boosts(parsed)
        lean = math.exp(w.register * self._register(parsed))
        per_field = {"text": w.text * lean, "heading": w.heading, "title": w.heading, "extra": w.extra,
                     "plain": w.plain / lean, "asks": w.asks / lean,
                     "questions": w.questions / lean}
        weighted = {name: {t: b * f for t, b in boosts.items()} for name, f in per_field.items()}
        weighted["text_bi"] = {b: w.bigram for b in parsed.bigrams}
        for term, share in self._associated(parsed).items():
            for name in ("text", "heading"):
                weighted[name][term] = weighted[name].get(term, 0.0) + share * per_field[name]
        return weighted

    def _associated(self, parsed: _Parsed) -> dict[str, float]:
        """Statute words associated with the query's words and their parts (as the associations
        were learned, from every search-mode token), weighted by share (the strongest wins)."""
        found: dict[str, float] = {}
        tokens = parsed.words + parsed.parts
        for word in tokens:
            for term, share in self.associations.get(word, ()):
                if term not in tokens:
                    found[term] = max(found.get(term, 0.0), self.weights.associated * share)
        return found

    def _lift_cited(self, scores: dict[int, float]) -> None:
        """Add to each article a share of the scores of the matching FAQs that cite it."""
        lifts: dict[int, float] = {}
        for faq, articles in self.cited.items():
            if scores.get(faq, 0.0) > 0:
                for article in articles:
                    lifts[article] = lifts.get(article, 0.0) + self.weights.faq_lift * scores[faq]
        for article, lift in lifts.items():
            scores[article] = scores.get(article, 0.0) + lift

    def _learned(self, text: str, docnums: list[int]) -> dict[int, float]:
        """docnum → the classifier's affinity, for the candidates it knows (none without a model)."""
        if self.classifier is None:
            return {}
        affinity = self.classifier.affinity(text, self.rerank_weights.temperature)
        stored = self.impacts.stored
        return {n: affinity[stored[n]["id"]] for n in docnums if stored[n]["id"] in affinity}

    def _register(self, parsed: _Parsed) -> float:
        """Share of the query's words the statute uses minus the share the asks use."""
        long = [t for t in parsed.words if len(t) >= 2]
        postings = self.impacts.postings
        if not long:
            return 0.0
        return (sum(t in postings["text"] for t in long) - sum(t in postings["asks"] for t in long)) / len(long)

    def _lookup(self, query: str) -> SearchResult | None:
        found = parse_lookup(query)
        docnum = found and self.by_id.get(f"article/{found.law or 'civil-code'}/{found.number}")
        if docnum is None:
            return None
        fields = self.impacts.stored[docnum]
        return SearchResult(query, [_to_hit(fields, 1.0, [])], 1, {"article": 1}, lookup=True)

    def _matches(self, scores: dict[int, float], law: str | None, book: str | None) -> list[int]:
        """Docnums that pass the law and book filters and score at least MIN_SHARE of the best
        of their kind (a guide written in everyday words must not push the articles out)."""
        stored = self.impacts.stored
        passing = [n for n, score in scores.items() if score > 0
                   and (not law or stored[n].get("law") == law)
                   and (not book or stored[n].get("book") == book)]
        best: dict[str, float] = {}
        for n in passing:
            best[stored[n]["kind"]] = max(best.get(stored[n]["kind"], 0.0), scores[n])
        return [n for n in passing if scores[n] >= MIN_SHARE * best[stored[n]["kind"]]]

    def search(self, query: str, *, limit: int = 10, offset: int = 0, law: str | None = None,
               book: int | str | None = None, kind: str | tuple[str, ...] | None = None) -> SearchResult:
        """Hits for a query under optional filters (kind: one kind or several); never raises."""
        text = to_simplified(" ".join(str(query or "").split()))[:MAX_QUERY_CHARS]
        limit, offset = max(0, min(int(limit), 100)), max(0, int(offset))
        kinds = (kind,) if isinstance(kind, str) else kind
        if not text or limit == 0 or (kinds and not set(kinds) <= set(KINDS)):
            return SearchResult(text)
        found = self._lookup(text)
        if found is not None:
            return found
        parsed = self.parse(text)
        scores = self.impacts.score(self._weighted_terms(parsed))
        self._lift_cited(scores)
        matched = self._matches(scores, law, None if book in (None, "") else str(book))
        stored = self.impacts.stored
        totals = dict(Counter(stored[n]["kind"] for n in matched))
        if kinds:
            matched = [n for n in matched if stored[n]["kind"] in kinds]
        best = heapq.nlargest(max(CANDIDATES, offset + limit), matched, key=scores.__getitem__)
        learned = self._learned(text, best)
        candidates = [Candidate(stored[n], scores[n], learned.get(n, 0.0)) for n in best]
        ranked = rerank(candidates, self.rerank_weights)
        terms = parsed.words + parsed.parts + parsed.expansions
        hits = [_to_hit(c.fields, c.score, terms) for c in ranked[offset:offset + limit]]
        return SearchResult(text, hits, len(matched), totals, terms=terms)


_SEARCHERS: dict[tuple[str, int], Searcher] = {}
_SEARCHERS_LOCK = threading.Lock()


def open_searcher(index_dir: Path | str, lexicon: Lexicon | None = None) -> Searcher:
    """A cached Searcher for an index folder and lexicon."""
    key = (str(Path(index_dir).resolve()), id(lexicon))
    with _SEARCHERS_LOCK:
        if key not in _SEARCHERS:
            _SEARCHERS[key] = Searcher(index_dir, lexicon)
        return _SEARCHERS[key]


def search(index: Path | str | Searcher, query: str, *, limit: int = 10, offset: int = 0,
           law: str | None = None, book: int | str | None = None,
           kind: str | tuple[str, ...] | None = None) -> SearchResult:
    """Search an index folder (or an open Searcher); empty or absurd queries give an empty result."""
    searcher = index if isinstance(index, Searcher) else open_searcher(index)
    return searcher.search(query, limit=limit, offset=offset, law=law, book=book, kind=kind)
