"""Merging: one record per real item, across sources and across imports."""

from __future__ import annotations

from typing import Any

import pytest

from packet.model.profile import Profile
from packet.sources.candidate import Candidate, SourceRead
from packet.sources.normalise import parse_date
from packet.sources.plan import ImportPlan
from packet.sources.planner import plan_import


def profile(**sections: list[dict[str, Any]]) -> Profile:
    return Profile.model_validate({"person": {"name": "Alessandro Favero"}, **sections})


PAPER = {
    "id": "favero2021locality",
    "kind": "conference",
    "authors": ["Favero, A.", "Cagnetta, F.", "Wyart, M."],
    "title": "Locality defeats the curse of dimensionality in convolutional teacher-student scenarios",
    "venue": "Advances in Neural Information Processing Systems",
    "year": 2021,
}


def plan(
    existing: Profile | None, *candidates: Candidate | tuple[str, dict[str, Any]], **kw: Any
) -> ImportPlan:
    read = SourceRead("test", "test")
    for n, c in enumerate(candidates):
        read.candidates.append(
            c if isinstance(c, Candidate) else Candidate(c[0], c[1], f"test:{n}")
        )
    return plan_import([(read, "digest")], existing, **kw)


def pub(**fields: Any) -> tuple[str, dict[str, Any]]:
    base = {k: v for k, v in PAPER.items() if k != "id"}
    return ("publications", {**base, **fields})


def test_doi_matches_a_retitled_version_in_another_year() -> None:
    existing = profile(publications=[{**PAPER, "doi": "10.5555/abc"}])
    retitled = pub(
        title="Locality beats the curse of dimensionality in teacher-student scenarios",
        year=2023,  # too far for a title match: the DOI decides
        doi="https://doi.org/10.5555/ABC",
    )
    result = plan(existing, retitled)
    assert not result.added
    assert [(c.field, c.replaced) for c in result.conflicts] == [("title", False), ("year", False)]


def test_title_with_year_and_author_fills_missing_fields_and_full_given_names() -> None:
    existing = profile(publications=[PAPER])
    result = plan(
        existing,
        pub(
            title="Locality Defeats the Curse of Dimensionality in Convolutional Teacher–Student Scenarios",
            authors=["Alessandro Favero", "Francesco Cagnetta", "Matthieu Wyart"],
            arxiv="arXiv:2106.08619v3",
            abstract="Convolutional neural networks perform a local and translationally-invariant treatment.",
        ),
    )
    assert not result.added and not result.conflicts
    [merged] = result.merged
    assert merged.id == "favero2021locality"  # ids never change
    assert merged.filled["arxiv"] == "2106.08619"
    assert merged.filled["authors"] == [
        "Favero, Alessandro",
        "Cagnetta, Francesco",
        "Wyart, Matthieu",
    ]
    assert set(merged.filled) == {"arxiv", "authors", "abstract"}


def test_a_title_match_without_a_shared_author_or_close_year_is_not_a_match() -> None:
    existing = profile(publications=[PAPER])
    other_people = pub(authors=["Smith, J.", "Doe, J."])
    other_year = pub(year=2016)
    result = plan(existing, other_people, other_year)
    assert len(result.added) == 2 and not result.merged
    assert [a.id for a in result.added] == ["smith2021locality", "favero2016locality"]


def test_preprint_and_published_version_are_one_item_with_the_published_venue() -> None:
    preprint = pub(kind="preprint", venue=None, year=2021, arxiv="2106.08619")
    published = pub(
        doi="10.1088/1742-5468/ac98ab",
        venue="Journal of Statistical Mechanics",
        kind="journal",
        year=2022,
        title=PAPER["title"],
    )
    result = plan(None, preprint, published)
    [item] = [a.item for a in result.added]
    assert (item["kind"], item["venue"], item["year"]) == (
        "journal",
        "Journal of Statistical Mechanics",
        2022,
    )
    assert (item["arxiv"], item["doi"]) == ("2106.08619", "10.1088/1742-5468/ac98ab")
    assert not result.conflicts


def test_a_real_conflict_keeps_the_curated_value_unless_prefer_new() -> None:
    existing = profile(publications=[PAPER])
    moved = pub(venue="International Conference on Machine Learning")
    kept = plan(existing, moved)
    assert [(c.field, c.kept, c.replaced) for c in kept.conflicts] == [
        ("venue", PAPER["venue"], False)
    ]
    assert not kept.merged
    taken = plan(existing, moved, prefer="new")
    assert taken.merged[0].filled == {"venue": "International Conference on Machine Learning"}
    assert taken.conflicts[0].replaced


def test_ids_follow_the_scheme_and_stay_unique() -> None:
    existing = profile(publications=[{**PAPER, "id": "favero2021locality"}])
    result = plan(
        existing,
        pub(title="Locality in kernels", authors=["Favero, A."], doi="10.1/a"),
        pub(title="Locality in kernels, part two", authors=["Favero, A."], doi="10.1/b", year=2021),
        (
            "talks",
            {"kind": "seminar", "title": "Creativity", "host": "Perimeter Institute", "date": 2025},
        ),
        ("awards", {"title": "Top reviewer award", "issuer": "NeurIPS", "date": 2024}),
    )
    assert [a.id for a in result.added] == [
        "favero2021locality-kernels",
        "favero2021locality-part",
        "talk-2025-perimeter-creativity",
        "award-2024-neurips-top-reviewer",
    ]


def test_other_sections_merge_on_their_own_keys() -> None:
    talk = {
        "id": "talk-2025-perimeter",
        "kind": "invited",
        "title": "Creativity in diffusion models",
        "host": "Perimeter Institute",
        "date": 2025,
    }
    award = {
        "id": "award-2024-teaching",
        "title": "Dean's award for teaching excellence",
        "issuer": "EPFL",
        "date": 2024,
    }
    existing = profile(talks=[talk], awards=[award])
    result = plan(
        existing,
        (
            "talks",
            {
                "kind": "invited",
                "title": "Creativity in Diffusion Models",
                "host": "Perimeter Institute",
                "location": "Waterloo",
                "date": "2025",
            },
        ),
        (
            "talks",
            {
                "kind": "seminar",
                "title": "Creativity in diffusion models",
                "host": "Johns Hopkins University",
                "date": 2025,
            },
        ),
        (
            "awards",
            {
                "title": "Dean's Award for Teaching Excellence",
                "issuer": "EPFL",
                "date": 2024,
                "amount": "1,100",
                "currency": "USD",
            },
        ),
    )
    assert {m.id: m.filled for m in result.merged} == {
        "talk-2025-perimeter": {"location": "Waterloo"},
        "award-2024-teaching": {"amount": 1100.0, "currency": "USD"},
    }
    assert [a.item["host"] for a in result.added] == ["Johns Hopkins University"]


def test_importing_the_same_items_again_changes_nothing() -> None:
    existing = profile(publications=[PAPER])
    result = plan(existing, pub(), pub())
    assert not result.added and not result.merged and not result.conflicts
    assert result.unchanged == [("publications", "favero2021locality")]


def test_uncertain_fields_are_left_out_and_listed() -> None:
    result = plan(
        None,
        ("awards", {"title": "Prize", "date": "sometime in spring", "amount": 500}),
        ("publications", {"title": "No authors at all", "year": 2020}),
    )
    [award] = result.added
    assert "date" not in award.item and "amount" not in award.item
    notes = [n for u in result.uncertain for n in u.notes]
    assert any(n.startswith("date: could not read") for n in notes)
    assert any(n.startswith("amount:") and "currency" in n for n in notes)
    [(section, skipped)] = result.skipped
    assert section == "publications" and skipped.reason.startswith("authors")


def test_near_identical_titles_with_other_pages_are_two_papers() -> None:
    steady = pub(
        title="Shape optimization in steady blood flow: a numerical study", pages="127--137"
    )
    unsteady = pub(
        title="Shape optimization in unsteady blood flow: a numerical study", pages="201--212"
    )
    assert len(plan(None, steady, unsteady).added) == 2


def test_one_doi_on_two_chapters_of_a_volume_does_not_merge_them() -> None:
    first = pub(
        title="Multi-agent negotiation of energy production",
        doi="10.1007/978-3-319-10422-5",
        pages="155--160",
    )
    second = pub(title="Clouds for archives", doi="10.1007/978-3-319-10422-5", pages="59--67")
    assert len(plan(None, first, second).added) == 2


def test_person_fields_come_only_from_the_same_person() -> None:
    existing = profile()
    orcid = "0000-0002-1825-0097"
    mine = SourceRead("cv.yaml", "rendercv", person={"name": "Alessandro Favero", "orcid": orcid})
    theirs = SourceRead(
        "coauthor.yaml", "rendercv", person={"name": "Maria Rossi", "email": "m@r.it"}
    )
    result = plan_import([(theirs, "a"), (mine, "b")], existing)
    assert result.person == {"orcid": orcid}


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("July 2024", "2024-07"),
        ("15 Jul 2024", "2024-07-15"),
        ("Sept. 2023", "2023-09"),
        ("2024-7", "2024-07"),
        (2021, "2021"),
        ("Spring 2024", None),
        ("31 Feb 2024", None),
    ],
)
def test_dates_as_sources_write_them(written: object, date: str | None) -> None:
    assert parse_date(written) == date


def test_a_more_precise_date_is_not_a_conflict() -> None:
    award = {"id": "award-2021-prize", "title": "Prize", "date": "2021-07"}
    existing = profile(awards=[award])
    finer = plan(existing, ("awards", {"title": "Prize", "date": "2021-07-15"}))
    assert not finer.conflicts and finer.merged[0].filled == {"date": "2021-07-15"}
    coarser = plan(existing, ("awards", {"title": "Prize", "date": 2021}))
    assert not coarser.conflicts and not coarser.merged
    other = plan(existing, ("awards", {"title": "Prize", "date": "2021-09"}))
    assert [c.field for c in other.conflicts] == ["date"]
