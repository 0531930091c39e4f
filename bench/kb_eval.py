#!/usr/bin/env python3
"""Search quality and speed of the knowledge-base search on labelled questions.

Usage:
    python bench/kb_eval.py PATH.jsonl [PATH.jsonl ...] [--index-dir DIR] [--rebuild]
                            [--guides DIR] [--explanations DIR] [--questions DIR] [--lexicon PATH]
                            [--half tune|check --seed N] [--misses N]

Each line of a file is {"id", "query", "articles": [Civil Code article numbers]}. The index is
built from the package database (the four laws, plus the guides and the plain-language
explanations as extra text) unless --index-dir already holds one. Only Civil Code hits are scored.
Prints Recall@1/5/10, MRR@10, median and p95 latency of the in-process search, index build time
and index size. --half splits every file at random (seeded) into a half to tune on and a half to
check that the tuning generalises.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.kb.documents import article_documents, guide_documents  # noqa: E402
from portal.kb.explanations import load_explanations  # noqa: E402
from portal.kb.questions import load_questions  # noqa: E402
from portal.kb.guides import load_guides  # noqa: E402
from portal.kb.laws import CIVIL_CODE  # noqa: E402
from portal.kb.lexicon import load_lexicon  # noqa: E402
from portal.kb.search import Searcher, build_index  # noqa: E402
from portal.kb.statutes import read_articles  # noqa: E402


def build(index_dir: Path, guides_dir: Path, explanations_dir: Path, questions_dir: Path) -> float:
    """Build the index from the package database, guides, explanations and questions; seconds taken."""
    started = time.perf_counter()
    guides = load_guides(guides_dir)
    explained, problems = load_explanations(explanations_dir)
    for problem in problems:
        print(f"  explanation left out: {problem}")
    questions, problems = load_questions(questions_dir)
    for problem in problems:
        print(f"  questions left out: {problem}")
    documents = article_documents(read_articles(), guides, explained, questions) + guide_documents(guides)
    build_index(index_dir, documents)
    return time.perf_counter() - started


def half(rows: list[dict], which: str | None, seed: int) -> list[dict]:
    """All rows, or one of two random halves (the same halves for the same seed)."""
    if which is None:
        return rows
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    chosen = order[: len(rows) // 2] if which == "tune" else order[len(rows) // 2:]
    return [rows[i] for i in sorted(chosen)]


def ranked_articles(searcher: Searcher, query: str) -> list[int]:
    """Civil Code article numbers of the top hits, best first."""
    result = searcher.search(query, limit=40, kind="article")
    return [h.number for h in result.hits if h.law == CIVIL_CODE and h.number is not None][:10]


def evaluate(searcher: Searcher, rows: list[dict], misses: int) -> dict[str, float]:
    """Recall@1/5/10, MRR@10 and latency percentiles over the rows."""
    searcher.search(rows[0]["query"])  # warm up caches so the first query is not an outlier
    recall = {1: 0.0, 5: 0.0, 10: 0.0}
    mrr, latencies = 0.0, []
    for row in rows:
        started = time.perf_counter()
        ranked = ranked_articles(searcher, row["query"])
        latencies.append((time.perf_counter() - started) * 1000)
        relevant = set(row["articles"])
        for k in recall:
            recall[k] += len(relevant & set(ranked[:k])) / len(relevant)
        rank = next((i + 1 for i, n in enumerate(ranked) if n in relevant), None)
        mrr += 1 / rank if rank else 0.0
        if rank is None and misses > 0:
            misses -= 1
            print(f"  miss {row['id']}: {row['query']} want {row['articles']} got {ranked[:5]}")
    n = len(rows)
    latencies.sort()
    return {"R@1": recall[1] / n, "R@5": recall[5] / n, "R@10": recall[10] / n, "MRR@10": mrr / n,
            "p50_ms": statistics.median(latencies), "p95_ms": latencies[int(0.95 * (n - 1))]}


def index_size(index_dir: Path) -> int:
    """Bytes on disk."""
    return sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 0."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--rebuild", action="store_true", help="build even if the folder has an index")
    parser.add_argument("--guides", type=Path, default=ROOT / "knowledge_base" / "guides")
    parser.add_argument("--explanations", type=Path, default=ROOT / "knowledge_base" / "explanations")
    parser.add_argument("--questions", type=Path, default=ROOT / "knowledge_base" / "questions")
    parser.add_argument("--lexicon", type=Path, default=ROOT / "knowledge_base" / "lexicon.tsv")
    parser.add_argument("--half", choices=("tune", "check"), help="score one random half only")
    parser.add_argument("--seed", type=int, default=2026, help="the seed of the halves")
    parser.add_argument("--misses", type=int, default=0, help="print this many queries with no hit")
    args = parser.parse_args(argv)
    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="kb-eval-"))
    if args.rebuild or not (index_dir / "_MAIN_1.toc").exists() and not list(index_dir.glob("*.toc")):
        seconds = build(index_dir, args.guides, args.explanations, args.questions)
        print(f"index: built in {seconds:.1f} s in {index_dir}")
    else:
        print(f"index: reused {index_dir}")
    print(f"index size: {index_size(index_dir) / 1e6:.1f} MB")
    searcher = Searcher(index_dir, load_lexicon(args.lexicon))
    for path in args.files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = half(rows, args.half, args.seed)
        figures = evaluate(searcher, rows, args.misses)
        name = f"{path.name} [{args.half} half, seed {args.seed}]" if args.half else path.name
        print(f"{name} ({len(rows)} queries): " + "  ".join(
            f"{k} {v:.1f}" if k.endswith("_ms") else f"{k} {v:.3f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
