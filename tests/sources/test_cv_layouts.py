"""CVs in the layouts people write them (fixtures written for these tests) -> candidates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from packet.sources.candidate import SourceRead
from packet.sources.cv import FORMATS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cv"


def read(name: str, fmt: str) -> SourceRead:
    reader = next(f for f in FORMATS if f.name == fmt)
    return reader.read((FIXTURES / name).read_bytes(), name)


def items(result: SourceRead, section: str) -> list[dict[str, Any]]:
    return [c.fields for c in result.candidates if c.section == section]


def find(result: SourceRead, section: str, **match: Any) -> dict[str, Any]:
    hits = [f for f in items(result, section) if all(f.get(k) == v for k, v in match.items())]
    assert len(hits) == 1, f"{section} {match}: {items(result, section)}"
    return hits[0]


def test_latex_moderncv_entries_sections_and_lists() -> None:
    cv = read("moderncv.tex", "cv-latex")
    assert cv.person["name"] == "Marta Kowalczyk"
    phd = find(cv, "education", degree="Ph.D.")
    assert {
        k: phd[k]
        for k in ("field", "institution", "location", "start", "end", "advisors", "thesis")
    } == {
        "field": "Theoretical Physics",
        "institution": "Universität Heidelberg",
        "location": "Heidelberg, Germany",
        "start": "2014",
        "end": "2018",
        "advisors": ["Anna Schmidt"],
        "thesis": "Spin liquids on the kagome lattice",
    }
    postdoc = find(cv, "positions", title="Postdoctoral Researcher")
    assert (postdoc["organization"], postdoc["start"], postdoc["end"]) == (
        "Max Planck Institute for Solid State Research",
        "2018-10",
        "2021-08",
    )
    assert find(cv, "positions", title="Assistant Professor")["end"] == "present"
    hall = find(cv, "publications", title="Thermal Hall effect in frustrated magnets")
    assert hall["kind"] == "journal" and hall["equal_contribution"] == [
        "M. Kowalczyk*",
        "P. Nowak*",
    ]
    assert (
        find(cv, "publications", title="Spinon Fermi surfaces revisited")["doi"]
        == "10.1103/PhysRevLett.120.077201"
    )
    assert find(cv, "publications", title="Machine-learned phase diagrams")["kind"] == "preprint"
    assert {t["kind"] for t in items(cv, "talks")} == {"invited"}
    veni = find(cv, "awards", title="Veni grant laureate")
    assert (veni["amount"], veni["currency"], veni["issuer"], veni["date"]) == (
        250000,
        "EUR",
        "NWO",
        "2020",
    )
    course = find(cv, "teaching", code="TN3421")
    assert (course["role"], course["course"], course["institution"]) == (
        "Lecturer",
        "Quantum Mechanics II",
        "TU Delft",
    )


def test_markdown_homepage_with_headings_and_bullets() -> None:
    cv = read("homepage_cv.md", "cv-markdown")
    assert find(cv, "education", degree="Ph.D.")["advisors"] == ["Thomas Mbeki"]
    scientist = find(cv, "positions", title="Senior Research Scientist")
    assert (scientist["organization"], scientist["location"], scientist["end"]) == (
        "Centre for Ecological Research",
        "Nairobi, Kenya",
        "present",
    )
    sahel = find(cv, "publications", title="Pollinator decline in the Sahel")
    assert sahel["equal_contribution"] == ["Mensah, K.*", "Adeyemi, T.*"]  # Markdown's \* is a mark
    assert (
        find(cv, "publications", title="Seed dispersal by hornbills")["doi"]
        == "10.1111/1365-2745.13000"
    )
    assert (
        find(cv, "publications", title="Savanna fire regimes under climate change")["kind"]
        == "preprint"
    )
    grant = find(cv, "grants", title="Fire and pollinators in the Sahel")
    assert (
        grant["funder"],
        grant["role"],
        grant["amount"],
        grant["currency"],
        grant["start"],
        grant["end"],
    ) == ("National Research Foundation", "PI", 1_200_000, "ZAR", "2021", "2024")
    assert find(cv, "teaching", code="BIO-201")["terms"] == ["Spring 2014", "Spring 2015"]
    assert (
        find(cv, "service", organization="African Ecology Congress")["role"]
        == "Program Committee Member"
    )


def test_html_page_with_h2_and_lists_keeps_unknown_sections() -> None:
    cv = read("lab_cv.html", "cv-html")
    assert cv.person["name"] == "Tomás Ruiz" and cv.person["email"] == "tomas.ruiz@example.edu"
    intern = find(cv, "positions", title="PhD Intern")
    assert (intern["organization"], intern["start"], intern["end"]) == (
        "Microsoft Research",
        "2020-06",
        "2020-09",
    )
    sparse = find(cv, "publications", title="Sparse mixtures of experts for robotics")
    assert (sparse["authors"], sparse["venue_short"], sparse["pages"]) == (
        ["T. Ruiz", "A. B. Lee", "C. Park"],
        "ICML",
        "100-112",
    )
    assert find(cv, "publications", title="Learning to grasp from videos")["year"] == "2021"
    talk = find(cv, "talks", title="Robots that learn from videos")
    assert (talk["host"], talk["event"], talk["location"]) == (
        "Stanford University",
        "Robotics Seminar",
        "Stanford",
    )
    assert (
        "kind" in next(c for c in cv.candidates if c.section == "talks").uncertain
    )  # not said, not guessed
    assert cv.unplaced["Hobbies"] == ["Climbing, chess"]


def test_plain_text_with_capital_headings_and_wrapped_lines() -> None:
    cv = read("plain_cv.txt", "cv-text")
    assert cv.person["name"] == "Priya Ramanathan"
    rigidity = find(cv, "publications", title="On the rigidity of random graphs")
    assert (rigidity["volume"], rigidity["issue"], rigidity["pages"]) == (
        "26",
        "2",
        "301-330",
    )  # a wrapped line
    assert find(cv, "positions", title="Assistant Professor")["start"] == "2021-07"
    sloan = find(cv, "awards", title="Sloan Research Fellowship")
    assert (sloan["amount"], sloan["currency"], sloan["kind"]) == (75000, "USD", "fellowship")
    assert [lang["name"] for lang in items(cv, "languages")] == ["English", "Tamil", "French"]


def test_humanities_cv_with_bold_headings_books_chapters_and_invited_lectures() -> None:
    cv = read("humanities_cv.md", "cv-markdown")
    kinds = {p["title"]: p["kind"] for p in items(cv, "publications")}
    assert kinds == {
        "Merchants of the Adriatic: Trade and Faith, 1200-1400": "book",
        "Venetian Notaries and the Law": "chapter",
        "Pilgrims and Coins in Ravenna": "journal",
    }
    assert find(cv, "education", degree="Ph.D.")["end"] == "2011"  # "2011: Ph.D., ..."
    lecture = find(cv, "talks", title="Saints and Ledgers")
    assert (lecture["kind"], lecture["date"], lecture["location"]) == (
        "invited",
        "2019-04",
        "Toronto",
    )
    assert find(cv, "awards", title="Marie Skłodowska-Curie Fellowship")["amount"] == 180000


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("moderncv.tex", "cv-latex"),
        ("homepage_cv.md", "cv-markdown"),
        ("lab_cv.html", "cv-html"),
        ("plain_cv.txt", "cv-text"),
    ],
)
def test_formats_are_recognised_from_content(name: str, fmt: str) -> None:
    head = (FIXTURES / name).read_bytes()[:8192]
    sniffed = [
        f.name for f in sorted(FORMATS, key=lambda f: -f.priority) if f.sniff and f.sniff(head)
    ]
    assert sniffed[0] == fmt


def test_every_candidate_says_where_it_was_read() -> None:
    cv = read("homepage_cv.md", "cv-markdown")
    sahel = next(
        c for c in cv.candidates if c.fields.get("title") == "Pollinator decline in the Sahel"
    )
    line = int(sahel.origin.rsplit(":", 1)[1])
    assert "Pollinator decline" in (FIXTURES / "homepage_cv.md").read_text().split("\n")[line - 1]


DEFINITION_LIST_CV = """# Noor Haddad

## Employment

2016-
: Associate Professor of Sociology, University of Leeds

2011-2016
: Lecturer in Sociology, University of York

## Publications

### Refereed Articles

2019
: Haddad, Noor and Jonas Weber. "[Kinship and migration in Amman](https://doi.org/10.1000/xyz123)." *Journal of Family History*, 44(2): 150-161.

## Grants Awarded

2017
: "Family networks after displacement." Economic and Social Research Council Grant ES/P0012/1. £250,000. Co-Principal Investigator with Jonas Weber.
"""


def test_markdown_definition_lists_date_each_entry() -> None:
    reader = next(f for f in FORMATS if f.name == "cv-markdown")
    cv = reader.read(DEFINITION_LIST_CV.encode(), "haddad.md")
    assert [(p["title"], p["start"], p["end"]) for p in items(cv, "positions")] == [
        ("Associate Professor of Sociology", "2016", "present"),
        ("Lecturer in Sociology", "2011", "2016"),
    ]
    (paper,) = items(cv, "publications")
    assert paper["authors"] == ["Haddad, Noor", "Jonas Weber"]  # the first author inverted
    assert (paper["doi"], paper["volume"], paper["issue"], paper["pages"]) == (
        "10.1000/xyz123",
        "44",
        "2",
        "150-161",
    )
    (grant,) = items(cv, "grants")
    assert (grant["funder"], grant["role"], grant["amount"], grant["currency"]) == (
        "Economic and Social Research Council",
        "Co-Principal Investigator",
        250000,
        "GBP",
    )
