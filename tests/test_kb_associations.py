"""Word associations learned from the explanations (everyday word → statute word)."""

from portal.kb import associations
from portal.kb.search import Searcher, build_index


def article(number: int, text: str, asks: str = "", plain: str = "") -> dict:
    return {"kind": "article", "law": "civil-code", "number": number, "book": 3, "chapter": "第一章 测试",
            "section": "", "title": f"第{number}条", "text": text, "extra": "", "plain": plain, "asks": asks}


# 房东 is in three articles' asks and 承租人 in their text; sales articles make up the rest.
DOCUMENTS = [article(100 + n, "出卖人应当按照约定交付标的物。", "卖东西不给货") for n in range(40)] + [
    article(1, "承租人应当按照约定支付租金。", "房东要涨房租"),
    article(2, "承租人经出租人同意，可以转租。", "房东不让转租"),
    article(3, "承租人可以请求减少租金。", "房东不修房子"),
    article(4, "出卖人应当交付标的物。", "卖东西不给货"),
    article(5, "出卖人应当按照约定的时间交付。", "卖家拖着不发货"),
    article(6, "承租人的租赁物毁损，由承租人赔偿。", "租的东西坏了"),
]


def test_learns_statute_words_from_explanations():
    learned = associations.learn(DOCUMENTS)
    assert ("承租人", 1.0) in learned["房东"]
    assert "卖家" not in learned  # seen with one article only


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / associations.ASSOCIATIONS
    associations.save(path, {"房东": [("承租人", 1.0), ("租金", 0.667)]})
    assert associations.load(path) == {"房东": [("承租人", 1.0), ("租金", 0.667)]}
    assert associations.load(tmp_path / "missing.tsv") == {}


def test_search_expands_everyday_words(tmp_path):
    documents = DOCUMENTS + [article(7, "承租人死亡的，共同居住人可以继续租赁。")]
    build_index(tmp_path, documents)
    searcher = Searcher(tmp_path)
    assert {"承租", "承租人"} & {term for term, _ in searcher.associations["房东"]}
    assert 7 in [h.number for h in searcher.search("房东").hits]  # 7 has no 房东 anywhere
