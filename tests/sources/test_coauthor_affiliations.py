"""Affiliations the sources print beside co-authors reach the profile's `coauthors`.

The works below are constructed for these tests (invented people and places), shaped as
Crossref's `/works/{doi}` answer and arXiv's Atom feed print affiliations.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from packet.sources.arxiv import read_atom
from packet.sources.crossref import read_crossref
from packet.sources.planner import plan_import
from packet.store.profiles import load_profile

REPO = Path(__file__).resolve().parents[2]


def _work(doi: str, year: int, authors: list[tuple[str, str, str | None]]) -> dict:
    return {"status": "ok", "message-type": "work", "message": {
        "DOI": doi, "type": "journal-article", "title": [f"A Study {doi[-2:]}"],
        "container-title": ["Journal of Examples"], "issued": {"date-parts": [[year, 3]]},
        "author": [{"given": g, "family": f, "sequence": "additional",
                    "affiliation": [{"name": a}] if a else []} for g, f, a in authors]}}


WORK = _work("10.5555/example.01", 2025, [
    ("Alessandro", "Favero", "Somewhere Else"),  # the applicant: never a co-author entry
    ("Ilse", "Vandermolen", "Institute of Examples, Ghent"),
    ("Tomás", "Oyelaran", None),
])

ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2501.00001v1</id>
    <published>2025-01-10T10:00:00Z</published>
    <title>An Example Preprint</title>
    <summary>Nothing here.</summary>
    <author><name>Ilse Vandermolen</name>
      <arxiv:affiliation>Institute of Examples, Ghent</arxiv:affiliation></author>
    <author><name>Alessandro Favero</name></author>
  </entry>
</feed>
"""


def test_crossref_and_arxiv_keep_the_affiliation_printed_with_an_author() -> None:
    (work,) = read_crossref(WORK, "work.json").candidates
    assert work.affiliations == {"Favero, Alessandro": "Somewhere Else",
                                 "Vandermolen, Ilse": "Institute of Examples, Ghent"}
    (entry,) = read_atom(ATOM, "feed.atom").candidates
    assert entry.affiliations == {"Ilse Vandermolen": "Institute of Examples, Ghent"}


def test_an_import_adds_one_entry_per_person_and_never_the_applicant() -> None:
    profile = load_profile(REPO / "profiles" / "favero" / "profile.yaml", "profile.yaml")
    reads = [(read_crossref(WORK, "work.json"), "a"),
             (read_atom(ATOM, "feed.atom"), "b")]
    plan = plan_import(reads, profile)
    entries = [a.item for a in plan.added if a.section == "coauthors"]
    # Two sources, one person; the newer paper's date is when the affiliation was true.
    assert entries == [{"id": "co-vandermolen-i", "name": "Vandermolen, Ilse",
                        "affiliation": "Institute of Examples, Ghent",
                        "source": "doi:10.5555/example.01", "last_active": "2025-03"}]
    # No affiliation printed, no entry: nothing is guessed.
    assert not any("Oyelaran" in str(a.item) for a in plan.added if a.section == "coauthors")


def test_an_entry_without_an_affiliation_is_filled_and_another_one_is_a_conflict() -> None:
    profile = load_profile(REPO / "profiles" / "favero" / "profile.yaml", "profile.yaml")
    data = profile.model_dump(mode="json", exclude_none=True)
    data["coauthors"] = [{"id": "co-ilse", "name": "I. Vandermolen"}]
    reads = [(read_crossref(WORK, "work.json"), "a")]
    plan = plan_import(reads, type(profile).model_validate(data))
    assert [(m.id, m.filled["affiliation"]) for m in plan.merged if m.section == "coauthors"] == [
        ("co-ilse", "Institute of Examples, Ghent")]
    data["coauthors"][0]["affiliation"] = "University of Elsewhere"
    data["coauthors"][0]["last_active"] = "2024"
    plan = plan_import(reads, type(profile).model_validate(data))
    assert not [m for m in plan.merged if m.section == "coauthors"]
    assert [(c.id, c.kept, c.other) for c in plan.conflicts if c.section == "coauthors"] == [
        ("co-ilse", "University of Elsewhere", "Institute of Examples, Ghent")]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "profiles" / "favero", tmp_path / "profiles" / "favero")
    (tmp_path / "work.json").write_text(json.dumps(WORK))
    return tmp_path


def test_packet_import_saves_the_entry_and_the_coa_fills_that_row(
        ws: Path, run: Callable) -> None:
    before = (ws / "profiles/favero/profile.yaml").read_text()
    result = run("-w", str(ws), "import", "work.json", "--profile", "favero", cwd=ws)
    assert result.code == 0, (result.out + result.err)
    after = (ws / "profiles/favero/profile.yaml").read_text()
    assert after.startswith(before.rstrip("\n")[:2000])  # the old lines are kept
    profile = load_profile(ws / "profiles/favero/profile.yaml", "profile.yaml")
    assert [(c.name, c.affiliation) for c in profile.coauthors] == [
        ("Vandermolen, Ilse", "Institute of Examples, Ghent")]
    out = ws / "coa.xlsx"
    result = run("-w", str(ws), "coa", "--profile", "favero", "--as-of", "2026-11-15",
                 "--out", str(out), cwd=ws)
    assert result.code == 0, (result.out + result.err)
    from openpyxl import load_workbook
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("Vandermolen, Ilse" in row and "Institute of Examples, Ghent" in row
               for row in values)
    shown = result.out + result.err
    assert "Oyelaran" in shown and "affiliation of Vandermolen" not in shown


def test_an_entry_in_the_file_is_completed_in_place_with_its_comment(
        ws: Path, run: Callable) -> None:
    path = ws / "profiles/favero/profile.yaml"
    path.write_text(path.read_text() + "\ncoauthors:\n  # met at a workshop\n"
                    "  - id: co-ilse\n    name: I. Vandermolen\n")
    result = run("-w", str(ws), "import", "work.json", "--profile", "favero", cwd=ws)
    assert result.code == 0, result.out + result.err
    text = path.read_text()
    assert "  # met at a workshop\n  - id: co-ilse\n    name: I. Vandermolen\n" in text
    [entry] = load_profile(path, "profile.yaml").coauthors
    assert (entry.affiliation, str(entry.last_active)) == ("Institute of Examples, Ghent",
                                                           "2025-03")
