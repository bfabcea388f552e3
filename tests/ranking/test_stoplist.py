"""What is left of each built-in and example call once its boilerplate is dropped: only
the words of what the call is about (issue 16: "US", "track", "teach", "service"...)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rank_samples import AS_OF, papers

from packet.model.call import CallSpec
from packet.select import call_query, rank_section
from packet.select.terms import make_query, split_words, stems
from packet.store.calls import BUILTIN_DIR, CallSource, resolve_call

REPO = Path(__file__).resolve().parents[2]

# Every call, and the query words it may keep. A generic call (any field) keeps none:
# what it is about is the applicant's focus.
TOPIC_WORDS: dict[str, set[str]] = {
    "cambridge-jrf": set(),
    "erc-stg": set(),
    "humboldt": set(),
    "msca-pf": set(),
    "nsf": set(),
    "snsf-ambizione": set(),
    "us-faculty": set(),
    # "public" (health) goes with "publications", which every CV form names.
    "nih": {"biomedical", "behavioral", "clinical", "health"},
    "doe-early-career": {"biological", "computing", "energy", "environmental", "fusion", "high",
                         "nuclear", "physical"},
    "nsf-career": set(),
    "dfg-cv": set(),
    "ukri-r4ri": set(),
    "erc-stg-2028": set(),
    "ai-faculty": {
        "AI", "deep", "diffusion", "foundation", "generative", "language", "large", "learning",
        "machine", "models", "representation", "theory",
    },
    "ml-theory-fellowship": {
        "data", "deep", "diffusion", "dimensional", "feature", "generalization", "generative",
        "hierarchy", "high", "kernel", "laws", "learning", "mathematical", "methods", "models",
        "networks", "overparameterized", "physics", "probability", "representation", "scaling",
        "statistical", "structure", "theory",
    },
}


def _sources() -> dict[str, CallSource]:
    sources = {p.stem: CallSource(p.stem, p, p.name, True) for p in BUILTIN_DIR.glob("*.yaml")}
    for path in (REPO / "calls").glob("*.yaml"):
        sources[path.stem] = CallSource(path.stem, path, f"calls/{path.name}", False)
    return sources


def _spec(call_id: str) -> CallSpec:
    return resolve_call(call_id, _sources())[0]


def test_every_call_is_listed() -> None:
    assert set(_sources()) == set(TOPIC_WORDS)


@pytest.mark.parametrize("call_id", sorted(TOPIC_WORDS))
def test_a_call_keeps_only_its_topic_words(call_id: str) -> None:
    query = call_query(_spec(call_id))
    words = {word for stem, word in query.surface.items() if stem not in query.initials}
    assert words == TOPIC_WORDS[call_id]
    # the semantic match reads the same words (in their written forms), never the boilerplate
    read = {w for _, words, _ in query.meanings for w in split_words(words)}
    assert set(stems(read).values()) <= set(query.weights)


def test_us_faculty_words_no_longer_lift_unrelated_papers() -> None:
    profile = papers(
        ("iot", "Service composition for IoT devices in smart buildings", None),
        ("elephants", "You can teach elephants to dance", None),
        ("bench", "A suite of tasks", "NeurIPS Datasets and Benchmarks Track"),
        ("pronoun", "Sampling with guarantees", None, "This enables us to sample faster."),
        ("topic", "Diffusion models for protein design", None),
    )
    ranked = rank_section(profile, "publications", call_query(_spec("us-faculty"), "diffusion"),
                          as_of=AS_OF)
    assert ranked[0].item.id == "topic"
    for entry in ranked[1:]:
        assert not any(r.startswith("mentions") for r in entry.reasons), entry


def test_an_acronym_that_spells_a_word_matches_only_in_capitals() -> None:
    profile = papers(
        ("pronoun", "Letting us see further", None, "This lets us estimate it."),
        ("country", "Energy policy in the US electricity market", None),
    )
    query = make_query(focus="US energy policy")
    assert "US" in query.acronyms
    ranked = {r.item.id: r for r in rank_section(profile, "publications", query, as_of=AS_OF,
                                                 semantic=False)}
    assert ranked["country"].reasons[0] == "mentions US and energy policy in the title"
    assert ranked["pronoun"].score == 0.0
    assert ranked["pronoun"].reasons == ["no word of the focus or the call, and not close in meaning"]


def test_a_call_never_matches_its_own_names() -> None:
    profile = papers(("eccv", "European Conference on Computer Vision workshop summary", None))
    ranked = rank_section(profile, "publications", call_query(_spec("erc-stg")), as_of=AS_OF)
    assert ranked[0].reasons == ["no word of the focus or the call, and not close in meaning"]
