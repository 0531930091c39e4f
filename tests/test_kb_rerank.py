"""The second-stage rerank: chapter and section lift, and the prior of how often people ask."""

from portal.kb.rerank import Candidate, RerankWeights, rerank


def article(number: int, asked: int) -> dict:
    return {"kind": "article", "law": "civil-code", "number": number, "chapter": "第一章", "section": "",
            "lead": False, "asked": asked}


def test_more_ways_of_asking_break_a_tie():
    ranked = rerank([Candidate(article(1, 0), 1.0), Candidate(article(2, 4), 1.0)], RerankWeights())
    assert [c.fields["number"] for c in ranked] == [2, 1]


def test_the_prior_does_not_outweigh_a_clearly_better_match():
    ranked = rerank([Candidate(article(1, 6), 0.5), Candidate(article(2, 0), 1.0)], RerankWeights())
    assert ranked[0].fields["number"] == 2


def test_an_index_without_the_count_ranks_by_score():
    plain = {"kind": "article", "law": "civil-code", "number": 3, "chapter": "第一章", "section": ""}
    ranked = rerank([Candidate(plain, 0.4), Candidate(article(4, 0), 0.9)], RerankWeights())
    assert [c.fields["number"] for c in ranked] == [4, 3]
