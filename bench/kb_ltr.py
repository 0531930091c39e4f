#!/usr/bin/env python3
"""Self-supervised learning to rank: fit a linear reranker on the explanations' own `asks`.

Usage:
    python bench/kb_ltr.py PATH.jsonl [PATH.jsonl ...] [--work-dir DIR] [--seed N]

No evaluation question is used for training. Every article's asks are split in two: the even
ones stay in a training index, the odd ones become training queries whose answer is that
article. Per (query, candidate) features come from the first stage's top 100 (the reranked
score, each field's BM25 share, whether each field matched); a pairwise logistic model
(pure Python, L2) is fitted and then scored on the full index for each file (tune and check
halves), next to the portal's own ranking. An experiment, not used by the portal: see README.
"""
from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kb_eval import build, half  # noqa: E402
from portal.kb.documents import article_documents, guide_documents  # noqa: E402
from portal.kb.explanations import Explanation, load_explanations  # noqa: E402
from portal.kb.guides import load_guides  # noqa: E402
from portal.kb.laws import CIVIL_CODE  # noqa: E402
from portal.kb.lexicon import load_lexicon  # noqa: E402
from portal.kb.rerank import Candidate, rerank  # noqa: E402
from portal.kb.search import Searcher, build_index  # noqa: E402
from portal.kb.statutes import read_articles  # noqa: E402

KB = ROOT / "knowledge_base"
Features = list[float]


def build_training_index(index_dir: Path) -> list[tuple[str, int]]:
    """An index with the even asks only; the odd asks as (query, article) pairs."""
    explained, _ = load_explanations(KB / "explanations")
    guides = load_guides(KB / "guides")
    kept = {k: Explanation(e.law, e.number, e.plain, e.asks[::2]) for k, e in explained.items()}
    pairs = [(q, e.number) for k, e in explained.items() if k[0] == CIVIL_CODE for q in e.asks[1::2]]
    build_index(index_dir, article_documents(read_articles(), guides, kept) + guide_documents(guides))
    return pairs


def candidates(searcher: Searcher, query: str) -> list[tuple[int | None, Features]]:
    """(Civil Code article number or None, features) for the first stage's top 100 articles."""
    weighted = searcher._weighted_terms(searcher.parse(query))
    per_field = {name: searcher.impacts.score({name: terms}) for name, terms in weighted.items()}
    total = searcher.impacts.score(weighted)
    stored = searcher.impacts.stored
    best = heapq.nlargest(100, [n for n in total if stored[n]["kind"] == "article"], key=total.__getitem__)
    ranked = rerank([Candidate(stored[n] | {"_n": n}, total[n]) for n in best], searcher.rerank_weights)
    reranked = {c.fields["_n"]: c.score for c in ranked}
    top = {name: max((s.get(n, 0.0) for n in best), default=0.0) or 1.0 for name, s in per_field.items()}
    rows = []
    for n in best:
        shares = [s.get(n, 0.0) / top[name] for name, s in per_field.items()]
        number = stored[n].get("number") if stored[n].get("law") == CIVIL_CODE else None
        rows.append((number, [reranked[n], *shares, *(float(x > 0) for x in shares)]))
    return rows


def training_pairs(searcher: Searcher, queries: list[tuple[str, int]], negatives: int,
                   rng: random.Random) -> list[Features]:
    """Feature differences (answer minus another candidate) for the queries whose answer is found."""
    pairs = []
    for query, answer in queries:
        rows = candidates(searcher, query)
        gold = [x for number, x in rows if number == answer]
        others = [x for number, x in rows if number != answer][:30]
        if gold and others:
            pairs += [[g - o for g, o in zip(gold[0], x)] for x in rng.sample(others, min(negatives, len(others)))]
    return pairs


def fit(pairs: list[Features], l2: float = 1e-3, rounds: int = 200, rate: float = 2.0) -> Features:
    """Pairwise logistic regression by gradient ascent, starting from the portal's own score."""
    w = [1.0] + [0.0] * (len(pairs[0]) - 1)
    for _ in range(rounds):
        grad = [0.0] * len(w)
        for d in pairs:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, d))))))
            for i, x in enumerate(d):
                grad[i] += (1 - p) * x
        w = [wi + rate * (g / len(pairs) - l2 * wi) for wi, g in zip(w, grad)]
    return w


def score(searcher: Searcher, rows: list[dict], w: Features | None) -> tuple[float, float]:
    """R@5 and MRR@10 with the portal's score (w None) or the fitted model."""
    recall = mrr = 0.0
    for row in rows:
        found = candidates(searcher, row["query"])
        key = (lambda x: x[0]) if w is None else (lambda x: sum(a * b for a, b in zip(w, x)))
        ranked = [number for number, x in sorted(found, key=lambda r: -key(r[1]))][:10]
        relevant = set(row["articles"])
        recall += len(relevant & set(ranked[:5])) / len(relevant)
        mrr += next((1 / (i + 1) for i, n in enumerate(ranked) if n in relevant), 0.0)
    return recall / len(rows), mrr / len(rows)


def main(argv: list[str] | None = None) -> int:
    """Fit on the asks, print the weights and each file's figures with and without the model."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/kb-ltr"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    lexicon = load_lexicon(KB / "lexicon.tsv")
    queries = build_training_index(args.work_dir / "train")
    pairs = training_pairs(Searcher(args.work_dir / "train", lexicon), queries, 5, random.Random(args.seed))
    w = fit(pairs)
    print(f"{len(queries)} training asks, {len(pairs)} pairs; weights", [round(x, 3) for x in w])
    build(args.work_dir / "full", KB / "guides", KB / "explanations")
    searcher = Searcher(args.work_dir / "full", lexicon)
    for path in args.files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for which in ("tune", "check") if "stard" in path.name else (None,):
            part = half(rows, which, args.seed)
            (r0, m0), (r1, m1) = score(searcher, part, None), score(searcher, part, w)
            print(f"{path.name} {which or 'all'}: portal R@5 {r0:.3f} MRR@10 {m0:.3f}; "
                  f"ltr R@5 {r1:.3f} MRR@10 {m1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
