"""Hybrid relevance: words (BM25) and meaning (WordLlama), the margin of the boosts, the
as-of date of recency, and the vector cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rank_samples import AS_OF, papers

from packet.cache import Cache
from packet.model.dates import PartialDate
from packet.select import rank_section, semantic
from packet.select.rank import BOOST_MARGIN
from packet.select.terms import make_query


def by_id(ranked: list[object]) -> dict[str, object]:
    return {r.item.id: r for r in ranked}  # type: ignore[attr-defined]


def test_a_shared_stem_counts_less_than_the_same_word() -> None:
    # "manipulation" and "manipulators" share the stem "manipul"
    profile = papers(
        ("mpc", "Predictive control of robot manipulators", None),
        ("grasp", "Grasp detection for robot manipulation", None),
    )
    query = make_query(focus="perception for manipulation")
    ranked = rank_section(profile, "publications", query, as_of=AS_OF, semantic=False)
    assert [r.item.id for r in ranked] == ["grasp", "mpc"]
    found = by_id(ranked)
    assert found["grasp"].score == 1.0  # type: ignore[attr-defined]
    assert found["mpc"].score == pytest.approx(0.5, abs=0.05)  # type: ignore[attr-defined]
    assert found["mpc"].reasons[0] == "mentions manipulators in the title"  # type: ignore[attr-defined]


def test_plurals_are_the_same_word() -> None:
    profile = papers(("one", "A diffusion model", None), ("many", "Diffusion models", None))
    ranked = by_id(rank_section(profile, "publications", make_query(focus="diffusion models"),
                                as_of=AS_OF, semantic=False))
    assert ranked["one"].score == ranked["many"].score == 1.0  # type: ignore[attr-defined]


def test_meaning_finds_papers_that_share_no_word_with_the_focus() -> None:
    profile = papers(
        ("yeast", "Estimating cell-cycle phases of budding yeast", None),
        ("sgd", "Training neural networks with stochastic gradient descent", None),
        ("bayes", "Bayesian parameter estimation for yeast", None),
    )
    ranked = rank_section(profile, "publications", make_query(focus="deep learning"), as_of=AS_OF)
    assert ranked[0].item.id == "sgd"
    assert ranked[0].reasons == ["close in meaning to the focus: deep learning"]
    assert ranked[0].meaning == "close in meaning to the focus: deep learning"
    assert ranked[-1].meaning is None
    words_only = rank_section(profile, "publications", make_query(focus="deep learning"),
                              as_of=AS_OF, semantic=False)
    assert all(r.score == 0 for r in words_only)  # no word in common


def test_nothing_is_close_in_meaning_when_no_paper_is_about_the_focus() -> None:
    profile = papers(
        ("folding", "Protein folding with graph networks", None),
        ("kernels", "Kernel methods for statistical physics", None),
        ("editing", "Editing factual knowledge in large language models", None),
    )
    ranked = rank_section(profile, "publications", make_query(focus="medieval French poetry"),
                          as_of=AS_OF)
    assert all(r.meaning is None and r.reasons == ["no word of the focus or the call, and not close in meaning"] for r in ranked)
    assert all(r.score == 0 for r in ranked)


def test_the_record_carries_the_abstract() -> None:
    profile = papers(("a", "Diffusion models", None, "We study diffusion."), ("b", "Kernels", None))
    ranked = by_id(rank_section(profile, "publications", "diffusion", as_of=AS_OF))
    assert ranked["a"].abstract == "We study diffusion."  # type: ignore[attr-defined]
    assert ranked["b"].abstract is None  # type: ignore[attr-defined]


def test_boosts_never_pass_an_item_more_relevant_by_more_than_the_margin() -> None:
    me = ["Lovelace, Ada", "Other, O."]
    rows = [
        ("best", "Diffusion models of diffusion", None, None, 2010),
        ("good", "Diffusion models", None, "Diffusion in images.", 2010),
        ("fair", "Diffusion on graphs and other structures of many kinds", None, None, 2010),
        ("weak", "A long survey of many kinds of structures, with a note on diffusion", None,
         None, 2010),
    ]
    plain = by_id(rank_section(papers(*rows, ("boosted", "Diffusion bounds for kernels and "
                                              "trees in high dimension", None, None, 2010)),
                               "publications", "diffusion", as_of=AS_OF, semantic=False))
    boosted_profile = papers(*rows, ("boosted", "Diffusion bounds for kernels and trees in high "
                                     "dimension", None, None, 2026, me))
    boosted_profile.publications[-1].notes.append("Oral")
    boosted = rank_section(boosted_profile, "publications", "diffusion", as_of=AS_OF,
                           semantic=False)
    mine = by_id(boosted)["boosted"]
    assert mine.reasons[-3:] == ["first author", "oral", "recent (2026)"]  # type: ignore[attr-defined]
    lift = mine.score - plain["boosted"].score  # type: ignore[attr-defined]
    assert 0 < lift <= BOOST_MARGIN + 1e-9
    order = [r.item.id for r in boosted]
    for other in ("best", "good", "fair", "weak"):
        if plain[other].score > plain["boosted"].score + BOOST_MARGIN:  # type: ignore[attr-defined]
            assert order.index(other) < order.index("boosted"), other
    assert order.index("boosted") < order.index("weak")  # within the margin, boosts decide


def test_recency_counts_from_the_as_of_date_not_today() -> None:
    profile = papers(("p", "Diffusion models", None, None, 2022))
    late = rank_section(profile, "publications", "diffusion", as_of=PartialDate(2026, 11))
    early = rank_section(profile, "publications", "diffusion", as_of=PartialDate(2024, 1))
    assert "recent (2022)" not in late[0].reasons  # four years back from 2026-11
    assert "recent (2022)" in early[0].reasons


def test_item_vectors_are_cached_by_content(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = Cache(tmp_path, "vectors")
    profile = papers(("a", "Diffusion models for images", None, "We denoise."),
                     ("b", "Kernel ridge regression", None))
    first = rank_section(profile, "publications", "generative models", as_of=AS_OF, vectors=store)
    assert list(store.folder.iterdir())  # written to the cache

    embedded: list[str] = []
    real = semantic.Model.embed

    def counting(self: semantic.Model, texts: list[str]) -> object:
        embedded.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(semantic.Model, "embed", counting)
    semantic.forget()
    again = rank_section(profile, "publications", "generative models", as_of=AS_OF,
                         vectors=store)
    assert [(r.item.id, r.score) for r in again] == [(r.item.id, r.score) for r in first]
    assert embedded == ["generative models"]  # the items came from the cache; only the query

    semantic.forget()
    embedded.clear()
    profile.publications[1].title = "Kernel ridge regression in high dimension"
    rank_section(profile, "publications", "generative models", as_of=AS_OF, vectors=store)
    assert sorted(embedded) == ["Kernel ridge regression in high dimension", "generative models"]


def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path) -> None:
    store = Cache(tmp_path, "vectors")
    profile = papers(("a", "Diffusion models", None))
    first = rank_section(profile, "publications", "generative", as_of=AS_OF, vectors=store)
    for entry in store.folder.iterdir():
        entry.write_bytes(b"not a vector")
    semantic.forget()
    again = rank_section(profile, "publications", "generative", as_of=AS_OF, vectors=store)
    assert again[0].score == first[0].score


def test_the_model_is_read_from_the_wheel_without_network() -> None:
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import sys, packet.select\n"
        "assert 'tokenizers' not in sys.modules and 'safetensors' not in sys.modules\n"
        "from packet.select.semantic import load_model\n"
        "vectors = load_model().embed(['optimal control', 'model predictive control'])\n"
        "print(round(float(vectors[0] @ vectors[1]), 2) > 0.3, vectors.shape)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "(2,", "256)"]


def test_a_phrase_written_out_finds_its_initials_in_capitals() -> None:
    profile = papers(
        ("emcee", "emcee: ensemble sampling for affine-invariant MCMC", None),
        ("recipes", "Data analysis recipes: using Markov chain Monte Carlo", None),
        ("word", "The mcmc of nothing", None),  # not in capitals: not the acronym
        ("other", "Transit light curves of small planets", None),
    )
    query = make_query(focus="Markov chain Monte Carlo")
    ranked = by_id(rank_section(profile, "publications", query, as_of=AS_OF, semantic=False))
    assert ranked["recipes"].reasons[0] == "mentions Markov chain Monte Carlo in the title"  # type: ignore[attr-defined]
    assert ranked["emcee"].reasons[0] == "mentions MCMC in the title"  # type: ignore[attr-defined]
    assert ranked["emcee"].score > 0 and ranked["word"].score == 0  # type: ignore[attr-defined]


def test_the_word_index_is_kept_by_content() -> None:
    from packet.select.wordindex import forget, word_index

    forget()
    docs = [[("title", "Diffusion models", 2)], [("title", "Kernel methods", 2)]]
    first = word_index(docs)
    assert word_index([list(d) for d in docs]) is first  # same texts: no new index
    changed = word_index([[("title", "Diffusion models", 2)], [("title", "Kernel machines", 2)]])
    assert changed is not first and "machines" in changed.words
