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


APA = """<html><body><h2>PRESENTATIONS</h2>
<div>2024</div>
<div><b>Alperin, J.P.</b> (Oct 23). Addressing structural inequalities in bibliographic
sources. <em>BIREDIAL</em>. Santiago, Chile.</div>
<div><b>Alperin, J.P.</b> (April 18). <em>Open Access Challenges and the Importance of Open
Infrastructure</em>. Jornadas de intercambio. Universidad Nacional de La Plata, Argentina.</div>
<div>Fleerackers, A., Shores, K. &amp; Alperin, J. P. (2023, May 4). Preprints in the news?
Annual Meeting of the ICA. Toronto, Canada.</div>
</body></html>"""


def test_apa_presentations_under_a_year_line() -> None:
    reader = next(f for f in FORMATS if f.name == "cv-html")
    talks = [c.fields for c in reader.read(APA.encode(), "cv.html").candidates
             if c.section == "talks"]
    assert [(t["title"], t["event"], t["date"]) for t in talks] == [
        ("Addressing structural inequalities in bibliographic sources", "BIREDIAL", "2024-10-23"),
        ("Open Access Challenges and the Importance of Open Infrastructure",
         "Jornadas de intercambio", "2024-04-18"),
        ("Preprints in the news?", "Annual Meeting of the ICA", "2023-05-04"),
    ]
    assert talks[0]["location"] == "Santiago, Chile"
    assert talks[1]["host"] == "Universidad Nacional de La Plata"
