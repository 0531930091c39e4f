"""Masking personal details before a question is published as an FAQ: pure functions.

Detection is deliberately cautious about words that only look like names (阿婆, 老师, 小心):
the adviser reviews and edits the result before it is published, so a missed name is caught
by a person, while a kinship word turned into 某 would make the FAQ unreadable.
Full names with no cue are found by jieba's tagger only when its dictionary does not know the word:
the dictionary tags ordinary words (许可, 顾客) as names, and the names in a resident's story are
mostly unknown to it (陈小红, 符永强). Names it misses (羊文海) are left to the reviewer.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)
# jieba's dictionary tags many ordinary words as names (许可, 孙子, 顾客); a name it does not know
# and recognises from context (王大明, 陈小红) is what a resident's story holds.
_DICTIONARY = jieba.posseg.dt.word_tag_tab

PHONE_MARK = "【电话】"
ID_MARK = "【身份证号】"
ADDRESS_MARK = "【地址】"

# Common surnames, Hainan's (符, 羊, 吉, 邢, 王, 林, 陈 …) among them. Characters that mostly
# start ordinary words after 老/小 (公, 师, 时, 区, 心) are left out on purpose.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏"
    "苏吕丁任沈姚卢姜崔钟谭陆汪范廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙史陶贺毛郝顾"
    "龚邵万覃武钱严莫孔向常汤符羊吉邢云卓冼容蒙欧岑简"
)
KINSHIP = set("婆公姨妈爸爹哥姐叔伯嫂弟妹奶爷姑舅婶娘妗")
# After 阿 these start loanwords (阿里, 阿拉伯, 阿胶), not names.
NOT_GIVEN = set("里拉胶富尔根某")
# 老王/小李 is a name only when a word boundary or one of these follows (小白菜 is a vegetable).
_AFTER_NICKNAME = "家的说欠借打把给和跟是在也又就不没要让叫他她还对被向找拿用骂占们"

_CJK = r"[\u4e00-\u9fff]"
_DIGIT_SEP = r"[\s\-－]?"
# 18-digit ID numbers (last may be X), in groups 6-8-4 or 6-4-4-4 with spaces or dashes; 15-digit old ones.
_ID_RE = re.compile(
    rf"(?<![0-9A-Za-z])\d{{6}}{_DIGIT_SEP}(?:\d{_DIGIT_SEP}?){{8}}(?:\d{_DIGIT_SEP}?){{3}}[\dXx](?![0-9A-Za-z])"
    rf"|(?<![0-9A-Za-z])\d{{15}}(?![0-9A-Za-z])"
)
_MOBILE_RE = re.compile(
    rf"(?<![0-9])(?:(?:\+|00)?86{_DIGIT_SEP})?1[3-9]\d(?:{_DIGIT_SEP}\d){{8}}(?![0-9])")
_LANDLINE_RE = re.compile(
    rf"(?<![0-9])(?:[(（]0\d{{2,3}}[)）]\s?|0\d{{2,3}}{_DIGIT_SEP})\d{{3,4}}{_DIGIT_SEP}\d{{4}}(?![0-9])")
# A place word may not start with these: 住在演示一村 masks 演示一村…, not 在演示一村….
_NOT_PLACE_START = "在住是到去来的我你他她家从往回和与跟"
_PLACE = rf"(?:(?![{_NOT_PLACE_START}]){_CJK}){{2,6}}"
_NUM = r"(?:\d+|[一二三四五六七八九十百零两]+)"
_ADDRESS_RE = re.compile(
    rf"{_PLACE}(?:村委会|村|社区|居委会)\s*(?:第?{_NUM}\s*(?:村民小组|小组|组|队))?\s*(?:{_NUM}\s*号)?"
    rf"(?<=[组队号])"
    rf"|{_PLACE}(?:路|街|巷|大道)\s*\d+\s*号(?:之\s*\d+)?(?:\s*\d+\s*(?:栋|幢|单元|室|房))*"
)
_NICKNAME_RE = re.compile(
    rf"(?P<prefix>[老小])(?P<surname>{_CJK})(?=$|[^\u4e00-\u9fff]|[{_AFTER_NICKNAME}])"
    rf"|阿(?P<given>{_CJK})")
# A tagged "name" right before one of these is a place (高明镇, 林旺村), not a person.
_PLACE_AFTER = set("镇乡村市县区路街巷山岭河湖岛江港场")
_CUE_RE = re.compile(rf"(?P<cue>名叫|叫做|姓名[:：]?\s*)(?P<surname>{_CJK})(?P<given>{_CJK}{{1,2}})")


@dataclass
class Masked:
    """The masked text and what was found, as (kind, original) pairs for the reviewer."""

    text: str
    found: list[tuple[str, str]] = field(default_factory=list)


def _substitute(masked: Masked, pattern: re.Pattern[str], kind: str, mark: str) -> None:
    def replace(match: re.Match[str]) -> str:
        masked.found.append((kind, match.group()))
        return mark

    masked.text = pattern.sub(replace, masked.text)


def masked_name(name: str) -> str:
    """符阿婆 → 符某: the surname stays so that the text still reads naturally."""
    name = name.strip()
    return f"{name[0]}某" if name else name


def _mask_known(masked: Masked, names: Iterable[str]) -> None:
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        if name in masked.text:
            masked.found.append(("name", name))
            masked.text = masked.text.replace(name, masked_name(name))


def _mask_nicknames(masked: Masked) -> None:
    def replace(match: re.Match[str]) -> str:
        if match["given"]:
            if match["given"] in KINSHIP or match["given"] in NOT_GIVEN:
                return match.group()
            masked.found.append(("name", match.group()))
            return "阿某"
        if match["surname"] not in SURNAMES:
            return match.group()
        masked.found.append(("name", match.group()))
        return f"{match['prefix']}某"

    masked.text = _NICKNAME_RE.sub(replace, masked.text)


def _mask_cued(masked: Masked) -> None:
    def replace(match: re.Match[str]) -> str:
        if match["surname"] not in SURNAMES or "某" in match["given"]:
            return match.group()
        masked.found.append(("name", match["surname"] + match["given"]))
        return f"{match['cue']}{match['surname']}某"

    masked.text = _CUE_RE.sub(replace, masked.text)


def _mask_tagged(masked: Masked) -> None:
    """Full names with no cue (王大明借我钱): words jieba tags as personal names (nr) of two or
    three characters that start with a common surname and are not followed by a place word."""
    parts, position = [], 0
    for word, flag in jieba.posseg.cut(masked.text):
        position += len(word)
        following = masked.text[position:position + 1]
        if (flag == "nr" and 2 <= len(word) <= 3 and word[0] in SURNAMES and following not in _PLACE_AFTER
                and word not in _DICTIONARY and not set(word[1:]) & (KINSHIP | {"某"})):
            masked.found.append(("name", word))
            word = masked_name(word)
        parts.append(word)
    masked.text = "".join(parts)


def mask(text: str, known_names: Iterable[str] = ()) -> Masked:
    """Mask ID numbers, phone numbers, addresses and names (known ones first) in a text."""
    masked = Masked(text or "")
    # IDs before phones: an ID number holds runs of digits that look like a phone number.
    _substitute(masked, _ID_RE, "id", ID_MARK)
    _substitute(masked, _MOBILE_RE, "phone", PHONE_MARK)
    _substitute(masked, _LANDLINE_RE, "phone", PHONE_MARK)
    _substitute(masked, _ADDRESS_RE, "address", ADDRESS_MARK)
    _mask_known(masked, known_names)
    _mask_cued(masked)
    _mask_nicknames(masked)
    _mask_tagged(masked)
    return masked
