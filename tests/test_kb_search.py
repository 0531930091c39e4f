"""Knowledge-base search over a small index of real articles from the package database."""

import pytest

from portal.kb.analysis import bigrams, outer_words, words
from portal.kb.documents import article_documents, guide_documents
from portal.kb.guides import parse_guide
from portal.kb.lexicon import load_lexicon, parse_lexicon
from portal.kb.search import Searcher, build_index, search
from portal.kb.snippets import make_segments
from portal.kb.statutes import read_articles

WANTED = {("civil-code", n) for n in (1, 1040, 1041, 1079, 1179, 1245, 1246, 1248, 1254)} | {
    ("people-mediation-law", 17), ("people-mediation-law", 33)}

GUIDE = """---
slug: animals
title:
  zh_Hans: 狗咬人怎么办
articles:
  civil-code: [1245]
---
## 法律怎么说

狗咬伤了人，民法典第1245条规定由饲养人或者管理人赔偿。
"""

LEXICON = "# test lexicon\n狗咬\t饲养 动物 损害\n离婚\t离婚 协议\n\nbad line without tab\n"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    articles = [a for a in read_articles() if (a.law, a.number) in WANTED]
    guide = parse_guide("animals", GUIDE)
    index_dir = tmp_path_factory.mktemp("kb-index")
    build_index(index_dir, article_documents(articles, [guide]) + guide_documents([guide]))
    return Searcher(index_dir, parse_lexicon(LEXICON))


def numbers(result):
    return [h.number for h in result.hits if h.kind == "article"]


def test_reads_all_civil_code_articles():
    civil = [a for a in read_articles() if a.law == "civil-code"]
    assert [a.number for a in civil] == list(range(1, 1261))
    assert all(a.text for a in civil)
    assert civil[203].text.endswith("除外。")  # the heading of Book 2 is cut off
    assert (civil[0].book, civil[1244].book, civil[1259].book) == (1, 7, 0)


def test_segmentation_drops_question_filler():
    tokens = [w for w, _, _ in words("被狗咬了怎么办？")]
    assert "狗" in tokens and "怎么办" not in tokens
    assert [b for b, _, _ in bigrams("动物园")] == ["动物", "物园"]


def test_a_compound_word_counts_once_beside_a_plain_word(searcher):
    # Search mode also yields 未成, 成年, 未成年, 成年人, 监护 and 护人: scored, they would count
    # each compound several times over a plain word beside it.
    query = "未成年人的监护人变更姓名"
    assert outer_words(words(query)) == ["未成年人", "监护人", "变更", "姓名"]
    parsed = searcher.parse(query)
    assert parsed.words == ["未成年人", "监护人", "变更", "姓名"]
    assert {"成年", "监护"} <= set(parsed.parts)  # still highlighted in the snippets
    assert {"成年", "监护"} <= set(searcher.search(query).terms)


def test_finds_by_words(searcher):
    assert numbers(searcher.search("动物园的动物伤人"))[0] == 1248


def test_colloquial_expansion(searcher):
    assert 1245 in numbers(searcher.search("狗咬"))[:2]


def test_traditional_input(searcher):
    result = searcher.search("飼養的動物造成他人損害")
    assert result.query == "饲养的动物造成他人损害"
    assert 1245 in numbers(result)[:3]


def test_highlighting_is_escaped_html(searcher):
    hit = searcher.search("离婚").hits[0]
    assert "<mark>离婚</mark>" in hit.snippet_html
    assert any(matched for _, matched in hit.segments)
    assert "<script>" not in searcher.search("<script>离婚</script>").hits[0].snippet_html


def test_single_characters_are_marked_only_when_nothing_longer_matches():
    marked = [t for t, hit in make_segments("不动产的相邻权利人应当处理相邻关系", ["人", "相邻"]) if hit]
    assert marked == ["相邻", "相邻"]
    assert [t for t, hit in make_segments("狗咬了人", ["狗", "人"]) if hit] == ["狗", "人"]


def test_several_kinds_at_once(searcher):
    assert {h.kind for h in searcher.search("狗咬人", kind=("article", "faq")).hits} == {"article"}


def test_number_lookup(searcher):
    result = searcher.search("第一千二百四十五条")
    assert result.lookup and numbers(result) == [1245]
    assert searcher.search("《人民调解法》第33条").hits[0].law == "people-mediation-law"


def test_filters_and_totals(searcher):
    assert {h.law for h in searcher.search("调解", law="people-mediation-law").hits} == {
        "people-mediation-law"}
    assert set(numbers(searcher.search("损害", book=7))) <= {1179, 1245, 1246, 1248, 1254}
    result = searcher.search("狗咬人")
    assert result.totals["guide"] == 1 and result.totals["article"] >= 1
    assert [h.kind for h in searcher.search("狗咬人", kind="guide").hits] == ["guide"]


def test_weak_matches_are_not_counted(searcher):
    # 1254 (things thrown from buildings) shares only a common word or two with this question.
    result = searcher.search("人民调解委员会调解达成协议后怎么办", limit=20)
    assert 33 in numbers(result) and 1254 not in numbers(result)
    assert result.total == len(result.hits)


def test_a_guide_in_everyday_words_does_not_push_out_the_articles(searcher):
    result = searcher.search("邻居家的狗把我孙子咬伤了，医药费找谁要")
    assert result.totals == {"guide": 1, "article": 1} and numbers(result) == [1245]


def test_a_matching_faq_lifts_the_articles_it_cites(tmp_path):
    articles = [a for a in read_articles() if (a.law, a.number) in WANTED]
    faq = {"kind": "faq", "ref": "7", "title": "老公出去打工好几年不回家，能离婚吗",
           "text": "老公出去打工好几年不回家也不寄钱，我能离婚吗？答：分居满二年的，法院应当准予离婚。"}
    for cites, lifted in (((), False), ([("civil-code", 1079)], True)):
        folder = tmp_path / str(lifted)
        build_index(folder, article_documents(articles) + [faq | {"cites": cites}])
        result = Searcher(folder).search("老公打工好几年不回家")
        assert [h.ref for h in result.hits if h.kind == "faq"] == ["7"]
        assert (numbers(result)[0] == 1079) is lifted


def test_pagination(searcher):
    everything = numbers(searcher.search("损害", limit=20))
    assert numbers(searcher.search("损害", limit=2, offset=1)) == everything[1:3]


@pytest.mark.parametrize("query", ["", "   ", "？？！！", "*:?()[]{}", "a", "的的的",
                                   "狗" * 10000, "\x00\x1f", "1261", None])
def test_empty_or_absurd_queries_never_raise(searcher, query):
    result = searcher.search(query)
    assert isinstance(result.hits, list)


def test_bad_filters_give_nothing(searcher):
    assert searcher.search("损害", kind="nonsense").hits == []
    assert searcher.search("损害", law="no-such-law").hits == []


def test_search_function_opens_a_folder(searcher, tmp_path):
    build_index(tmp_path, guide_documents([parse_guide("animals", GUIDE)]))
    assert search(tmp_path, "狗咬").hits[0].ref == "animals"


def test_lexicon_file_loading(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text(LEXICON, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.expand("被狗咬了要离婚") == ["饲养", "动物", "损害", "离婚", "协议"]
    assert load_lexicon(tmp_path / "missing.tsv").expand("狗咬") == []
