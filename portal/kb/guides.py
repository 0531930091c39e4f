"""Plain-language guides: markdown files with YAML front matter in knowledge_base/guides/."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Guide:
    """One guide: slug, titles per locale, summary, dispute types, cited articles, markdown body."""

    slug: str
    titles: dict[str, str]
    summary: str
    dispute_types: tuple[str, ...]
    articles: dict[str, tuple[int, ...]] = field(default_factory=dict)
    body: str = ""

    @property
    def title(self) -> str:
        """The Simplified Chinese title (the default language)."""
        return self.titles.get("zh_Hans") or next(iter(self.titles.values()), self.slug)

    def title_in(self, locale: str) -> str:
        """The title in a locale (zh_Hans, en, zh_Hant), else the Simplified one."""
        return self.titles.get(locale) or self.title


def parse_guide(slug: str, text: str) -> Guide:
    """A guide from its file text; raises ValueError when the front matter is missing or bad."""
    if not text.startswith("---"):
        raise ValueError(f"guide {slug}: no front matter")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front) or {}
    if not isinstance(meta, dict):
        raise ValueError(f"guide {slug}: front matter is not a mapping")
    titles = meta.get("title") or {}
    if isinstance(titles, str):
        titles = {"zh_Hans": titles}
    articles = {str(law): tuple(int(n) for n in numbers or ())
                for law, numbers in (meta.get("articles") or {}).items()}
    return Guide(
        slug=str(meta.get("slug") or slug),
        titles={str(k): str(v) for k, v in titles.items()},
        summary=str(meta.get("summary") or ""),
        dispute_types=tuple(str(t) for t in meta.get("dispute_types") or ()),
        articles=articles,
        body=body.strip(),
    )


def load_guides(directory: Path | str | None) -> list[Guide]:
    """Every guide in a folder, sorted by slug; none when the folder does not exist."""
    if directory is None or not Path(directory).is_dir():
        return []
    paths = sorted(Path(directory).glob("*.md"))
    return [parse_guide(path.stem, path.read_text(encoding="utf-8")) for path in paths]
