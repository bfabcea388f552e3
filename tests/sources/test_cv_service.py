"""Service and talk entries: who the person was, for which body, as CVs write them."""

from __future__ import annotations

from typing import Any

from packet.sources.cv import FORMATS

CV = """# Jane Doe

## Referee

- Physical Review Journals
- Journal of Fluid Mechanics

## Academic Service

- ELLIS (European Lab for Learning & Intelligent Systems) PhD Recruiting Committee, Evaluator (a.y. 2024-25)
- NSF Review Panel, Member, 2023
- Associate Editor of Ecology Letters, 2021–2024

## Talks

- "Shapes of flow", American Physical Society March Meeting, Las Vegas, NV, March 2023
- "Royal waves", Royal Society of Chemistry Annual Conference, London, July 2022
"""


def _read(section: str) -> list[dict[str, Any]]:
    reader = next(f for f in FORMATS if f.name == "cv-markdown")
    result = reader.read(CV.encode(), "cv.md")
    return [c.fields for c in result.candidates if c.section == section]


def test_a_referee_heading_gives_each_entry_its_role() -> None:
    referee = [s for s in _read("service") if s.get("kind") == "referee"]
    assert [(s["organization"], s.get("role")) for s in referee] == [
        ("Physical Review Journals", "Referee"),
        ("Journal of Fluid Mechanics", "Referee"),
    ]


def test_a_role_after_the_body_and_the_committee_after_the_organisation() -> None:
    ellis, panel, editor = [s for s in _read("service") if s.get("kind") != "referee"]
    assert ellis["organization"] == "ELLIS (European Lab for Learning & Intelligent Systems)"
    assert ellis["role"] == "Evaluator, PhD Recruiting Committee"
    assert ellis["kind"] == "evaluator"
    assert ellis["details"] == ["Academic year 2024-25"]
    assert (panel["organization"], panel["role"], panel["kind"]) == (
        "NSF Review Panel", "Member", "committee")
    assert (editor["role"], editor["organization"], editor["kind"]) == (
        "Associate editor", "Ecology Letters", "editorial")


def test_a_society_hosts_the_meeting_it_names() -> None:
    aps, royal = _read("talks")
    assert (aps.get("host"), aps.get("event")) == ("American Physical Society", "March Meeting")
    assert royal.get("host") == "Royal Society of Chemistry"
    assert royal.get("event") == "Annual Conference"
