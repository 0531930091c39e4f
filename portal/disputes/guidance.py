"""The Civil Code articles and plain-language guides linked to each dispute type, from knowledge_base/."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from portal.kb.guides import Guide, load_guides

KB_DIR = Path(__file__).resolve().parent.parent.parent / "knowledge_base"
MAX_ARTICLES = 12


@dataclass(frozen=True)
class TypeGuidance:
    """What the filing form shows for one dispute type."""

    articles: tuple[int, ...]
    guides: tuple[Guide, ...]


@lru_cache(maxsize=4)
def _guides(kb_dir: Path) -> dict[str, Guide]:
    return {guide.slug: guide for guide in load_guides(kb_dir / "guides")}


@lru_cache(maxsize=4)
def _type_map(kb_dir: Path) -> dict:
    path = kb_dir / "dispute_types.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def _round_robin(lists: list[tuple[int, ...]]) -> list[int]:
    # Each guide leads with its key articles: take the first of each, then the second, and so on.
    longest = max((len(x) for x in lists), default=0)
    return [x[i] for i in range(longest) for x in lists if i < len(x)]


def for_type(code: str, kb_dir: Path = KB_DIR) -> TypeGuidance:
    """Articles and guides for a type: the type map when it exists, else the guides' own front matter."""
    guides = _guides(kb_dir)
    entry = _type_map(kb_dir).get(code)
    if isinstance(entry, dict):
        slugs = [s for s in entry.get("guides") or [] if s in guides]
        articles = [int(a) for a in (entry.get("articles") or {}).get("civil-code") or []]
    else:
        slugs = [s for s, guide in guides.items() if code in guide.dispute_types]
        articles = _round_robin([guides[s].articles.get("civil-code", ()) for s in slugs])
    unique = tuple(dict.fromkeys(articles))[:MAX_ARTICLES]
    return TypeGuidance(articles=unique, guides=tuple(guides[s] for s in slugs))
