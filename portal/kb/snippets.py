"""Snippets: the passage of a text that best matches the query terms, with the terms marked."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

Segment = tuple[str, bool]  # (text, is a matched term)


def _marks(text: str, terms: Iterable[str]) -> list[bool]:
    """For each character, whether some term covers it.

    Single characters (人, 要, 找) are marked only when no longer term matches: scattered
    one-character marks are noise that hides the words that matched.
    """
    unique = {t for t in terms if t}
    marked = _cover(text, {t for t in unique if len(t) > 1})
    return marked if any(marked) else _cover(text, {t for t in unique if len(t) == 1})


def _cover(text: str, terms: set[str]) -> list[bool]:
    """For each character, whether one of these terms covers it."""
    marked = [False] * len(text)
    for term in sorted(terms, key=len, reverse=True):
        start = text.find(term)
        while start != -1:
            for i in range(start, start + len(term)):
                marked[i] = True
            start = text.find(term, start + 1)
    return marked


def _best_window(marked: list[bool], width: int) -> int:
    """Start of the window of this width holding the most marked characters."""
    if len(marked) <= width:
        return 0
    count = best = sum(marked[:width])
    best_start = 0
    for start in range(1, len(marked) - width + 1):
        count += marked[start + width - 1] - marked[start - 1]
        if count > best:
            best, best_start = count, start
    # Back up a little so the first match is not glued to the ellipsis.
    return max(0, best_start - 8) if best else 0


def make_segments(text: str, terms: Iterable[str], width: int = 90) -> list[Segment]:
    """The best window of the text as runs of (text, matched), with … where it was cut."""
    text = " ".join(text.split())
    marked = _marks(text, terms)
    start = _best_window(marked, width)
    end = min(len(text), start + width)
    segments: list[Segment] = [("…", False)] if start > 0 else []
    run_start = start
    for i in range(start + 1, end + 1):
        if i == end or marked[i] != marked[run_start]:
            segments.append((text[run_start:i], marked[run_start]))
            run_start = i
    if end < len(text):
        segments.append(("…", False))
    return segments


def segments_to_html(segments: Iterable[Segment]) -> str:
    """Escaped HTML with matched runs in <mark>."""
    return "".join(f"<mark>{escape(t)}</mark>" if hit else escape(t) for t, hit in segments)
