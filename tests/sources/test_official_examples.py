"""RenderCV's and JSON Resume's own example files: every value they hold reaches the profile.

The files are the projects' own (benchmarks/import_corpus, MIT-licensed; see SOURCES.md),
not written for packet. Each test walks every field of the source and checks that its value
is in the imported profile, or kept as a note (`unplaced`) when the profile has no field for
it; the few fields the profile model cannot hold are named, with why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from packet.model.profile import Profile
from packet.sources.apply import apply_plan
from packet.sources.detect import read_source
from packet.sources.planner import plan_import

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "import_corpus"
RENDERCV = CORPUS / "dev" / "rendercv_john_doe_classic.yaml"
JSON_RESUME = CORPUS / "heldout" / "jsonresume_sample.resume.json"


def flat(text: Any) -> str:
    """A value as words: Markdown, punctuation and case do not matter."""
    text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 \2", str(text))  # [FlashInfer](url)
    text = re.sub(r"^tel:", "", text)
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, f"{path}[{i}]")
    elif value not in (None, ""):
        yield path, value


def imported(path: Path) -> tuple[list[str], dict[str, Any]]:
    """(each imported item, the person and each note kept, as words; the profile)."""
    reads = read_source(str(path))
    data = dict(apply_plan(plan_import(reads, None), None))
    Profile.model_validate(data)  # what would be saved is a valid profile
    units = [data["person"]] + [item for section, items in data.items() if isinstance(items, list)
                                for item in items]  # fmt: skip
    kept = [" ".join(flat(v) for _, v in leaves(unit)) for unit in units]
    for read, _ in reads:
        kept += [flat(line) for lines in read.unplaced.values() for line in lines]
    return kept, data


def family_first(name: str) -> str:
    """'*John Doe*' as the profile prints it: 'Doe, John'."""
    words = re.sub(r"[*_]", "", name).split()
    return f"{words[-1]}, {' '.join(words[:-1])}"


def missing(source: dict[str, Any], kept: list[str], unheld: dict[str, str]) -> list[str]:
    """The source's values found in no imported item: a value is kept whole in one item, or
    split over the fields of one item ("Title — Event (2024)": title, event, date)."""
    lost = []
    for path, value in leaves(source):
        if any(re.fullmatch(pattern, path) for pattern in unheld):
            continue
        wanted = flat(family_first(value) if re.search(r"\.authors\[\d+\]$", path) else value)
        if not any(wanted in unit or set(wanted.split()) <= set(unit.split()) for unit in kept):
            lost.append(f"{path}: {value!r}")
    return lost


def test_rendercv_example_keeps_every_value_the_profile_can_hold() -> None:
    cv = YAML(typ="safe").load(RENDERCV.read_text(encoding="utf-8"))["cv"]
    kept, data = imported(RENDERCV)
    # What the profile has no field for, and why.
    unheld = {
        r"social_networks\[\d+\]\.network": "kept as the link's label, not as a word of its URL",
    }
    assert missing(cv, kept, unheld) == []
    # ... and each value where a user looks for it, not only somewhere.
    person = data["person"]
    assert (person["name"], person["email"], person["website"]) == (
        "John Doe",
        "john.doe@email.com",
        "https://rendercv.com/",
    )
    assert person["address"] == ["San Francisco, CA"]
    assert [link["url"] for link in person["links"]] == [
        "https://linkedin.com/in/rendercv",
        "https://github.com/rendercv",
    ]
    phd = next(e for e in data["education"] if e["institution"] == "Princeton University")
    assert (phd["degree"], phd["field"], phd["start"], phd["end"], phd["location"]) == (
        "PhD",
        "Computer Science",
        "2018-09",
        "2023-05",
        "Princeton, NJ",
    )
    cto = next(p for p in data["positions"] if p["organization"] == "Nexus AI")
    assert (cto["title"], cto["start"], cto["end"]) == ("Co-Founder & CTO", "2023-06", "present")
    moe = next(p for p in data["publications"] if p["title"].startswith("Sparse Mixture"))
    assert moe["authors"][0] == "Doe, John" and moe["doi"] == "10.1234/neurips.2023.1234"
    spotlight = next(p for p in data["publications"] if p["title"].startswith("Neural Arch"))
    assert (spotlight["year"], spotlight["notes"]) == (2022, ["Spotlight"])
    talks = {t["title"]: t for t in data["talks"]}
    assert talks["Scaling Laws for Efficient Inference"]["event"] == "Stanford HAI Symposium"
    assert talks["Scaling Laws for Efficient Inference"]["date"] == 2024
    awards = {a["title"]: a for a in data["awards"]}
    assert awards["Forbes 30 Under 30 in Enterprise Technology"]["date"] == 2024


def test_json_resume_sample_keeps_every_value_the_profile_can_hold() -> None:
    resume = json.loads(JSON_RESUME.read_text(encoding="utf-8"))
    kept, data = imported(JSON_RESUME)
    unheld = {
        r"\$schema": "the schema's address, not the person's",
        r"basics\.image": "a photo: the profile holds no images",
        r"basics\.profiles\[\d+\]\.network": "kept as the link's label",
        r"meta\..*": "the file's own version and date, not the person's",
    }
    assert missing(resume, kept, unheld) == []
    person = data["person"]
    assert (person["name"], person["position"], person["email"], person["phone"]) == (
        "Richard Hendriks",
        "Programmer",
        "richard.hendriks@mail.com",
        "(912) 555-4321",
    )
    (job,) = data["positions"]
    assert (job["title"], job["organization"], job["start"], job["end"]) == (
        "CEO/President",
        "Pied Piper",
        "2013-12-01",
        "2014-12-01",
    )
    (degree,) = data["education"]
    assert (degree["degree"], degree["field"], degree["institution"]) == (
        "Bachelor",
        "Information Technology",
        "University of Oklahoma",
    )
    (award,) = data["awards"]
    assert (award["title"], award["issuer"], award["date"]) == (
        "Digital Compression Pioneer Award",
        "Techcrunch",
        "2014-11-01",
    )
    assert person["links"][0] == {
        "label": "Twitter (neutralthoughts)",
        "url": "https://www.twitter.com",
    }
    assert job["details"][0] == "Awesome compression company"
    (paper,) = data["publications"]
    # the schema's "publisher" ("e.g. IEEE, Computer Magazine") is where it appeared: the venue
    assert (paper["title"], paper["venue"], paper["year"]) == (
        "Video compression for 3d media",
        "Hooli",
        2014,
    )


@pytest.mark.parametrize("path", [RENDERCV, JSON_RESUME], ids=["rendercv", "json-resume"])
def test_a_second_import_of_the_example_changes_nothing(path: Path) -> None:
    reads = read_source(str(path))
    first = dict(apply_plan(plan_import(reads, None), None))
    profile = Profile.model_validate(first)
    again = plan_import(read_source(str(path)), profile)
    assert not again.added
