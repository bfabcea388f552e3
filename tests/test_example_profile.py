"""The example workspace's profile: valid, complete and clean.

profiles/favero/profile.yaml is the reference that importers are measured
against, so these tests check what a user would check by eye: the counts per
section, the co-first authors, the notes, the accents, and that no markup from
the web sources (HTML tags, entities, Markdown escapes) leaked into the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from packet.model import SECTIONS, Profile, Publication

ROOT = Path(__file__).resolve().parent.parent
PROFILE_DIR = ROOT / "profiles" / "favero"
PROFILE = PROFILE_DIR / "profile.yaml"
STATEMENTS = PROFILE_DIR / "statements"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = YAML(typ="safe").load(PROFILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def profile(raw: dict[str, Any]) -> Profile:
    return Profile.model_validate(raw)


def pub(profile: Profile, pub_id: str) -> Publication:
    found = [p for p in profile.publications if p.id == pub_id]
    assert found, f"no publication {pub_id}"
    return found[0]


def strings(value: Any) -> list[str]:
    """Every string in a loaded YAML tree, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


# --- counts -----------------------------------------------------------------


def test_section_counts(profile: Profile) -> None:
    assert len(profile.interests) == 2
    assert len(profile.education) == 4
    assert len(profile.positions) == 4
    assert len(profile.publications) == 18
    assert len(profile.talks) == 15
    assert len(profile.awards) == 9
    assert len(profile.meetings) == 4
    assert len(profile.mentoring) == 4
    assert len(profile.service) == 7


def test_talks_and_posters(profile: Profile) -> None:
    kinds = Counter(t.kind for t in profile.talks)
    assert kinds["poster"] == 4
    assert sum(n for kind, n in kinds.items() if kind != "poster") == 11
    neurips = next(t for t in profile.talks if t.id == "talk-2023-neurips")
    assert neurips.kind == "contributed"


def test_publication_kinds(profile: Profile) -> None:
    kinds = Counter(p.kind for p in profile.publications)
    assert kinds == {"conference": 9, "journal": 3, "workshop": 1, "preprint": 2, "abstract": 3}
    venues = {p.venue_short for p in profile.publications if p.kind == "journal"}
    assert venues == {"PNAS", "PRX", "JSTAT"}


# --- facts a user would check ---------------------------------------------------


def test_person(profile: Profile) -> None:
    person = profile.person
    assert person.name == "Alessandro Favero"
    assert person.email == "alessandro.favero@epfl.ch"
    assert person.website == "https://alesfav.github.io"
    for variant in ("Favero, A.", "Favero, Alessandro", "A. Favero", "Alessandro Favero"):
        assert variant in person.name_variants
    assert any(link.label == "LinkedIn" for link in person.links)


def test_every_publication_lists_favero(profile: Profile) -> None:
    for p in profile.publications:
        assert {"Favero, A.", "Favero, Alessandro"} & set(p.authors), p.id


def test_deans_award(profile: Profile) -> None:
    award = next(a for a in profile.awards if "Dean" in a.title)
    assert award.amount == 1100
    assert award.currency == "USD"
    assert award.issuer == "EPFL"
    assert award.date is not None and award.date.year == 2024


def test_co_first_authors(profile: Profile) -> None:
    # [1], [2], [8] of the CV, plus the arXiv comments on LiNeS and MEMOIR
    assert pub(profile, "favero2025compositional").equal_contribution == [
        "Favero, Alessandro",
        "Sclocchi, Antonio",
    ]
    assert pub(profile, "sclocchi2025probing").equal_contribution == [
        "Sclocchi, Antonio",
        "Favero, Alessandro",
        "Levi, Noam Itzhak",
    ]
    assert pub(profile, "ortizjimenez2023task").equal_contribution == [
        "Ortiz-Jiménez, Guillermo",
        "Favero, Alessandro",
    ]
    assert pub(profile, "wang2025lines").equal_contribution == ["Wang, Ke", "Dimitriadis, Nikolaos"]
    assert pub(profile, "wang2025memoir").equal_contribution == ["Wang, Ke", "Qin, Yiming"]
    assert pub(profile, "sclocchi2025phase").equal_contribution == []


def test_notes_and_status(profile: Profile) -> None:
    assert "Oral (top 0.54%)" in pub(profile, "ortizjimenez2023task").notes
    assert "Oral" in pub(profile, "sclocchi2025probing").notes
    assert pub(profile, "favero2025compositional").status == "to appear"


def test_bibliographic_details(profile: Profile) -> None:
    pnas = pub(profile, "sclocchi2025phase")
    assert (pnas.volume, pnas.issue, pnas.number) == ("122", "1", "e2408799121")
    prx = pub(profile, "cagnetta2024deep")
    assert (prx.volume, prx.issue, prx.number) == ("14", "3", "031001")
    neurips = pub(profile, "ortizjimenez2023task")
    assert (neurips.volume, neurips.pages) == ("36", "66727-66754")
    icml = pub(profile, "cagnetta2023learnt")
    assert (icml.volume, icml.pages, icml.publisher) == ("202", "3347-3379", "PMLR")
    assert pub(profile, "wang2025lines").url == "https://lines-merging.github.io/"
    assert pub(profile, "favero2025bigger").arxiv == "2505.16959"


def test_position_dates(profile: Profile) -> None:
    aws = next(p for p in profile.positions if p.kind == "industry")
    assert (str(aws.start), str(aws.end)) == ("2023-07", "2023-10")


def test_accents(profile: Profile, raw: dict[str, Any]) -> None:
    lines = pub(profile, "wang2025lines")
    assert "Ortiz-Jiménez, Guillermo" in lines.authors
    assert "Fleuret, François" in lines.authors
    institutions = {e.institution for e in profile.education}
    assert "Sorbonne Université" in institutions
    honors = {e.honors for e in profile.education}
    assert "Mention très bien (highest honors)" in honors
    assert "110/110 cum laude (highest honors)" in honors
    text = "\n".join(strings(raw))
    assert "Jimenez" not in text, "Ortiz-Jiménez lost its accent somewhere"
    assert "Universite" not in text


# --- ids and clean text ---------------------------------------------------------


def test_ids_unique_across_profile(profile: Profile) -> None:
    ids = [item.id for name in SECTIONS for item in profile.section(name)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    assert len(profile.items()) == len(ids)


def test_publication_ids_are_bibtex_like(profile: Profile) -> None:
    for p in profile.publications:
        assert re.fullmatch(r"[a-z]+\d{4}[a-z]+(-[a-z]+)?", p.id), p.id
        family = unicodedata.normalize("NFKD", p.authors[0].split(",")[0])
        assert p.id.startswith("".join(c for c in family.lower() if c.isascii() and c.isalpha()))
        assert str(p.year) in p.id


DIRTY = [
    (re.compile(r"</?[A-Za-z][^>]*>"), "an HTML tag"),
    (re.compile(r"&(amp|lt|gt|quot|nbsp|#\d+);"), "an HTML entity"),
    (re.compile(r"\\[*([\]_#]"), "a Markdown escape"),
    (re.compile(r"\\(textit|textbf|emph|url)\{"), "LaTeX markup"),
]


def test_no_markup_leaked(raw: dict[str, Any]) -> None:
    for text in strings(raw):
        for pattern, what in DIRTY:
            assert not pattern.search(text), f"{what} in {text[:80]!r}"


def test_abstracts_keep_readable_math(profile: Profile) -> None:
    abstract = pub(profile, "favero2021locality").abstract
    assert abstract is not None
    assert r"$\epsilon_t\sim P^{-\beta}$" in abstract
    assert "0.2" in (pub(profile, "petrini2021relative").abstract or "")


# --- statements -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["research", "teaching", "diversity", "cover-letter"])
def test_statements_exist_and_are_marked_as_examples(name: str) -> None:
    text = (STATEMENTS / f"{name}.md").read_text(encoding="utf-8")
    assert text.startswith("<!-- Example text written for packet's example workspace")


def test_research_statement_cites_known_publications(profile: Profile) -> None:
    text = (STATEMENTS / "research.md").read_text(encoding="utf-8")
    cited = re.findall(r"\{\{\s*cite\(\"([^\"]+)\"\)\s*\}\}", text)
    assert 4 <= len(set(cited)) <= 6
    known = {p.id for p in profile.publications}
    assert set(cited) <= known
