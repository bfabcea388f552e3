"""Entries too thin to be items (an arXiv listing: id, abstract, comments) complete the
items other sources name, whatever the order of the sources in one import."""

from __future__ import annotations

import itertools

import pytest

from packet.sources.candidate import Candidate, SourceRead
from packet.sources.clean import clean_text
from packet.sources.planner import plan_import

ABSTRACT = ("Natural data is often organized as a hierarchical composition of features. How many "
            "samples do generative models need to learn the composition rules?")
CV = SourceRead("cv.txt", "cv-text", [Candidate("publications", {
    "title": "How compositional generalization and creativity improve as diffusion models are "
             "trained", "authors": ["Favero, A.", "Sclocchi, A.", "Wyart, M."], "year": 2025,
    "venue": "International Conference on Machine Learning"}, "cv.txt:3")])
INDEX = SourceRead("index.txt", "publication-index", [Candidate("publications", {
    "title": "How Compositional Generalization and Creativity Improve as Diffusion Models are "
             "Trained", "authors": ["Alessandro Favero", "Antonio Sclocchi", "Matthieu Wyart"],
    "year": 2025, "abstract": ABSTRACT}, "index.txt:9")])
LISTING = SourceRead("listing.txt", "arxiv-listing", [
    Candidate("publications", {"arxiv": "2502.12089", "abstract": ABSTRACT.replace(
        "features. How", "features.  How"), "date": "2025-02-17", "kind": "preprint",
        "venue": "arXiv preprint", "year": 2025, "equal_contribution_first": 2},
        "listing.txt:39", uncertain=["title", "authors"]),
    Candidate("publications", {"arxiv": "2511.14569", "abstract": "Something nobody else says.",
                               "year": 2025, "kind": "preprint"}, "listing.txt:3",
              uncertain=["title", "authors"]),
])


@pytest.mark.parametrize("order", list(itertools.permutations([CV, INDEX, LISTING])))
def test_a_listing_completes_the_item_in_any_order(order: tuple[SourceRead, ...]) -> None:
    plan = plan_import([(read, read.source) for read in order], None)
    [added] = plan.added
    item = added.item
    assert item["arxiv"] == "2502.12089" and item["abstract"] == ABSTRACT
    assert item["venue"] == "International Conference on Machine Learning"  # not "arXiv preprint"
    assert item["kind"] != "preprint"
    assert item["equal_contribution"] == item["authors"][:2]
    # Nothing to complete yet: kept for a later import, not dropped.
    assert [p["origin"] for p in plan.pending] == ["listing.txt:3"]


def _pub(title: str, authors: list[str], year: int, **more: object) -> Candidate:
    return Candidate("publications", {"title": title, "authors": authors, "year": year, **more},
                     f"cv.txt:{len(title)}")


def test_a_listing_kept_from_an_earlier_import_completes_the_item_a_later_one_adds() -> None:
    first = plan_import([(LISTING, "listing")], None)
    assert {p["item"]["arxiv"] for p in first.pending} == {"2502.12089", "2511.14569"}
    later = plan_import([(CV, "cv"), (INDEX, "index")], None, pending=first.pending)
    [added] = later.added
    assert added.item["arxiv"] == "2502.12089" and added.item["abstract"]
    assert added.item["equal_contribution"] == added.item["authors"][:2]
    assert [p["item"]["arxiv"] for p in later.pending] == ["2511.14569"]


REVISED = (
    "Fine-tuning pre-trained models has become the standard approach to endow them with "
    "specialized knowledge. To address these challenges, we introduce LiNeS, Layer-increasing "
    "Network Scaling, a post-training editing technique designed to preserve pre-trained "
    "generalization while enhancing fine-tuned task performance. LiNeS scales parameter updates "
    "linearly based on their layer depth within the network."
)
FIRST_VERSION = (
    "Large pre-trained models exhibit impressive zero-shot performance across diverse tasks. "
    "To address this challenge, we introduce LiNeS, Layer-increasing Network Scaling, a "
    "post-training editing technique designed to preserve pre-trained generalization while "
    "enhancing fine-tuned task performance. LiNeS scales parameter updates linearly based on "
    "their layer depth within the network."
)


def test_a_rewritten_opening_still_matches_by_the_sentences_both_versions_keep() -> None:
    cv = SourceRead("cv", "cv-text", [_pub("LiNeS: Post-training layer scaling", ["Wang, K."],
                                           2025, abstract=REVISED)])
    listing = SourceRead("l", "arxiv-listing", [Candidate("publications", {
        "arxiv": "2410.17146", "abstract": FIRST_VERSION, "year": 2024, "kind": "preprint"},
        "l:1")])
    plan = plan_import([(cv, "a"), (listing, "b")], None)
    assert plan.added[0].item["arxiv"] == "2410.17146" and not plan.pending


def test_the_words_of_one_title_in_an_abstract_complete_it_and_are_listed_for_review() -> None:
    cv = SourceRead("cv", "cv-text", [
        _pub("Multi-Modal Hallucination Control by Visual Information Grounding",
             ["Favero, A."], 2024),
        _pub("Task Arithmetic in the Tangent Space", ["Ortiz-Jimenez, G."], 2023),
    ])
    abstract = ("Generative vision-language models hallucinate. We show hallucinations stem "
                "from the language prior and introduce Multi-Modal Mutual-Information Decoding, "
                "which grounds tokens in the visual prompt.")
    listing = SourceRead("l", "arxiv-listing", [Candidate("publications", {
        "arxiv": "2403.14003", "abstract": abstract, "year": 2024, "kind": "preprint"}, "l:7")])
    plan = plan_import([(listing, "b"), (cv, "a")], None)
    by_title = {a.item["title"][:5]: a.item for a in plan.added}
    assert by_title["Multi"]["arxiv"] == "2403.14003"
    assert "arxiv" not in by_title["Task "]
    assert any("title's words" in n for u in plan.uncertain for n in u.notes)


def test_an_abstract_holding_the_words_of_two_titles_completes_neither() -> None:
    cv = SourceRead("cv", "cv-text", [
        _pub("Scaling laws for sparse language models", ["Doe, J."], 2024),
        _pub("Sparse language models: scaling laws revisited", ["Doe, J."], 2024),
    ])
    listing = SourceRead("l", "arxiv-listing", [Candidate("publications", {
        "arxiv": "2401.00001", "abstract": "We study scaling laws of sparse language models.",
        "year": 2024, "kind": "preprint"}, "l:1")])
    plan = plan_import([(cv, "a"), (listing, "b")], None)
    assert all("arxiv" not in a.item for a in plan.added)
    assert len(plan.pending) == 1


def test_a_family_name_with_its_accents_in_one_source_respells_new_items_of_another() -> None:
    cv = SourceRead("cv", "cv-text", [_pub("Task arithmetic in the tangent space",
                                           ["Ortiz-Jimenez, G.", "Favero, A."], 2023)])
    index = SourceRead("i", "publication-index", [_pub("LiNeS", ["Guillermo Ortiz-Jiménez",
                                                                 "Ke Wang"], 2025)])
    plan = plan_import([(cv, "a"), (index, "b")], None)
    tangent = next(a.item for a in plan.added if a.item["title"].startswith("Task"))
    assert tangent["authors"][0].startswith("Ortiz-Jiménez,")
    # Another person with the same family name but another initial keeps the spelling given.
    other = SourceRead("o", "cv-text", [_pub("Other paper", ["Ortiz-Jimenez, M."], 2022)])
    plan = plan_import([(index, "b"), (other, "c")], None)
    assert next(a.item for a in plan.added if a.item["title"] == "Other paper")[
        "authors"] == ["Ortiz-Jimenez, M."]


def test_two_names_of_one_edition_of_a_venue_are_not_a_conflict() -> None:
    cv = SourceRead("cv", "cv-text", [_pub("Probing the latent structure", ["Sclocchi, A."], 2025,
        venue="The Thirteenth International Conference on Learning Representations")])
    index = SourceRead("i", "publication-index", [_pub("Probing the Latent Structure",
        ["Antonio Sclocchi"], 2025, venue="ICLR Conference")])
    workshop = SourceRead("w", "cv-text", [_pub("Probing the latent structure", ["Sclocchi, A."],
        2025, venue="ICLR 2025 Workshop on Deep Generative Models")])
    for order in ((cv, index), (index, cv)):
        plan = plan_import([(r, r.source) for r in order], None)
        assert not plan.conflicts
        assert plan.added[0].item["venue"] == (
            "The Thirteenth International Conference on Learning Representations")
        assert plan.added[0].item["venue_short"] == "ICLR"
    plan = plan_import([(cv, "a"), (workshop, "w")], None)
    assert [c.field for c in plan.conflicts] == ["venue"]  # a workshop is another venue


def test_copied_web_text_is_mended_only_where_unambiguous() -> None:
    assert clean_text("affects performance, e. g. , the rate") == "affects performance, e.g., the rate"
    assert clean_text("a grammar - a tree-like model") == "a grammar – a tree-like model"
    assert clean_text("pre-trained, non-linear") == "pre-trained, non-linear"
