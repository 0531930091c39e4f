#!/usr/bin/env python3
"""Fit the search's global weights on one random half of a labelled file; report both halves.

Usage:
    python bench/kb_tune.py PATH.jsonl --index-dir DIR [--seed N] [--rounds N]

Coordinate ascent over a small grid of FieldWeights and RerankWeights values, maximising
R@5 + MRR@10 on the "tune" half only (bench/kb_eval.py --half tune); the "check" half is scored
once at the end to show whether the fit generalises. Build the index first with kb_eval.py.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kb_eval import evaluate, half  # noqa: E402
from portal.kb.lexicon import load_lexicon  # noqa: E402
from portal.kb.search import Searcher  # noqa: E402

GRID = {
    "text": [0.6, 0.8, 1.0, 1.3], "heading": [0.2, 0.35, 0.5, 0.8, 1.2],
    "extra": [0.2, 0.4, 0.6, 0.9], "plain": [0.3, 0.6, 1.0, 1.5, 2.0],
    "asks": [0.3, 0.6, 1.0, 1.5, 2.0], "questions": [0.0, 0.25, 0.5, 0.75, 1.0, 1.5],
    "bigram": [0.3, 0.5, 0.7, 1.0],
    "expansion": [0.4, 0.6, 0.8, 1.0], "single": [0.3, 0.5, 0.7, 1.0],
    "associated": [0.0, 0.4, 0.8, 1.2], "register": [0.0, 0.5, 1.0, 1.5],
    "rerank.chapter": [0.0, 0.1, 0.2, 0.3], "rerank.section": [0.0, 0.15, 0.3, 0.45],
    "rerank.lead": [0.0, 0.05, 0.1, 0.2], "rerank.asked": [0.0, 0.1, 0.2, 0.3],
}


def objective(searcher: Searcher, rows: list[dict]) -> float:
    """R@5 + MRR@10."""
    figures = evaluate(searcher, rows, 0)
    return figures["R@5"] + figures["MRR@10"]


def _set(searcher: Searcher, name: str, value: float) -> tuple[str, object]:
    """Set one weight; returns (attribute, old weights) to undo it."""
    attribute, key = ("rerank_weights", name[7:]) if name.startswith("rerank.") else ("weights", name)
    old = getattr(searcher, attribute)
    setattr(searcher, attribute, dataclasses.replace(old, **{key: value}))
    return attribute, old


def fit(searcher: Searcher, rows: list[dict], rounds: int) -> float:
    """Coordinate ascent: keep each single change that raises the objective."""
    best = objective(searcher, rows)
    for _ in range(rounds):
        for name, values in GRID.items():
            for value in values:
                attribute, old = _set(searcher, name, value)
                score = objective(searcher, rows)
                if score > best + 1e-4:
                    best = score
                    print(f"  {name} = {value}: {score:.4f}", flush=True)
                else:
                    setattr(searcher, attribute, old)
    return best


def main(argv: list[str] | None = None) -> int:
    """Fit, print the weights and both halves' figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--lexicon", type=Path, default=ROOT / "knowledge_base" / "lexicon.tsv")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    searcher = Searcher(args.index_dir, load_lexicon(args.lexicon))
    fit(searcher, half(rows, "tune", args.seed), args.rounds)
    print(searcher.weights, searcher.rerank_weights, sep="\n")
    for which in ("tune", "check"):
        figures = evaluate(searcher, half(rows, which, args.seed), 0)
        print(which, "  ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
