"""Finding statute citations (民法典第一千二百四十五条, 《人民调解法》第33条, 第1245条) in free text."""

from __future__ import annotations

import re
from typing import NamedTuple

from portal.kb.laws import CIVIL_CODE, law_by_name, law_names_longest_first
from portal.kb.numbers import NUMBER_PATTERN, parse_chinese_number


class Citation(NamedTuple):
    """One cited article: span in the text, law slug (None: a law the knowledge base lacks), number.

    `unknown_law` is the name as written (道路交通安全法) when `law` is None.
    """

    start: int
    end: int
    law: str | None
    number: int
    text: str
    unknown_law: str = ""


class _Mention(NamedTuple):
    end: int
    law: str | None
    name: str = ""


_UNKNOWN = "?"  # marks a named law that is not in the knowledge base
_NAMES = "|".join(re.escape(name) for name in law_names_longest_first())
# A bare name right before 第 (道路交通安全法第七十六条) may be a law the knowledge base lacks.
_MENTION_RE = re.compile(
    rf"《(?P<quoted>[^《》\n]{{1,40}})》|(?P<cited>[\u4e00-\u9fff]{{1,16}}?(?:法|法典|条例))(?=\s*第)"
    rf"|(?P<bare>{_NAMES})|(?P<this>本法)"
)
# Words that run into a bare law name found right before 第 (根据道路交通安全法第七十六条).
_LEAD_WORDS = re.compile(r"^(?:根据|依照|依据|按照|参照|适用|违反|按|依|据|见)+")
_SEP = r"\s*(?:、|和|及|以及|或者|至|到|—|－|-|~)\s*"
# A group ends with 条: 第五十六、五十七条, 第582条至第584条; 第三章 and 第二款 never match.
_GROUP_RE = re.compile(
    rf"第\s*{NUMBER_PATTERN}\s*(?:(?:条|條)?{_SEP}第?\s*{NUMBER_PATTERN}\s*)*(?:条|條)"
)
_NUM_RE = re.compile(rf"(?:第\s*)?(?P<num>{NUMBER_PATTERN})\s*(?:条|條)?")


def _cited_law(name: str) -> str:
    """The slug for a name found right before 第, which may carry words in front (依照民法典)."""
    for known in law_names_longest_first():
        if name.endswith(known):
            return law_by_name(known).slug  # type: ignore[union-attr]
    return _UNKNOWN


def _mentions(text: str) -> list[_Mention]:
    """Every place a law is named, with the slug it resolves to (本法 keeps the previous one)."""
    mentions: list[_Mention] = []
    for match in _MENTION_RE.finditer(text):
        name = match["quoted"] or _LEAD_WORDS.sub("", match["cited"] or "") or match["bare"] or ""
        if match["this"] or (match["cited"] or "").endswith("本法"):
            law, name = (mentions[-1].law, mentions[-1].name) if mentions else (CIVIL_CODE, "")
        elif match["cited"]:
            law = _cited_law(match["cited"])
        else:
            found = law_by_name(match["quoted"] or match["bare"])
            if found is None and match["quoted"] and not match["quoted"].endswith(("法", "法典", "条例", "规定")):
                continue  # a quoted title that is not a law, such as a book or a form
            law = found.slug if found else _UNKNOWN
        mentions.append(_Mention(match.end(), law, name if law == _UNKNOWN else ""))
    return mentions


def _law_before(mentions: list[_Mention], position: int) -> _Mention:
    """The law most recently named before a position; the Civil Code if none was."""
    law = _Mention(0, CIVIL_CODE)
    for mention in mentions:
        if mention.end > position:
            break
        law = mention
    return law


def _items(group: re.Match[str]) -> list[tuple[int, int, int]]:
    """(start, end, number) of every article number in a group such as 第五十六、五十七条."""
    items = []
    for match in _NUM_RE.finditer(group.group()):
        number = parse_chinese_number(match["num"])
        if number is not None and number > 0:
            items.append((group.start() + match.start(), group.start() + match.end(), number))
    return items


def find_citations(text: str) -> list[Citation]:
    """Every article cited in the text, in order; 第X条第Y款 cites article X."""
    mentions = _mentions(text)
    citations = []
    for group in _GROUP_RE.finditer(text):
        named = _law_before(mentions, group.start())
        law = None if named.law == _UNKNOWN else named.law
        for start, end, number in _items(group):
            citations.append(Citation(start, end, law, number, text[start:end], named.name))
    return citations
