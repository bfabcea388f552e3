"""The focus loses only words that never name a topic, compared as written (less a
plural), not by stem: "work" says nothing, "working memory" is a topic."""

from __future__ import annotations

from rank_samples import AS_OF, papers

from packet.select import rank_section
from packet.select.terms import make_query, split_words, stems


def _stem(word: str) -> str:
    return stems(split_words(word))[word]


def test_a_generic_word_drops_but_a_topic_word_with_its_stem_stays() -> None:
    kept = make_query(focus="models of working memory").weights
    assert _stem("working") in kept  # stem "work", of the generic word "work"
    kept = make_query(focus="comparative genomics and developmental biology").weights
    assert {_stem("comparative"), _stem("developmental")} <= set(kept)
    dropped = make_query(focus="we use novel methods to improve studies, using work").weights
    assert set(dropped) == {_stem("methods")}
    assert _stem("19") not in make_query(focus="origins of COVID-19").weights


def test_working_memory_papers_come_before_other_memory_models() -> None:
    profile = papers(
        ("episodic", "A model of episodic memory in the hippocampus", "Neural Computation"),
        ("working", "A gated model of working memory", "Neural Computation"),
    )
    ranked = rank_section(profile, "publications", make_query(focus="models of working memory"),
                          as_of=AS_OF, semantic=False)
    assert [r.item.id for r in ranked] == ["working", "episodic"]
    assert "working memory" in ranked[0].reasons[0]
