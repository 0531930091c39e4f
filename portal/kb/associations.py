"""Word associations learned from the explanations: how people say it → how the statute says it.

Every article comes with our own plain-language explanation and the ways people ask about it,
a small parallel corpus of everyday words against statute words. A word of the explanations
that keeps company with a statute word far more often than chance (房东 → 承租人, 欠钱 → 债务)
becomes a weighted expansion of that word at query time. Learned at build time from the
knowledge base itself, never from evaluation questions; written next to the index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from portal.kb.analysis import words

ASSOCIATIONS = "associations.tsv"
MIN_DOCS = 3  # an everyday word seen with fewer articles says too little
MIN_SHARE = 0.5  # the statute word is in at least half the articles the everyday word explains
MIN_LIFT = 10.0  # and at least ten times as often as in articles at large
PER_WORD = 2

Associations = dict[str, list[tuple[str, float]]]


def _word_set(text: str) -> set[str]:
    """Words of two characters or more (one-character words associate with everything)."""
    return {w for w, _, _ in words(text) if len(w) >= 2}


def _statute_side(doc: Mapping) -> str:
    """An article's text with its chapter and section titles."""
    return "\n".join(filter(None, (doc.get("text"), doc.get("chapter"), doc.get("section"))))


def learn(documents: Iterable[Mapping]) -> Associations:
    """everyday word → [(statute word, share of its articles whose text has it)], best first."""
    # The statute side takes the chapter and section titles too: 狗 → 饲养动物损害责任's words.
    pairs = [(_word_set(f"{d.get('plain') or ''}\n{d.get('asks') or ''}"), _word_set(_statute_side(d)))
             for d in documents if d.get("kind") == "article" and (d.get("plain") or d.get("asks"))]
    if not pairs:
        return {}
    everyday = Counter(w for said, _ in pairs for w in said)
    statute = Counter(w for _, text in pairs for w in text)
    together: dict[str, Counter] = defaultdict(Counter)
    for said, text in pairs:
        for word in said:
            if everyday[word] >= MIN_DOCS:
                together[word].update(text)
    return {word: best for word, counts in together.items()
            if (best := _best(word, counts, everyday[word], statute, len(pairs)))}


def _best(word: str, counts: Counter, docs: int, statute: Counter, total: int) -> list[tuple[str, float]]:
    """The statute words that keep company with one everyday word, strongest first."""
    found = [(term, n / docs) for term, n in counts.items()
             if n >= 2 and n / docs >= MIN_SHARE and n / docs >= MIN_LIFT * statute[term] / total
             and term not in word and word not in term]
    return sorted(found, key=lambda item: (-item[1], item[0]))[:PER_WORD]


def save(path: Path, associations: Associations) -> None:
    """One line per pair: everyday word, statute word, share."""
    lines = [f"{word}\t{term}\t{share:.3f}" for word, found in sorted(associations.items())
             for term, share in found]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load(path: Path) -> Associations:
    """The pairs saved next to an index; none if the file is missing (an older index)."""
    found: Associations = defaultdict(list)
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                found[parts[0]].append((parts[1], float(parts[2])))
    return dict(found)
