"""The colloquial lexicon: everyday words mapped to the legal terms the statutes use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Lexicon:
    """colloquial phrase → legal terms; matched as substrings of a query, longest first."""

    entries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def expand(self, query: str) -> list[str]:
        """Legal terms for every colloquial phrase in the query (overlaps resolved longest first)."""
        taken = [False] * len(query)
        terms: list[str] = []
        for phrase in sorted(self.entries, key=len, reverse=True):
            start = query.find(phrase)
            while start != -1:
                span = range(start, start + len(phrase))
                if not any(taken[i] for i in span):
                    for i in span:
                        taken[i] = True
                    terms.extend(t for t in self.entries[phrase] if t not in terms)
                start = query.find(phrase, start + 1)
        return terms


def parse_lexicon(text: str) -> Lexicon:
    """Lines "colloquial<TAB>term term ..."; blank lines and # comments skipped, bad lines ignored."""
    entries: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "\t" not in line:
            continue
        phrase, _, terms = line.partition("\t")
        words = tuple(t for t in terms.replace("\t", " ").split() if t)
        if phrase.strip() and words:
            entries[phrase.strip()] = entries.get(phrase.strip(), ()) + words
    return Lexicon(entries)


def load_lexicon(path: Path | str | None) -> Lexicon:
    """The lexicon in a TSV file; an empty one when there is no such file."""
    if path is None or not Path(path).is_file():
        return Lexicon()
    return parse_lexicon(Path(path).read_text(encoding="utf-8"))
