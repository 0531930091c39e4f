"""The laws in the knowledge base: slugs, names, sizes and the Civil Code's books."""

from __future__ import annotations

from dataclasses import dataclass

CIVIL_CODE = "civil-code"


@dataclass(frozen=True)
class Law:
    """One law: URL slug, official name, short name and number of articles."""

    slug: str
    name: str
    short_name: str
    article_count: int


@dataclass(frozen=True)
class Book:
    """A Civil Code book (编) as an inclusive article range."""

    number: int  # 0 stands for the supplementary provisions (附则)
    name: str
    first: int
    last: int

    @property
    def label(self) -> str:
        """The heading as printed in the Code, e.g. 第三编 合同."""
        if self.number == 0:
            return self.name
        return f"第{'一二三四五六七'[self.number - 1]}编 {self.name}"


LAWS: tuple[Law, ...] = (
    Law(CIVIL_CODE, "中华人民共和国民法典", "民法典", 1260),
    Law("people-mediation-law", "中华人民共和国人民调解法", "人民调解法", 35),
    Law("legal-aid-law", "中华人民共和国法律援助法", "法律援助法", 71),
    Law(
        "rural-land-arbitration-law",
        "中华人民共和国农村土地承包经营纠纷调解仲裁法",
        "农村土地承包经营纠纷调解仲裁法",
        53,
    ),
)

# The package database has no 编 data, so the books come from these ranges.
CIVIL_CODE_BOOKS: tuple[Book, ...] = (
    Book(1, "总则", 1, 204),
    Book(2, "物权", 205, 462),
    Book(3, "合同", 463, 988),
    Book(4, "人格权", 989, 1039),
    Book(5, "婚姻家庭", 1040, 1118),
    Book(6, "继承", 1119, 1163),
    Book(7, "侵权责任", 1164, 1258),
    Book(0, "附则", 1259, 1260),
)

_BY_SLUG = {law.slug: law for law in LAWS}
_BY_NAME = {name: law for law in LAWS for name in (law.name, law.short_name)}


def get_law(slug: str) -> Law | None:
    """The law with this slug, or None."""
    return _BY_SLUG.get(slug)


def law_by_name(name: str) -> Law | None:
    """The law called by its official or short name (with or without 《》), or None."""
    return _BY_NAME.get(name.strip().strip("《》"))


def law_names_longest_first() -> list[str]:
    """Every full and short name, longest first, for regex alternation."""
    return sorted(_BY_NAME, key=len, reverse=True)


def book_of(number: int) -> Book | None:
    """The Civil Code book that holds this article number, or None when out of range."""
    for book in CIVIL_CODE_BOOKS:
        if book.first <= number <= book.last:
            return book
    return None


def is_valid_article(slug: str, number: int) -> bool:
    """Whether the law exists and has an article with this number."""
    law = _BY_SLUG.get(slug)
    return law is not None and 1 <= number <= law.article_count
