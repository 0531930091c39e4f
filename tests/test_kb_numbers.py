"""Chinese numerals and article-number look-ups."""

import pytest

from portal.kb.numbers import Lookup, parse_chinese_number, parse_lookup, to_chinese_number


@pytest.mark.parametrize(("text", "value"), [
    ("零", 0), ("〇", 0), ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("两百", 200),
    ("一百零五", 105), ("一百一十", 110), ("一千零五", 1005), ("一千零一十", 1010),
    ("一千二百四十五", 1245), ("一千二百六十", 1260), ("一二四五", 1245), ("一万零二", 10002),
    ("1245", 1245),
])
def test_parses_numerals(text, value):
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "二三十", "一百千", "万", "十a", "百一百", "abc"])
def test_rejects_malformed_numerals(text):
    assert parse_chinese_number(text) is None


@pytest.mark.parametrize("number", [1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 204, 999, 1000,
                                    1005, 1010, 1100, 1245, 1260])
def test_round_trip(number):
    assert parse_chinese_number(to_chinese_number(number)) == number


def test_heading_forms():
    assert to_chinese_number(1245) == "一千二百四十五"
    assert to_chinese_number(10) == "十"
    assert to_chinese_number(1010) == "一千零一十"


@pytest.mark.parametrize(("query", "expected"), [
    ("1245", Lookup(None, 1245)),
    ("第1245条", Lookup(None, 1245)),
    ("第一千二百四十五条", Lookup(None, 1245)),
    (" 第 1245 条 ", Lookup(None, 1245)),
    ("民法典1245", Lookup("civil-code", 1245)),
    ("民法典第1245条", Lookup("civil-code", 1245)),
    ("《中华人民共和国民法典》第1245条", Lookup("civil-code", 1245)),
    ("人民调解法第33条", Lookup("people-mediation-law", 33)),
    ("《人民调解法》第三十三条", Lookup("people-mediation-law", 33)),
    ("法律援助法第四十三条", Lookup("legal-aid-law", 43)),
    ("第十条", Lookup(None, 10)),
])
def test_lookups(query, expected):
    assert parse_lookup(query) == expected


@pytest.mark.parametrize("query", [
    "", "   ", "0", "1261", "第1261条", "人民调解法第36条", "法律援助法第72条", "狗咬人",
    "第1245条狗", "婚姻法第32条", "第二章", "1245.5", None,
])
def test_non_lookups_and_out_of_range(query):
    assert parse_lookup(query) is None
