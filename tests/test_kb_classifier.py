"""The learned question → article classifier: its training texts, what it learns, its file, its
place in the rerank."""

import numpy as np
import pytest

from portal.kb import classifier
from portal.kb.classifier import MODEL, ArticleClassifier, train, training_examples
from portal.kb.documents import article_documents, guide_documents
from portal.kb.explanations import Explanation
from portal.kb.guides import parse_guide
from portal.kb.rerank import Candidate, RerankWeights, rerank
from portal.kb.search import Searcher, build_index
from portal.kb.statutes import read_articles

NUMBERS = (648, 656, 1245, 1254)
# Example questions in everyday words the statute texts do not use (燃气, 暖气, 花盆, 咬); the
# model keeps only words seen in two texts or more.
QUESTIONS = {
    ("civil-code", 648): ("电力公司不给我家通电怎么办", "用电合同是什么合同"),
    ("civil-code", 656): ("燃气公司供气不稳定能找它赔吗", "燃气费涨了要不要交",
                          "冬天暖气不热，供暖公司要负责吗", "暖气费怎么算", "自来水公司停水有没有责任"),
    ("civil-code", 1245): ("邻居家的狗把我咬了谁赔", "被别人养的狗咬伤了找谁"),
    ("civil-code", 1254): ("楼上掉下来的花盆砸了我的车", "高空扔花盆找不到是谁扔的怎么办"),
}


@pytest.fixture(scope="module")
def documents():
    articles = [a for a in read_articles() if a.law == "civil-code" and a.number in NUMBERS]
    plain = Explanation("civil-code", 1245, "养的动物伤了人，主人要赔。", ("狗咬人谁负责",))
    return article_documents(articles, [], {("civil-code", 1245): plain}, QUESTIONS)


@pytest.fixture(scope="module")
def model(documents):
    return train(documents)


def test_every_article_text_explanation_ask_and_question_is_a_training_text(documents):
    guide = parse_guide("animals", "---\nslug: animals\ntitle:\n  zh_Hans: 狗咬人\n---\n狗咬人。\n")
    texts, labels = training_examples(documents + guide_documents([guide]))
    assert labels.count("article/civil-code/1245") == 1 + 1 + 1 + 2  # statute, plain, ask, questions
    assert labels.count("article/civil-code/648") == 1 + 2
    assert "养的动物伤了人，主人要赔。" in texts and "狗咬人谁负责" in texts
    dog = next(d for d in documents if d["number"] == 1245)
    assert texts[labels.index("article/civil-code/1245")] == f"{dog['chapter']}\n{dog['text']}"
    assert not any(label.startswith("guide/") for label in labels)


def test_it_learns_the_everyday_words_of_the_example_questions(model):
    assert set(model.ids) == {f"article/civil-code/{n}" for n in NUMBERS}
    # Neither 燃气 nor 暖气 is in any of these articles' statute text, only in 656's questions.
    affinity = model.affinity("家里的燃气和暖气老是出问题", temperature=1.0)
    assert max(affinity, key=affinity.get) == "article/civil-code/656"
    assert affinity["article/civil-code/656"] == 1.0
    assert all(0 < v < 1 for k, v in affinity.items() if not k.endswith("/656"))
    affinity = model.affinity("楼上花盆掉下来", temperature=1.0)
    assert max(affinity, key=affinity.get) == "article/civil-code/1254"


def test_a_higher_temperature_flattens_the_affinity(model):
    cold = model.affinity("燃气公司", temperature=1.0)
    warm = model.affinity("燃气公司", temperature=4.0)
    assert warm["article/civil-code/1245"] > cold["article/civil-code/1245"]


def test_a_text_it_knows_no_word_of_has_no_affinity(model):
    assert model.affinity("", temperature=1.0) == {}
    assert model.affinity("xyzzy ？？", temperature=1.0) == {}


def test_saved_and_loaded_it_scores_the_same(model, tmp_path):
    model.save(tmp_path / MODEL)
    loaded = ArticleClassifier.load(tmp_path / MODEL)
    assert loaded.ids == model.ids
    question = "狗咬人了怎么赔"
    np.testing.assert_allclose(loaded.scores(question), model.scores(question), rtol=1e-6)
    assert ArticleClassifier.load(tmp_path / "missing.npz") is None


def test_small_weights_are_left_out_of_the_saved_model(model):
    assert np.all(np.abs(model.weights) >= classifier.KEEP)
    assert len(model.offsets) == len(model.vocabulary) + 1 and model.offsets[-1] == len(model.weights)


def test_training_is_repeatable(documents, model):
    again = train(documents)
    np.testing.assert_array_equal(again.weights, model.weights)


def test_one_article_is_nothing_to_learn_and_leaves_no_stale_model(documents, tmp_path):
    assert train(documents[:1]) is None
    build_index(tmp_path, documents)
    assert (tmp_path / MODEL).is_file()
    build_index(tmp_path, documents[:1])
    assert not (tmp_path / MODEL).exists()
    assert Searcher(tmp_path).classifier is None


def test_the_rerank_adds_the_classifier_confidence():
    def article(number):
        return {"kind": "article", "law": "civil-code", "number": number, "chapter": "第一章", "section": ""}
    candidates = [Candidate(article(1), 1.0, learned=0.1), Candidate(article(2), 0.9, learned=1.0)]
    assert [c.fields["number"] for c in rerank(candidates, RerankWeights())] == [2, 1]
    assert [c.fields["number"] for c in rerank(candidates, RerankWeights(learned=0.0))] == [1, 2]


def test_the_search_ranks_by_what_the_classifier_learned(documents, tmp_path):
    build_index(tmp_path, documents)
    searcher, words_only = Searcher(tmp_path), Searcher(tmp_path)
    words_only.rerank_weights = RerankWeights(learned=0.0)
    # 供电 is 648's word; the questions taught the model that 暖气 means 656, which BM25 alone,
    # counting one word each, ranks second.
    assert [h.number for h in words_only.search("供电公司的暖气").hits] == [648, 656]
    assert [h.number for h in searcher.search("供电公司的暖气").hits] == [656, 648]
    # An index built before the classifier existed still searches, by BM25 and the rerank alone.
    (tmp_path / MODEL).unlink()
    assert [h.number for h in Searcher(tmp_path).search("供电公司的暖气").hits] == [648, 656]
