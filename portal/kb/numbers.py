"""Chinese numerals and article-number look-ups such as 第一千二百四十五条 or 《人民调解法》第33条."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from portal.kb.laws import CIVIL_CODE, is_valid_article, law_by_name, law_names_longest_first

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "万"
NUMBER_PATTERN = rf"(?:[0-9]+|[{CN_NUMERAL_CHARS}]+)"


class Lookup(NamedTuple):
    """An article look-up: law slug (None means the Civil Code by default) and number."""

    law: str | None
    number: int


def _parse_positional(text: str) -> int:
    """Digit-by-digit numerals such as 一二四五 (no unit characters)."""
    return int("".join(str(_DIGITS[ch]) for ch in text))


def parse_chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral (一千二百四十五, 十, 两百, 零) or of Arabic digits; None if malformed."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        return _parse_positional(text) if len(text) > 1 else _DIGITS[text]
    total, section, digit = 0, 0, None
    last_unit = 10**9
    for ch in text:
        if ch in _DIGITS:
            if digit not in (None, 0):
                return None  # two digits in a row, as in 二三十
            digit = _DIGITS[ch]
        elif ch == "万":
            if section == 0 and not digit:
                return None  # 万 needs a multiplier, as in 一万
            total, section, digit, last_unit = (section + (digit or 0)) * 10000, 0, None, 10**9
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None  # units must fall, as in 一千二百, not 一百千
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + section + (digit or 0)


_LAW_ALT = "|".join(re.escape(name) for name in law_names_longest_first())
_LOOKUP_RE = re.compile(
    rf"^(?:《?(?P<law>{_LAW_ALT})》?)?\s*(?P<di>第)?\s*(?P<num>{NUMBER_PATTERN})\s*(?P<tiao>条|條)?$"
)


def _named_article(query: str) -> Lookup | None:
    """The law and number a query is written as, whether or not the law has that article."""
    # NFKC: phone keyboards often type full-width digits (１２４５).
    match = _LOOKUP_RE.match(re.sub(r"\s+", "", unicodedata.normalize("NFKC", query or "")))
    number = parse_chinese_number(match["num"]) if match else None
    if number is None:
        return None
    law = law_by_name(match["law"]) if match["law"] else None
    return Lookup(law.slug if law else None, number)


def parse_lookup(query: str) -> Lookup | None:
    """The article a query names (1245, 第1245条, 民法典第1245条, 《人民调解法》第三十三条), or None."""
    found = _named_article(query)
    if found is None or not is_valid_article(found.law or CIVIL_CODE, found.number):
        return None
    return found


def missing_article(query: str) -> Lookup | None:
    """A query written as an article number that its law does not have (民法典第1300条), or None."""
    found = _named_article(query)
    if found is None or is_valid_article(found.law or CIVIL_CODE, found.number):
        return None
    return found


def to_chinese_number(number: int) -> str:
    """The Chinese numeral used in article headings: 1245 → 一千二百四十五, 10 → 十, 105 → 一百零五."""
    if number == 0:
        return "零"
    digits, units = "零一二三四五六七八九", ["", "十", "百", "千"]
    if number >= 10000:
        high, low = divmod(number, 10000)
        rest = to_chinese_number(low) if low else ""
        return to_chinese_number(high) + "万" + ("零" if 0 < low < 1000 else "") + rest
    out, zero = "", False
    for power in range(3, -1, -1):
        digit = number // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + digits[digit] + units[power]
        zero = False
    return out[1:] if out.startswith("一十") else out
