"""The arXiv listing layout, on the real seed 004 and on listings written to probe its edges."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from packet.errors import UserError
from packet.sources.arxiv import FORMATS
from packet.sources.arxiv_listing import read_listing

REPO = Path(__file__).resolve().parents[2]
# Beside the repository in CI and in the lead's checkout; PACKET_SEEDS points elsewhere
# (a worktree whose parent has no shared/).
SEEDS = Path(os.environ.get("PACKET_SEEDS") or REPO.parent / "shared" / "seeds")


@pytest.fixture(scope="module")
def seed() -> bytes:
    found = sorted(SEEDS.glob("004_*"))
    if not found:
        pytest.skip(f"seed 004 (the real arXiv listing) is not at {SEEDS}; CI has it")
    return found[0].read_bytes()


def by_id(read):
    return {c.fields["arxiv"]: c for c in read.candidates}


def test_the_seed_listing_gives_one_candidate_per_paper_in_order(seed):
    read = read_listing(seed, "004.txt")
    assert read.format == "arxiv-listing"
    assert [c.fields["arxiv"] for c in read.candidates] == [
        "2511.14569", "2510.14845", "2510.06106", "2506.07899", "2505.16959",
        "2505.07070", "2502.12089", "2410.17146", "2410.13770", "2403.14003",
    ]
    assert read.skipped == []
    for candidate in read.candidates:
        # The listing names neither: said so, never made up from the abstract.
        assert "title" not in candidate.fields and "authors" not in candidate.fields
        assert {"title", "authors"} <= set(candidate.uncertain)
        assert candidate.markup == "latex"
        assert candidate.origin.startswith("004.txt:")


def test_seed_abstracts_are_whole_and_keep_their_tex(seed):
    papers = by_id(read_listing(seed, "004.txt"))
    first = papers["2511.14569"].fields["abstract"]
    assert first.startswith("Task arithmetic has recently emerged as a promising method")
    assert r"\textit{open-vocabulary}" in first
    assert first.endswith("diverse settings.")
    assert papers["2403.14003"].fields["abstract"].endswith("by 21% and 24%.")


def test_seed_comments_become_fields(seed):
    papers = by_id(read_listing(seed, "004.txt"))
    # No author list to point into: the count is passed on for the merge to resolve.
    assert papers["2506.07899"].fields["equal_contribution_first"] == 2
    assert papers["2410.17146"].fields["equal_contribution_first"] == 2
    assert papers["2410.17146"].fields["url"] == "https://lines-merging.github.io/"
    thesis = papers["2510.06106"].fields
    assert (thesis["kind"], thesis["doi"]) == ("thesis", "10.5075/epfl-thesis-11462")
    cvpr = papers["2403.14003"].fields
    assert (cvpr["venue_short"], cvpr["kind"], cvpr["year"]) == ("CVPR", "conference", 2024)
    assert cvpr["venue"] == "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
    # "14 pages, 8 figures" says nothing the profile keeps
    scaling = papers["2505.07070"].fields
    assert scaling["kind"] == "preprint" and "notes" not in scaling and "url" not in scaling
    # The comment paragraph is not mistaken for the abstract
    assert papers["2505.07070"].fields["abstract"].startswith("How do neural language models")


def test_seed_preprints_are_dated_by_creation_not_update(seed):
    papers = by_id(read_listing(seed, "004.txt"))
    assert papers["2511.14569"].fields["date"] == "2025-11-18"
    assert papers["2505.16959"].fields["date"] == "2025-05-22"
    assert papers["2505.16959"].fields["venue"] == "arXiv preprint"
    assert "date" not in papers["2403.14003"].fields  # published: its year is the venue's


def test_the_seed_is_sniffed_as_a_listing_from_its_first_bytes(seed):
    listing = next(f for f in FORMATS if f.name == "arxiv-listing")
    assert listing.sniff is not None and listing.sniff(seed[:4096])
    assert not listing.sniff(b"Publications\n[1] A. Favero, 2025. Title. arXiv:2506.07899.\n")


LISTING = """\
An abstract about something, long enough to be an abstract and not a comment; it goes on
over two lines.

arXiv:hep-th/9901001v2
Created: 1999-01-04 Updated: 1999-02-01

A second abstract, set apart from its dates line by a blank line.

Accepted at NeurIPS 2024 (Spotlight)

arXiv:2409.01234

Created: 2024-09-02

Some text after the last paper that belongs to none.
"""


def test_edges_old_ids_detached_dates_and_trailing_text():
    read = read_listing(LISTING.encode(), "mine.txt")
    old, new = read.candidates
    assert old.fields["arxiv"] == "hep-th/9901001"
    assert old.fields["abstract"].startswith("An abstract about something, long enough")
    assert old.fields["date"] == "1999-01-04"
    assert old.origin == "mine.txt:4"
    assert new.fields["year"] == 2024
    assert new.fields["venue_short"] == "NeurIPS" and new.fields["notes"] == ["Spotlight"]
    assert new.fields["status"] == "accepted"
    assert [(s.origin, s.reason) for s in read.skipped] == [
        ("mine.txt:15", "text after the last 'arXiv:ID' line belongs to no paper: "
                        "Some text after the last paper that belongs to none.")
    ]


def test_a_block_without_an_abstract_says_so():
    read = read_listing(b"arXiv:2409.01234\nCreated: 2024-09-02\n", "bare.txt")
    assert "abstract" in read.candidates[0].uncertain


def test_text_with_no_arxiv_line_is_not_a_listing():
    with pytest.raises(UserError) as caught:
        read_listing(b"Just a paragraph.\n\nAnother one.\n", "notes.txt")
    assert str(caught.value).startswith("notes.txt has no 'arXiv:ID' line, so it is not an arXiv listing")


def test_bytes_that_are_not_utf8_name_the_line():
    with pytest.raises(UserError) as caught:
        read_listing(b"first line\nsecond \xff line\n", "latin.txt")
    assert caught.value.problems[0].line == 2


# arXiv's own list pages (arxiv.org/a/..., /list/...) copied as text: written here in
# that layout, with the example researcher's papers.
LIST_PAGE = """\
Authors and titles for Alessandro Favero

[1] arXiv:2511.14569 [pdf, html, other]
Title: Task Addition and Weight Disentanglement in Closed-Vocabulary Models
Authors: Adam Hazimeh, Alessandro Favero, Pascal Frossard
Comments: ICML 2024 Efficient Systems for Foundation Models Workshop
Subjects: Machine Learning (cs.LG); Computer Vision and Pattern Recognition (cs.CV)

[2] arXiv:2506.07899 [pdf, other]
Title: MEMOIR: Lifelong Model Editing with Minimal Overwrite and Informed Retention
  for LLMs
Authors: Ke Wang, Yiming Qin, Nikolaos Dimitriadis, Alessandro Favero, Pascal
  Frossard
Comments: The first two authors contributed equally to this work
Subjects: Computation and Language (cs.CL); Machine Learning (cs.LG)

Language models deployed in real-world systems often require post-hoc updates to
incorporate new or corrected knowledge.

[3] arXiv:2403.14003 [pdf]
Title: Multi-Modal Hallucination Control by Visual Information Grounding
Authors: Alessandro Favero, Luca Zancato, Matthew Trager
Journal-ref: IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) 2024
Subjects: Computer Vision and Pattern Recognition (cs.CV)
"""


def test_arxiv_list_pages_give_titles_authors_and_comments():
    read = read_listing(LIST_PAGE.encode(), "page.txt")
    workshop, memoir, m3id = read.candidates
    assert workshop.fields["title"] == "Task Addition and Weight Disentanglement in Closed-Vocabulary Models"
    assert workshop.fields["authors"] == ["Adam Hazimeh", "Alessandro Favero", "Pascal Frossard"]
    assert (workshop.fields["kind"], workshop.fields["venue"]) == (
        "workshop", "ICML 2024 Efficient Systems for Foundation Models Workshop"
    )
    assert workshop.fields["year"] == 2024 and workshop.fields["tags"] == ["cs.LG"]
    assert workshop.origin == "page.txt:3"
    # wrapped values are joined; the equal-contribution count points into the authors
    assert memoir.fields["title"].endswith("Informed Retention for LLMs")
    assert memoir.fields["authors"][-1] == "Pascal Frossard"
    assert memoir.fields["equal_contribution"] == ["Ke Wang", "Yiming Qin"]
    assert memoir.fields["abstract"].startswith("Language models deployed")
    # a preprint is dated by the month its id says it was submitted
    assert (memoir.fields["kind"], memoir.fields["date"], memoir.fields["year"]) == ("preprint", "2025-06", 2025)
    assert "abstract" in workshop.uncertain
    assert m3id.fields["venue_short"] == "CVPR" and "date" not in m3id.fields
    assert read.format == "arxiv-listing"


def test_list_pages_are_sniffed_too():
    listing = next(f for f in FORMATS if f.name == "arxiv-listing")
    assert listing.sniff is not None and listing.sniff(LIST_PAGE.encode())
