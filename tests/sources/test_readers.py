"""RIS, CSL-JSON, RenderCV and JSON Resume: every field the profile model can hold is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packet.model.profile import Profile
from packet.sources.apply import apply_plan
from packet.sources.detect import choose_format, read_source
from packet.sources.planner import plan_import

FIXTURES = Path(__file__).parent / "fixtures"


def imported(name: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    plan = plan_import(read_source(str(FIXTURES / name)), None)
    data = dict(apply_plan(plan, None))
    Profile.model_validate(data)  # what would be saved is a valid profile
    return data["person"], {a.id: a.item for a in plan.added}


def test_formats_are_told_by_content_not_extension() -> None:
    names = {
        n: choose_format((FIXTURES / n).read_bytes(), "x.txt").name
        for n in (
            "tricky.bib",
            "refs.ris",
            "refs.csl.json",
            "crossref.json",
            "cv.rendercv.yaml",
            "resume.json",
        )
    }
    assert names == {
        "tricky.bib": "bibtex",
        "refs.ris": "ris",
        "refs.csl.json": "csl-json",
        "crossref.json": "crossref",
        "cv.rendercv.yaml": "rendercv",
        "resume.json": "json-resume",
    }


def test_ris() -> None:
    _, items = imported("refs.ris")
    assert items["muller2021cafe"] == {
        "id": "muller2021cafe",
        "kind": "journal",
        "title": "Café society: Bayesian & Markov models of growth",
        "venue": "Journal of Statistical Mechanics",
        "venue_short": "J. Stat. Mech.",
        "year": 2021,
        "date": "2021-07-15",
        "volume": "12",
        "issue": "3",
        "pages": "101–120",
        "doi": "10.1088/1742-5468/ab1234",
        "abstract": "An abstract from the RIS export.",
        "notes": ["Selected for the cover."],
        "tags": ["statistics"],
        "authors": ["Müller, Jörg", "García Márquez, Gabriel"],
    }
    assert items["ng2024conference"]["arxiv"] == "2402.04567"
    assert items["ng2020generic"]["kind"] == "preprint"  # listed as uncertain (test_merge)


def test_csl_json_from_zotero_and_from_crossref() -> None:
    _, items = imported("refs.csl.json")
    graphs = items["ng2024graphs"]
    assert graphs["title"] == "Graphs, Walks and Random Trees"  # <i> dropped
    assert graphs["authors"] == ["Ng, Carol", "van der Berg, Jan", "The ATLAS Collaboration"]
    assert (graphs["venue"], graphs["venue_short"], graphs["date"]) == (
        "Physical Review E",
        "Phys. Rev. E",
        "2024-08-05",
    )
    assert graphs["notes"] == ["Editors' suggestion"] and graphs["tags"] == [
        "graphs",
        "random walks",
    ]
    assert items["ng2023preprint"]["arxiv"] == "2301.01234"
    _, crossref = imported("crossref.json")
    work = crossref["ng2024graphs"]
    assert work["abstract"] == "We count walks on random trees."  # JATS tags dropped
    assert (work["number"], work["publisher"], work["date"]) == (
        "024301",
        "American Physical Society",
        "2024-08",
    )


def test_rendercv_keeps_every_field_the_profile_holds() -> None:
    person, items = imported("cv.rendercv.yaml")
    assert person == {
        "name": "Maria Rossi",
        "email": "maria.rossi@example.org",
        "website": "https://mariarossi.example.org/",
        "phone": "+39-049-123-4567",
        "address": ["Padova, Italy"],
        "orcid": "0000-0002-1825-0097",
        "links": [
            {"label": "LinkedIn", "url": "https://linkedin.com/in/mariarossi"},
            {"label": "GitHub", "url": "https://github.com/mrossi"},
        ],
        "name_variants": ["Rossi, M.", "Rossi, Maria", "M. Rossi", "Maria Rossi"],
    }
    by_section: dict[str, list[dict[str, Any]]] = {}
    for item in items.values():  # ids start with their section's prefix: edu-, pos-, talk-
        by_section.setdefault(item["id"].split("-", 1)[0], []).append(item)
    phd = by_section["edu"][0]
    assert (
        phd["degree"],
        phd["field"],
        phd["institution"],
        phd["location"],
        phd["start"],
        phd["end"],
    ) == ("PhD", "Physics", "Università di Padova", "Padova, Italy", "2016-10", "2020-03")
    assert phd["details"] == ["Thesis: Learning curves of kernels"]
    post = by_section["pos"][0]
    assert (post["title"], post["end"], post["details"][1]) == (
        "Postdoctoral Researcher",
        "present",
        "Led the reading group on kernel methods",
    )
    paper = items["rossi2021learning"]
    assert paper["authors"] == ["Rossi, Maria", "Bianchi, Luca"]  # **bold** markup dropped
    assert (paper["doi"], paper["venue"], paper["date"], paper["abstract"]) == (
        "10.1103/PhysRevX.11.011001",
        "Physical Review X",
        "2021-02",
        "We compute learning curves.",
    )
    assert (items["rossi2023preprint"]["kind"], items["rossi2023preprint"]["arxiv"]) == (
        "preprint",
        "2305.01234",
    )
    [talk] = by_section["talk"]
    assert (talk["kind"], talk["event"], talk["location"], talk["date"]) == (
        "invited",
        "Workshop on Learning Theory",
        "Paris",
        "2022-05",
    )
    [course] = by_section["teaching"]
    assert (course["course"], course["role"], course["institution"]) == (
        "Statistical Mechanics",
        "Teaching assistant",
        "Università di Padova",
    )
    assert by_section["skill"][0]["items"] == ["Python", "JAX", "Julia"]
    assert [lang["level"] for lang in by_section["lang"]] == ["Native", "Fluent (C1)"]
    assert by_section["meeting"][0]["title"] == "Les Houches School on Statistical Physics"
    assert by_section["interest"][0]["topics"] == ["kernel methods", "scaling laws"]
    # One-line entries in an honours section: the text is the title, the bracketed year the date.
    honours = {a["title"]: a for a in by_section["award"]}
    assert honours["Young Investigator Award"]["date"] == "2022"
    assert honours["Marie Curie Fellowship"]["description"] == "2020 – 2022"


def test_rendercv_sections_with_no_place_are_kept_as_notes() -> None:
    [(read, _)] = read_source(str(FIXTURES / "cv.rendercv.yaml"))
    assert read.unplaced == {"hobbies": ["bullet: Mountaineering"]}


def test_json_resume_keeps_every_field_the_profile_holds() -> None:
    person, items = imported("resume.json")
    assert person["orcid"] == "0000-0001-2345-6789"
    assert person["address"] == ["Náměstí 1", "110 00, Praha", "Praha", "CZ"]
    assert (person["position"], person["website"]) == (
        "Assistant Professor",
        "https://novak.example.org",
    )
    assert person["links"] == [{"label": "Mastodon", "url": "https://scholar.social/@novak"}]
    values = {k: v for item in items.values() for k, v in item.items() if k != "id"}
    assert values["honors"] == "Summa cum laude" and values["details"]
    edu = next(i for i in items.values() if i["id"].startswith("edu-"))
    assert edu["details"] == ["Courses: Archives, Latin"] and edu["end"] == "2019-06"
    award = next(i for i in items.values() if i["id"].startswith("award-"))
    assert (award["issuer"], award["date"], award["description"]) == (
        "History of Science Society",
        "2020-05-01",
        "Best dissertation.",
    )
    service = next(i for i in items.values() if i["id"].startswith("service-"))
    assert (service["role"], service["start"], service["end"]) == (
        "Committee member",
        "2022-01",
        "2023-12",
    )
    paper = items["novak2022instruments"]
    assert (paper["venue"], paper["url"], paper["abstract"]) == (
        "Isis",
        "https://example.org/isis",
        "A study of instruments.",
    )
    languages = [i for i in items.values() if i["id"].startswith("lang-")]
    assert [(i["name"], i["level"]) for i in languages] == [
        ("Czech", "Native speaker"),
        ("French", "Fluent"),
    ]
    [(read, _)] = read_source(str(FIXTURES / "resume.json"))
    assert set(read.unplaced) == {
        "basics.summary",
        "certificates",
        "projects",
        "references",
        "skills.level",  # a skill's level has no field in the profile: kept as a note
    }


def test_the_entry_points_read_plan_and_apply() -> None:
    from packet.sources import apply_plan, import_sources

    plan = import_sources(
        [str(FIXTURES / "refs.ris"), str(FIXTURES / "tricky.bib")], None, sections={"publications"}
    )
    assert [s.format for s in plan.sources] == ["ris", "bibtex"]
    # The RIS and the BibTeX copies of the Müller paper (same DOI) are one item.
    assert sum(1 for a in plan.added if a.item.get("doi") == "10.1088/1742-5468/ab1234") == 1
    data = apply_plan(plan, None)
    assert Profile.model_validate(data).publications
