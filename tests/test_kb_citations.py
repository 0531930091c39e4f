"""Citations found in an adviser's answer."""

from portal.kb.citations import find_citations


def cited(text):
    return [(c.law, c.number, c.text) for c in find_citations(text)]


def test_forms_from_the_domain():
    text = "依照民法典第一千二百四十五条，又见《人民调解法》第33条。"
    assert cited(text) == [("civil-code", 1245, "第一千二百四十五条"),
                           ("people-mediation-law", 33, "第33条")]


def test_full_name_in_title_marks():
    assert cited("《中华人民共和国民法典》第1245条") == [("civil-code", 1245, "第1245条")]


def test_bare_citation_defaults_to_civil_code():
    assert cited("按照第1245条，养狗的人要赔。") == [("civil-code", 1245, "第1245条")]


def test_bare_citation_follows_the_law_named_before_it():
    text = "《人民调解法》规定了调解协议。根据第三十三条，可以申请司法确认。"
    assert cited(text) == [("people-mediation-law", 33, "第三十三条")]


def test_this_law_keeps_the_previous_law():
    assert cited("人民调解法第十七条；依照本法第二十六条") == [
        ("people-mediation-law", 17, "第十七条"), ("people-mediation-law", 26, "第二十六条")]


def test_paragraph_cites_the_article():
    assert cited("民法典第1245条第二款") == [("civil-code", 1245, "第1245条")]


def test_ranges_and_lists():
    assert [c[1] for c in cited("第五百八十二条至第五百八十四条")] == [582, 584]
    assert [c[1] for c in cited("第1179条、第1180条和第1181条")] == [1179, 1180, 1181]
    assert [c[1] for c in cited("民法典第五十六、五十七条")] == [56, 57]


def test_chapters_and_paragraphs_alone_are_not_citations():
    assert cited("见第三章第二节，第二款") == []


def test_laws_outside_the_knowledge_base_have_no_slug():
    assert cited("《婚姻法》第32条") == [(None, 32, "第32条")]
    assert cited("道路交通安全法第七十六条，民法典第1208条") == [
        (None, 76, "第七十六条"), ("civil-code", 1208, "第1208条")]


def test_laws_outside_the_knowledge_base_keep_their_name():
    found = find_citations("根据道路交通安全法第七十六条处理，本法第二十二条也适用；另见民法典第1208条。")
    assert [(c.unknown_law, c.number) for c in found] == [
        ("道路交通安全法", 76), ("道路交通安全法", 22), ("", 1208)]
    assert [c.unknown_law for c in find_citations("《婚姻法》第32条")] == ["婚姻法"]


def test_spans_point_into_the_text():
    text = "答：依照民法典第1245条处理。"
    (citation,) = find_citations(text)
    assert text[citation.start:citation.end] == citation.text == "第1245条"


def test_text_without_citations():
    assert cited("") == []
    assert cited("没有引用任何条文。") == []
