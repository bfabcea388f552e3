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
    assert [s.origin for _, s in plan.skipped] == ["listing.txt:3"]  # nothing to complete


def test_copied_web_text_is_mended_only_where_unambiguous() -> None:
    assert clean_text("affects performance, e. g. , the rate") == "affects performance, e.g., the rate"
    assert clean_text("a grammar - a tree-like model") == "a grammar – a tree-like model"
    assert clean_text("pre-trained, non-linear") == "pre-trained, non-linear"
