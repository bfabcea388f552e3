"""Names as the profile writes them: "Family, Given"."""

from __future__ import annotations

import pytest

from packet.sources.names import NameBook, fuller, normalise_authors, parse_name


@pytest.mark.parametrize(
    ("printed", "profile"),
    [
        ("Favero, A.", "Favero, A."),
        ("Alessandro Favero", "Favero, Alessandro"),
        ("A. Favero", "Favero, A."),
        ("Tomasini, U.M.", "Tomasini, U. M."),
        ("Jan van der Berg", "van der Berg, Jan"),
        ("van der Berg, Jan", "van der Berg, Jan"),
        ("Ludwig von Mises", "von Mises, Ludwig"),
        ("Guillermo Ortiz-Jiménez", "Ortiz-Jiménez, Guillermo"),
        ("J.-P. Bouchaud", "Bouchaud, J.-P."),
        ("Martin Luther King Jr.", "King, Martin Luther, Jr."),
        ("FAVERO, A", "Favero, A."),
        ("ATLAS Collaboration", "ATLAS Collaboration"),
    ],
)
def test_printed_forms(printed: str, profile: str) -> None:
    assert parse_name(printed).text == profile


def test_cjk_names_keep_their_order_and_are_never_abbreviated() -> None:
    assert parse_name("张伟").text == "张伟"
    assert parse_name("王, 小明").text == "王, 小明"


def test_the_profile_settles_compound_family_names() -> None:
    assert parse_name("Gabriel García Márquez").text == "Márquez, Gabriel García"
    book = NameBook(["García Márquez, Gabriel"])
    assert parse_name("Gabriel García Márquez", book).text == "García Márquez, Gabriel"


def test_marks_become_the_equal_contribution_list() -> None:
    authors, equal = normalise_authors(["A. Favero*", "Sclocchi, A.†", "M. Wyart", "others"], None)
    assert authors == ["Favero, A.", "Sclocchi, A.", "Wyart, M."]
    assert equal == ["Favero, A.", "Sclocchi, A."]


def test_equal_contribution_by_count_or_by_name() -> None:
    names = ["Ke Wang", "Nikolaos Dimitriadis", "A. Favero"]
    assert normalise_authors(names, 2)[1] == ["Wang, Ke", "Dimitriadis, Nikolaos"]
    assert normalise_authors(names, ["Nikolaos Dimitriadis", "Favero, A."])[1] == [
        "Dimitriadis, Nikolaos",
        "Favero, A.",
    ]
    assert normalise_authors(["A. Favero*", "M. Wyart"], None)[1] == []  # one mark marks nothing


def test_fuller_names_only_for_the_same_person() -> None:
    assert fuller("Favero, A.", "Favero, Alessandro") == "Favero, Alessandro"
    assert fuller("Tomasini, U. M.", "Tomasini, Umberto Maria") == "Tomasini, Umberto Maria"
    assert fuller("Favero, A.", "Favero, Bruno") is None
    assert fuller("Favero, Alessandro", "Favero, A.") is None
