"""Crossref work JSON -> a publication candidate."""

from __future__ import annotations

import json

import pytest

from packet.errors import UserError
from packet.sources.crossref import FORMATS, read_crossref, read_crossref_file

from .net_playback import fixture


def one(doc) -> dict:
    (candidate,) = read_crossref(doc, "work.json").candidates
    return candidate.fields


def test_a_journal_article_gives_every_field_the_profile_holds():
    read = read_crossref_file(fixture("crossref/prx.json"), "prx.json")
    (prx,) = read.candidates
    assert prx.origin == "doi:10.1103/PhysRevX.14.031001"
    assert prx.fields == {
        "doi": "10.1103/PhysRevX.14.031001",
        "title": "How Deep Neural Networks Learn Compositional Data: The Random Hierarchy Model",
        "authors": ["Cagnetta, Francesco", "Petrini, Leonardo", "Tomasini, Umberto M.",
                    "Favero, Alessandro", "Wyart, Matthieu"],
        "kind": "journal",
        "venue": "Physical Review X",
        "venue_short": "Phys. Rev. X",
        "year": 2024,
        "date": "2024-07",
        "volume": "14",
        "issue": "3",
        "number": "031001",
        "publisher": "American Physical Society (APS)",
    }
    assert prx.uncertain == []


def test_the_print_year_wins_over_an_online_first_date():
    pnas = one(json.loads(fixture("crossref/pnas.json")))
    # issued 2024-12-30 online; cited as PNAS 122(1), 2025
    assert (pnas["year"], pnas["date"]) == (2025, "2025-01-07")
    assert pnas["number"] == "e2408799121"


def test_the_jats_abstract_is_kept_for_the_html_cleaner():
    (pnas,) = read_crossref_file(fixture("crossref/pnas.json"), "pnas.json").candidates
    assert pnas.markup == "html"
    assert pnas.fields["abstract"].startswith("<jats:p>Understanding the structure")


def work(**fields):
    return {"status": "ok", "message-type": "work",
            "message": {"DOI": "10.5555/x", "title": ["T"], "issued": {"date-parts": [[2023]]}, **fields}}


@pytest.mark.parametrize(
    ("crossref_type", "kind"),
    [("journal-article", "journal"), ("proceedings-article", "conference"),
     ("posted-content", "preprint"), ("book-chapter", "chapter"), ("monograph", "book"),
     ("dissertation", "thesis")],
)
def test_types_map_to_the_profiles_kinds(crossref_type, kind):
    assert one(work(type=crossref_type))["kind"] == kind


def test_an_unknown_type_leaves_the_kind_to_review():
    (candidate,) = read_crossref(work(type="peer-review"), "w.json").candidates
    assert "kind" not in candidate.fields
    assert "kind" in candidate.uncertain


def test_pages_subtitles_and_organisations():
    fields = one(work(page="66727–66754", subtitle=["Improved Editing of Pre-Trained Models"],
                      title=["Task Arithmetic in the Tangent Space"],
                      author=[{"given": "Guillermo", "family": "Ortiz-Jiménez"}, {"name": "The LIGO Collaboration"}]))
    assert fields["pages"] == "66727-66754"
    assert fields["title"] == "Task Arithmetic in the Tangent Space: Improved Editing of Pre-Trained Models"
    assert fields["authors"] == ["Ortiz-Jiménez, Guillermo", "The LIGO Collaboration"]
    assert fields["year"] == 2023 and "date" not in fields


def test_a_work_without_authors_or_date_says_so():
    (candidate,) = read_crossref({"message": {"DOI": "10.5555/y", "title": ["T"]}}, "w.json").candidates
    assert set(candidate.uncertain) == {"authors", "year", "kind"}


def test_a_work_list_gives_each_work():
    doc = {"status": "ok", "message-type": "work-list",
           "message": {"items": [work()["message"], {"title": ["no DOI"]}]}}
    read = read_crossref(doc, "list.json")
    assert [c.fields["doi"] for c in read.candidates] == ["10.5555/x"]
    assert read.skipped[0].reason == "not a Crossref work (it has no DOI)"


def test_malformed_json_is_a_user_error_with_position():
    with pytest.raises(UserError) as caught:
        read_crossref_file(b'{"message": {"DOI": "10.5555/x",}}', "work.json")
    assert str(caught.value).startswith("work.json is not valid JSON, so it cannot be read as a Crossref work")
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (1, 33)


def test_sniff():
    (crossref,) = FORMATS
    assert crossref.sniff is not None
    assert crossref.sniff(fixture("crossref/prx.json")[:4096])
    assert not crossref.sniff(fixture("orcid/record.json")[:4096])


def test_an_answer_without_a_work_is_refused():
    with pytest.raises(UserError, match="is a Crossref answer without a work: Resource not found"):
        read_crossref({"status": "error", "message": "Resource not found."}, "doi:10.5555/none")
