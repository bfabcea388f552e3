"""Reference strings in the orders CVs print them -> authors, year, title, venue, details."""

from __future__ import annotations

from typing import Any

import pytest

from packet.sources.refparse import notes_fields, parse_reference

CASES: list[tuple[str, dict[str, Any]]] = [
    (  # Authors, Year. Title. Venue.
        "Okafor, L., Mensah, K.* and Adeyemi, T.*, 2022. Pollinator decline in the Sahel. "
        "Ecology Letters, 25(4), pp. 880-891.",
        {
            "authors": ["Okafor, L.", "Mensah, K.*", "Adeyemi, T.*"],
            "equal_contribution": ["Mensah, K.*", "Adeyemi, T.*"],
            "year": "2022",
            "title": "Pollinator decline in the Sahel",
            "venue": "Ecology Letters",
            "volume": "25",
            "issue": "4",
            "pages": "880-891",
        },
    ),
    (  # Title. Authors. Venue, Year.
        "Deep learning for cats. Smith, J. and Doe, A. Nature, 2020.",
        {
            "title": "Deep learning for cats",
            "authors": ["Smith, J.", "Doe, A."],
            "venue": "Nature",
            "year": "2020",
        },
    ),
    (  # Authors (Year) Title, Venue
        "Smith J, Doe A (2019) A study of things, Journal of Stuff 12:3-9",
        {
            "authors": ["Smith J", "Doe A"],
            "year": "2019",
            "title": "A study of things",
            "venue": "Journal of Stuff",
            "volume": "12",
            "pages": "3-9",
        },
    ),
    (  # Authors. Title. In Proc. X, pages, Year.
        "A. Smith and B. Jones. Fast things. In Proc. of the ACM Symposium on Theory of Computing, pages 10-20, 2018.",
        {
            "authors": ["A. Smith", "B. Jones"],
            "title": "Fast things",
            "year": "2018",
            "pages": "10-20",
            "venue": "Proc. of the ACM Symposium on Theory of Computing",
        },
    ),
    (  # IEEE
        'A. B. Last, C. van der Berg, "Sparse things," IEEE Trans. Signal Process., vol. 3, pp. 1–10, 2020. doi:10.1109/TSP.2020.123',
        {
            "authors": ["A. B. Last", "C. van der Berg"],
            "title": "Sparse things",
            "year": "2020",
            "volume": "3",
            "pages": "1-10",
            "doi": "10.1109/TSP.2020.123",
            "venue": "IEEE Trans. Signal Process",
        },
    ),
    (  # humanities: the CV's owner is the author and is not printed
        "“Pilgrims and Coins in Ravenna.” Speculum 93:2 (2018): 301-330.",
        {
            "title": "Pilgrims and Coins in Ravenna",
            "venue": "Speculum",
            "year": "2018",
            "volume": "93",
            "issue": "2",
            "pages": "301-330",
        },
    ),
    (  # conference with acronym and publisher volume, status
        "Ruiz, T., 2025. Robots. To appear in Proceedings of the 42nd International Conference on Machine Learning (ICML), PMLR 267.",
        {
            "venue": "Proceedings of the 42nd International Conference on Machine Learning",
            "venue_short": "ICML",
            "publisher": "PMLR",
            "volume": "267",
            "status": "to appear",
        },
    ),
    (  # preprint with an arXiv id
        "Wang, K. and Qin, Y., 2025. MEMOIR: lifelong editing. arXiv preprint arXiv: 2506.07899.",
        {"arxiv": "2506.07899", "venue": "arXiv preprint", "title": "MEMOIR: lifelong editing"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parts_whatever_the_order(text: str, expected: dict[str, Any]) -> None:
    fields = parse_reference(text).fields
    assert {k: fields.get(k) for k in expected} == expected


def test_an_author_the_cv_does_not_print_is_reported_not_invented() -> None:
    ref = parse_reference("“Pilgrims and Coins in Ravenna.” Speculum 93:2 (2018): 301-330.")
    assert "authors" not in ref.fields and "authors" in ref.uncertain


def test_a_legend_can_say_the_star_means_something_else() -> None:
    ref = parse_reference(
        "Okafor, L. and Mensah, K.*, 2022. Pollinators. Ecology Letters.", marks="†"
    )
    assert "equal_contribution" not in ref.fields


def test_contributed_equally_in_a_note_marks_the_first_authors() -> None:
    fields: dict[str, Any] = {"authors": ["Wang, K.", "Qin, Y.", "Favero, A."]}
    notes_fields(["The first two authors contributed equally.", "Oral."], fields)
    assert fields["equal_contribution"] == ["Wang, K.", "Qin, Y."]
    assert fields["notes"] == ["Oral"]


def test_a_list_ending_in_et_al_without_a_year_ends_the_authors_and_says_so() -> None:
    ref = parse_reference(
        "Benson-Marshall, M., Pinfield, S., Cox, A., Alperin, J.P., et.al. The impact of "
        "COVID-19 on the debate on open science. Humanities and Social Sciences Communications."
    )
    assert ref.fields["authors"] == ["Benson-Marshall, M.", "Pinfield, S.", "Cox, A.",
                                     "Alperin, J.P."]
    assert ref.fields["title"] == "The impact of COVID-19 on the debate on open science"
    assert ref.fields["venue"] == "Humanities and Social Sciences Communications"
    assert any("et al." in note for note in ref.uncertain)
    assert parse_reference("Ng, J. et al. Publisher preferences for a transparency tool. "
                           "F1000Research.").fields["authors"] == ["Ng, J."]
