"""The Civil Code articles and plain-language guides linked to each dispute type, from knowledge_base/."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

KB_DIR = Path(__file__).resolve().parent.parent.parent / "knowledge_base"
MAX_ARTICLES = 12


@dataclass(frozen=True)
class Guide:
    """A guide's slug and its title in each language."""

    slug: str
    titles: dict[str, str]

    def title(self, locale: str) -> str:
        """The title in `locale`, falling back to simplified Chinese, then the slug."""
        return self.titles.get(locale) or self.titles.get("zh_Hans") or self.slug


@dataclass(frozen=True)
class TypeGuidance:
    """What the filing form shows for one dispute type."""

    articles: tuple[int, ...]
    guides: tuple[Guide, ...]


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    try:
        return yaml.safe_load(text.split("---", 2)[1]) or {}
    except yaml.YAMLError:
        return {}


@lru_cache(maxsize=4)
def _guides(kb_dir: Path) -> dict[str, tuple[Guide, dict]]:
    found = {}
    for path in sorted((kb_dir / "guides").glob("*.md")):
        meta = _front_matter(path)
        slug = str(meta.get("slug") or path.stem)
        titles = meta.get("title") if isinstance(meta.get("title"), dict) else {"zh_Hans": str(meta.get("title", slug))}
        found[slug] = (Guide(slug, {str(k): str(v) for k, v in titles.items()}), meta)
    return found


@lru_cache(maxsize=4)
def _type_map(kb_dir: Path) -> dict:
    path = kb_dir / "dispute_types.yaml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _civil_code(entry: dict) -> list[int]:
    articles = (entry.get("articles") or {}).get("civil-code") or []
    return [int(a) for a in articles if str(a).isdigit()]


def _round_robin(lists: list[list[int]]) -> list[int]:
    # Each guide leads with its key articles: take the first of each, then the second, and so on.
    longest = max((len(x) for x in lists), default=0)
    return [x[i] for i in range(longest) for x in lists if i < len(x)]


def for_type(code: str, kb_dir: Path = KB_DIR) -> TypeGuidance:
    """Articles and guides for a type: the type map when it exists, else the guides' own front matter."""
    guides = _guides(kb_dir)
    entry = _type_map(kb_dir).get(code)
    if isinstance(entry, dict):
        slugs = [s for s in entry.get("guides") or [] if s in guides]
        articles = _civil_code(entry)
    else:
        slugs = [s for s, (_g, meta) in guides.items() if code in (meta.get("dispute_types") or [])]
        articles = _round_robin([_civil_code(guides[s][1]) for s in slugs])
    unique = tuple(dict.fromkeys(articles))[:MAX_ARTICLES]
    return TypeGuidance(articles=unique, guides=tuple(guides[s][0] for s in slugs))
