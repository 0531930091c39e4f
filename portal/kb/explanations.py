"""Plain-language explanations of articles, written for this site: knowledge_base/explanations/.

One YAML file per range of a law, named <law-slug>-NNNN-MMMM.yaml, mapping article numbers to
{plain: "一两句大白话", asks: ["老百姓会怎么问", …]}. They are our own words, never statute text:
the article page shows `plain` under a heading that says so, and the search indexes plain and
asks as extra text of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.kb.laws import get_law, is_valid_article

_FILE_NAME = re.compile(r"^(?P<law>[a-z-]+?)-(?P<first>\d{4})-(?P<last>\d{4})$")


@dataclass(frozen=True)
class Explanation:
    """What one article means in plain words, and how people ask about it."""

    law: str
    number: int
    plain: str
    asks: tuple[str, ...] = ()


def _entry(law: str, number: object, value: object, span: range) -> Explanation | str:
    """One explanation, or what is wrong with it."""
    if not isinstance(number, int) or not is_valid_article(law, number):
        return f"article {number!r} does not exist in {law}"
    if number not in span:
        return f"article {number} is outside the file's range {span.start}-{span.stop - 1}"
    plain = value.get("plain") if isinstance(value, dict) else None
    if not isinstance(plain, str) or not plain.strip():
        return f"article {number}: plain is missing or empty"
    asks = value.get("asks") or []
    if not isinstance(asks, list) or not all(isinstance(a, str) for a in asks):
        return f"article {number}: asks must be a list of strings"
    return Explanation(law, number, plain.strip(), tuple(a.strip() for a in asks if a.strip()))


def read_range_file(path: Path) -> tuple[str, range, dict] | str:
    """(law slug, article range, mapping) of a <law-slug>-NNNN-MMMM.yaml file, or what is wrong."""
    name = _FILE_NAME.match(path.stem)
    if name is None or get_law(name["law"]) is None:
        return f"{path.name}: name it <law-slug>-NNNN-MMMM.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        return f"{path.name}: not valid YAML ({error})"
    if not isinstance(data, dict):
        return f"{path.name}: expected a mapping of article numbers"
    return name["law"], range(int(name["first"]), int(name["last"]) + 1), data


def parse_file(path: Path) -> tuple[list[Explanation], list[str]]:
    """The explanations in one file and the problems found (file name, YAML, numbers, plain)."""
    read = read_range_file(path)
    if isinstance(read, str):
        return [], [read]
    law, span, data = read
    found, problems = [], []
    for number, value in data.items():
        entry = _entry(law, number, value, span)
        if isinstance(entry, Explanation):
            found.append(entry)
        else:
            problems.append(f"{path.name}: {entry}")
    return found, problems


def load_explanations(directory: Path | str) -> tuple[dict[tuple[str, int], Explanation], list[str]]:
    """Every explanation by (law, number), and every problem; a missing folder has none."""
    explanations: dict[tuple[str, int], Explanation] = {}
    problems: list[str] = []
    folder = Path(directory)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        found, wrong = parse_file(path)
        problems += wrong
        for item in found:
            if (item.law, item.number) in explanations:
                problems.append(f"{path.name}: article {item.number} is explained twice")
            explanations[(item.law, item.number)] = item
    return explanations, problems
