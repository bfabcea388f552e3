"""The project's real seed documents (a CV and a publication index) read well.

The seeds live next to the repository (../shared/seeds; PACKET_SEEDS overrides, e.g.
for a git worktree); CI has them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from packet.sources import pubindex
from packet.sources.cv import FORMATS, read_markdown

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("PACKET_SEEDS", REPO.parent / "shared" / "seeds"))
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not at {SEEDS}")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*"))


def curated() -> dict:  # type: ignore[type-arg]
    return YAML(typ="safe").load(
        (REPO / "profiles" / "favero" / "profile.yaml").read_text(encoding="utf-8")
    )


def key(title: str) -> str:
    return re.sub(r"\W+", " ", title.casefold()).strip()


def test_seed_cv_every_section_and_item() -> None:
    cv = read_markdown(seed("000").read_bytes(), seed("000").name)
    count = {
        s: sum(c.section == s for c in cv.candidates) for s in {c.section for c in cv.candidates}
    }
    assert count == {"interests": 2, "education": 4, "positions": 4, "publications": 18, "talks": 15,
                     "meetings": 4, "teaching": 5, "mentoring": 4, "service": 7, "awards": 9}  # fmt: skip
    assert (
        cv.person["email"] == "alessandro.favero@epfl.ch"
        and cv.person["name"] == "Alessandro Favero"
    )
    pubs = [c.fields for c in cv.candidates if c.section == "publications"]
    assert [key(p["title"]) for p in pubs] == [key(p["title"]) for p in curated()["publications"]]
    assert [len(p["authors"]) for p in pubs] == [
        len(p["authors"]) for p in curated()["publications"]
    ]
    assert [p["year"] for p in pubs] == [str(p["year"]) for p in curated()["publications"]]


def test_seed_cv_marks_notes_and_kinds() -> None:
    pubs = [
        c.fields
        for c in read_markdown(seed("000").read_bytes(), "000").candidates
        if c.section == "publications"
    ]
    probing = pubs[1]
    assert probing["equal_contribution"] == ["Sclocchi*, A.", "Favero*, A.", "Levi*, N. I."]
    assert probing["notes"][1] == "Oral"
    assert (
        pubs[0]["status"] == "to appear"
        and pubs[0]["publisher"] == "PMLR"
        and pubs[0]["volume"] == "267"
    )
    assert [p["kind"] for p in pubs[12:]] == ["preprint"] * 3 + ["abstract"] * 3
    assert pubs[12]["arxiv"] == "2506.07899"


def test_seed_cv_dated_entries() -> None:
    cv = read_markdown(seed("000").read_bytes(), "000")
    by = lambda s: [c.fields for c in cv.candidates if c.section == s]  # noqa: E731
    aws = by("positions")[0]
    assert (aws["title"], aws["start"], aws["end"], aws["location"]) == (
        "Applied Scientist",
        "2023-07",
        "2023-10",
        "Santa Clara, California",
    )
    assert [a.get("amount") for a in by("awards")] == [
        None,
        1100,
        None,
        18000,
        2800,
        3400,
        None,
        2000,
        None,
    ]
    assert [t.get("kind") for t in by("talks")].count("poster") == 4
    assert by("education")[0]["advisors"] == ["Matthieu Wyart", "Pascal Frossard"]
    assert [m["level"] for m in by("mentoring")] == ["master-thesis"] * 2 + ["semester-project"] * 2
    assert by("teaching")[0]["end"] == "present"


def test_seed_index_records() -> None:
    index = pubindex.read(seed("001").read_bytes(), seed("001").name)
    assert len(index.candidates) == 8
    first = index.candidates[0].fields
    assert (
        first["title"]
        == "How Compositional Generalization and Creativity Improve as Diffusion Models are Trained"
    )
    assert first["authors"][:2] == ["Alessandro Favero", "Antonio Sclocchi"]
    assert (first["venue"], first["year"], first["kind"]) == (
        "ICML Conference",
        "2025",
        "conference",
    )
    assert first["abstract"].startswith("Natural data is often organized")
    assert all("abstract" in c.fields for c in index.candidates)


def test_seed_formats_are_sniffed() -> None:
    assert pubindex.sniff(seed("001").read_bytes()[:8192])
    assert not pubindex.sniff(seed("000").read_bytes()[:8192])
    md = next(f for f in FORMATS if f.name == "cv-markdown")
    assert md.sniff is not None and md.sniff(seed("000").read_bytes()[:8192])
