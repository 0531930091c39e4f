"""Second-stage ranking: an article's score is lifted by how well its chapter and section match,
by how often people ask about it and by the learned classifier's confidence in it."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RerankWeights:
    """How much the chapter, the section and leading a chapter add to a normalised BM25 score."""

    chapter: float = 0.2
    section: float = 0.3
    lead: float = 0.1
    asked: float = 0.2  # articles with more `asks` are the ones people ask about more
    top: int = 3  # a group's score is the mean of its best `top` article scores
    # The learned classifier's confidence (classifier.py): exp((score - best) / temperature),
    # 1 for the article it finds likeliest. Fitted on the STARD tune half (bench/README.md).
    learned: float = 2.0
    temperature: float = 2.0


@dataclass
class Candidate:
    """A first-stage hit: stored fields and BM25F score."""

    fields: dict
    score: float
    learned: float = 0.0  # the classifier's affinity for this article, 0 to 1


def _group_scores(candidates: Sequence[Candidate], key_fields: tuple[str, ...], top: int) -> dict:
    """Mean of the best `top` scores per group, scaled so the best group scores 1."""
    groups: dict[tuple, list[float]] = defaultdict(list)
    for c in candidates:
        groups[tuple(c.fields.get(k) for k in key_fields)].append(c.score)
    scores = {k: sum(sorted(v, reverse=True)[:top]) / top for k, v in groups.items()}
    best = max(scores.values(), default=0.0) or 1.0
    return {k: v / best for k, v in scores.items()}


def _asked(count: int) -> float:
    """0 for an article no one asks about, rising to 1 at six ways of asking (log, so 1 → 0.36)."""
    return min(1.0, math.log1p(count) / math.log1p(6))


def rerank(candidates: Sequence[Candidate], weights: RerankWeights) -> list[Candidate]:
    """Candidates re-scored and sorted, best first; non-articles keep their normalised score."""
    if not candidates:
        return []
    best = max(c.score for c in candidates) or 1.0
    normalised = [Candidate(c.fields, c.score / best, c.learned) for c in candidates]
    articles = [c for c in normalised if c.fields.get("kind") == "article"]
    chapters = _group_scores(articles, ("law", "chapter"), weights.top)
    sections = _group_scores(articles, ("law", "chapter", "section"), weights.top)
    for c in articles:
        f = c.fields
        c.score += weights.chapter * chapters[(f.get("law"), f.get("chapter"))]
        # A chapter without sections counts as its own section, lifting it as much as one with.
        c.score += weights.section * sections[(f.get("law"), f.get("chapter"), f.get("section"))]
        c.score += weights.lead * bool(f.get("lead")) + weights.asked * _asked(f.get("asked") or 0)
        c.score += weights.learned * c.learned
    return sorted(normalised, key=lambda c: -c.score)
