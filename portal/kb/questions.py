"""Example questions per article, written for this site: knowledge_base/questions/.

One YAML file per range of a law, named like the explanations (<law-slug>-NNNN-MMMM.yaml), mapping
article numbers to lists of questions the article answers, phrased as people type them: a concrete
situation, or a legal term they have heard of. Search aids only: the index holds them as extra
text of their article (document expansion) and the classifier learns from them (classifier.py);
no page shows them. Unlike an explanation's `asks` they are written for every article alike, so
they do not count towards how often an article is asked about.
"""
from __future__ import annotations

from pathlib import Path

from portal.kb.explanations import read_range_file
from portal.kb.laws import is_valid_article

Questions = dict[tuple[str, int], tuple[str, ...]]


def parse_file(path: Path) -> tuple[Questions, list[str]]:
    """The questions in one file and the problems found (file name, YAML, numbers, entries)."""
    read = read_range_file(path)
    if isinstance(read, str):
        return {}, [read]
    law, span, data = read
    found: Questions = {}
    problems = []
    for number, value in data.items():
        if not isinstance(number, int) or not is_valid_article(law, number) or number not in span:
            problems.append(f"{path.name}: article {number!r} is not in {law} {span.start}-{span.stop - 1}")
        elif not isinstance(value, list) or not all(isinstance(q, str) and q.strip() for q in value):
            problems.append(f"{path.name}: article {number}: expected a list of questions")
        else:
            found[(law, number)] = tuple(q.strip() for q in value)
    return found, problems


def load_questions(directory: Path | str) -> tuple[Questions, list[str]]:
    """Every article's questions by (law, number), and every problem; a missing folder has none."""
    questions: Questions = {}
    problems: list[str] = []
    folder = Path(directory)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        found, wrong = parse_file(path)
        problems += wrong
        for key in found.keys() & questions.keys():
            problems.append(f"{path.name}: article {key[1]} has questions in two files")
        questions.update(found)
    return questions, problems
