"""BibTeX: entry types, macros, LaTeX, and a file with some bad entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from packet.errors import UserError
from packet.sources.bibtex import read_bibtex
from packet.sources.planner import plan_import

FIXTURE = Path(__file__).parent / "fixtures" / "tricky.bib"


def _items() -> dict[str, dict[str, object]]:
    read = read_bibtex(FIXTURE.read_bytes(), "tricky.bib")
    plan = plan_import([(read, "digest")], None)
    return {a.id: a.item for a in plan.added}


def test_fields_macros_and_latex() -> None:
    item = _items()["muller2021cafe"]
    assert item["title"] == "Café Society: Bayesian & Markov Models of O(n^2) Growth"
    assert item["authors"] == [
        "Müller, Jörg",
        "García Márquez, Gabriel",
        "van der Berg, Jan",
        "Łukasiewicz, Anna",
    ]
    assert item["venue"] == "Journal of Statistical Mechanics"  # @string macro
    assert (item["volume"], item["issue"], item["pages"]) == ("12", "3", "101–120")
    assert (item["year"], item["date"]) == (2021, "2021-07")  # month = jul
    assert item["doi"] == "10.1088/1742-5468/ab1234"  # the https://doi.org/ prefix gone
    assert item["tags"] == ["statistics", "Markov chains"]


def test_entry_types_become_kinds() -> None:
    kinds = {key: item["kind"] for key, item in _items().items()}
    assert kinds == {
        "muller2021cafe": "journal",
        "smith2023deep": "conference",
        "doe2019theory": "thesis",
        "roe2018book": "book",
        "roe2017chapter": "chapter",
        "doe2016technical": "preprint",
        "doe2024draft": "preprint",
        "zhang2024workshop": "preprint",  # journal = {arXiv preprint arXiv:...}
    }


def test_concatenation_marks_and_the_preprint_merged_into_its_paper() -> None:
    item = _items()["smith2023deep"]
    assert item["venue"] == "Proceedings of the 40th International Conference on Machine Learning"
    assert item["equal_contribution"] == ["Smith, Alice", "Jones, Bob"]
    # The @misc arXiv version of the same paper (2022, "Alice Smith and Bob Jones ...") is
    # the same item: its arXiv id and abstract join, the published venue and year stay.
    assert item["arxiv"] == "2210.01234"
    assert item["year"] == 2023
    assert item["abstract"] == "We show that nets trained in Örebro generalise – a surprise."
    assert item["notes"] == ["Oral"]


def test_thesis_school_status_and_cjk_author() -> None:
    items = _items()
    assert items["doe2019theory"]["venue"] == "École Polytechnique Fédérale de Lausanne"
    assert items["doe2024draft"]["status"] == "in preparation"
    assert items["doe2024draft"]["authors"] == ["Doe, Jane", "王, 小明"]
    assert items["zhang2024workshop"]["arxiv"] == "2401.00001"


def test_a_bad_entry_is_listed_with_its_lines_and_the_others_are_read() -> None:
    read = read_bibtex(FIXTURE.read_bytes(), "tricky.bib")
    assert len(read.candidates) == 9
    [bad] = read.skipped
    assert bad.origin == "tricky.bib:40"  # where the parser stopped
    assert "@article{broken2020 (from line 35)" in bad.reason


def test_a_file_with_no_readable_entry_is_an_error_naming_the_line() -> None:
    with pytest.raises(UserError) as caught:
        read_bibtex(b"@article{x,\n  title = {never closed,\n  year = 2020\n", "cut.bib")
    err = caught.value
    assert err.summary == "cut.bib holds no BibTeX entry packet can read"
    assert err.problems[0].file == "cut.bib" and err.problems[0].line == 4


def test_what_real_files_do_a_field_twice_and_a_doi_written_as_a_link() -> None:
    data = rb"""@inbook{x1,
  author = {Fusco, P. and Venticinque, S.},
  title = {A Chapter},
  booktitle = {Lecture Notes in Computer Science},
  isbn = {9783031510229},
  isbn = {9783031510236},
  year = {2024},
  url = {doi:<a href="https://doi.org/10.1007/978-3-031-51023-6_34">10.1007/978-3-031-51023-6_34</a>},
}
"""
    read = read_bibtex(data, "lab.bib")
    [candidate] = read.candidates
    assert not read.skipped
    assert candidate.fields["doi"] == "10.1007/978-3-031-51023-6_34"
    assert "url" not in candidate.fields
    assert candidate.uncertain == ["isbn: given twice, the first value kept"]
