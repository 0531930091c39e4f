"""Masking personal details before publishing: names, phone numbers, ID numbers, addresses."""
from __future__ import annotations

import pytest

from portal.advice.masking import ADDRESS_MARK, ID_MARK, PHONE_MARK, mask


@pytest.mark.parametrize("phone", [
    "13800000001", "138 0000 0001", "138-0000-0001", "+86 138 0000 0001", "86-13800000001",
    "0898-27721234", "0898 2772 1234", "(0898)27721234", "（0898）2772-1234",
])
def test_phone_numbers_with_spaces_or_dashes(phone):
    result = mask(f"有事打{phone}找我。")
    assert result.text == f"有事打{PHONE_MARK}找我。"
    assert result.found == [("phone", phone)]


@pytest.mark.parametrize("number", [
    "46903019800101123X", "46903019800101123x", "469030198001011234",
    "469030 19800101 123X", "469030-1980-0101-123X", "469030800101123",
])
def test_id_numbers_including_a_final_x(number):
    result = mask(f"身份证号{number}，")
    assert result.text == f"身份证号{ID_MARK}，"


def test_an_id_number_is_not_mistaken_for_a_phone_number():
    assert mask("证件：46903013800000001X").text == f"证件：{ID_MARK}"


@pytest.mark.parametrize("text, expected", [
    ("我住在牙叉镇演示一村3组15号。", f"我住在{ADDRESS_MARK}。"),
    ("家在演示二村第二村民小组。", f"家在{ADDRESS_MARK}。"),
    ("他家在建设路128号之3 5栋2单元", f"他家在{ADDRESS_MARK}"),
    ("搬到牙叉中路28号了", f"搬到{ADDRESS_MARK}了"),
])
def test_addresses(text, expected):
    assert mask(text).text == expected


def test_a_village_named_alone_is_not_an_address():
    assert mask("我们村的人都知道。").text == "我们村的人都知道。"


def test_known_names_keep_the_surname():
    result = mask("我是符阿婆，符阿婆的儿子也在。", ["符阿婆"])
    assert result.text == "我是符某，符某的儿子也在。"


@pytest.mark.parametrize("text, expected", [
    ("老王家的狗咬了我", "老某家的狗咬了我"),
    ("小李说他不赔", "小某说他不赔"),
    ("阿强也看到了", "阿某也看到了"),
    ("名叫王大明的人做担保", "名叫王某的人做担保"),
    ("我卖给林峰的金链子，他一直没给钱", "我卖给林某的金链子，他一直没给钱"),
    ("我和邻居陈小红吵架了", "我和邻居陈某吵架了"),
    ("去年符永强把我家的牛打伤", "去年符某把我家的牛打伤"),
])
def test_names_by_pattern(text, expected):
    assert mask(text).text == expected


@pytest.mark.parametrize("text", [
    "阿婆和阿公都在家", "老师说要找老板", "小孩在小区里玩", "小白菜被踩坏了", "张某某借了钱",
    "老人家身体不好", "民法典第1245条", "借款10000元，2023年5月3日到期",
    "高明镇的土地", "方便的时候找吴老师", "王某借我钱", "林场的橡胶树被砍了", "石头砸坏了车",
    "许多人都这样", "黄金价格涨了", "没有许可证就开工", "孙子被狗咬了", "顾客在店里摔倒了",
])
def test_words_that_only_look_like_personal_details_stay(text):
    assert mask(text).text == text


def test_everything_at_once():
    text = "我叫符阿婆，电话138 0000 0001，身份证46903019800101123X，住在演示一村3组15号，老王欠我钱。"
    result = mask(text, ["符阿婆"])
    assert result.text == (f"我叫符某，电话{PHONE_MARK}，身份证{ID_MARK}，住在{ADDRESS_MARK}，"
                           "老某欠我钱。")
    assert {kind for kind, _ in result.found} == {"name", "phone", "id", "address"}
