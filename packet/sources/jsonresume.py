"""JSON Resume (jsonresume.org schema v1): basics, work, volunteer, education, awards,
publications, skills, languages, interests; what has no place in a profile
(certificates, projects, references) is kept as lines in `SourceRead.unplaced`."""

from __future__ import annotations

from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Candidate, Format, SourceRead
from packet.sources.text_input import load_json, text_of

UNPLACED = ("certificates", "projects", "references")
# Fields of entries the profile's items have no field for: kept as notes, not dropped.
UNHELD = {"work": ("url",), "volunteer": ("url",), "education": ("url",), "skills": ("level",)}


def _lines(entry: dict[str, Any]) -> list[str]:
    lines = [text_of(entry.get("summary"))] + [text_of(h) for h in entry.get("highlights") or []]
    return [line for line in lines if line]


def _range(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        k: entry.get(s) for k, s in (("start", "startDate"), ("end", "endDate")) if entry.get(s)
    }


def _person(basics: dict[str, Any]) -> dict[str, Any]:
    person: dict[str, Any] = {k: basics[k] for k in ("name", "email", "phone") if basics.get(k)}
    if basics.get("url"):
        person["website"] = basics["url"]
    if basics.get("label"):
        person["position"] = basics["label"]
    location = basics.get("location") or {}
    if isinstance(location, dict):
        city = ", ".join(str(location[k]) for k in ("postalCode", "city") if location.get(k))
        lines = [location.get("address"), city, location.get("region"), location.get("countryCode")]
        address = [str(line) for line in lines if line]
        if address:
            person["address"] = address
    links = []
    for profile in basics.get("profiles") or []:
        if not isinstance(profile, dict):
            continue
        network, url = str(profile.get("network") or ""), profile.get("url")
        if network.casefold() == "orcid":
            person["orcid"] = (
                str(profile.get("username") or url or "").rstrip("/").rsplit("/", 1)[-1]
            )
        elif url:
            user = str(profile.get("username") or "")
            label = network or str(url)
            if user and user.casefold() not in str(url).casefold():
                label = f"{label} ({user})"  # "https://www.twitter.com" names no account
            links.append({"label": label, "url": url})
    if links:
        person["links"] = links
    return person


def _entries(doc: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = doc.get(key) or []
    return [
        (i, e)
        for i, e in enumerate(value if isinstance(value, list) else [], 1)
        if isinstance(e, dict)
    ]


def candidates(doc: dict[str, Any], shown: str, owner: str | None) -> list[Candidate]:
    out: list[Candidate] = []

    def add(
        section: str, key: str, i: int, fields: dict[str, Any], uncertain: list[str] | None = None
    ) -> None:
        clean = {k: v for k, v in fields.items() if v not in (None, "", [])}
        out.append(Candidate(section, clean, f"{shown} {key}[{i}]", "plain", uncertain or []))

    for i, e in _entries(doc, "work"):
        add(
            "positions",
            "work",
            i,
            {
                "organization": e.get("name") or e.get("company"),
                "title": e.get("position"),
                "location": e.get("location"),
                **_range(e),
                # "description" says what the organization is: the first detail
                "details": [d for d in [text_of(e.get("description"))] if d] + _lines(e),
            },
        )
    for i, e in _entries(doc, "volunteer"):
        add(
            "service",
            "volunteer",
            i,
            {
                "organization": e.get("organization"),
                "role": e.get("position"),
                "kind": "other",
                **_range(e),
                "details": _lines(e),
            },
        )
    for i, e in _entries(doc, "education"):
        details = [f"Courses: {', '.join(map(str, e['courses']))}"] if e.get("courses") else []
        add(
            "education",
            "education",
            i,
            {
                "institution": e.get("institution"),
                "field": e.get("area"),
                "degree": e.get("studyType"),
                "honors": e.get("score"),
                **_range(e),
                "details": details,
            },
        )
    for i, e in _entries(doc, "awards"):
        add(
            "awards",
            "awards",
            i,
            {
                "title": e.get("title"),
                "issuer": e.get("awarder"),
                "date": e.get("date"),
                "description": e.get("summary"),
            },
        )
    for i, e in _entries(doc, "publications"):
        date = e.get("releaseDate")
        uncertain = []
        authors = [
            str(a) for a in e.get("authors") or []
        ]  # not in the schema, but some files have it
        if not authors and owner:
            authors = [owner]
            uncertain.append(
                "authors: the file names none; set to the CV's owner alone, add the others"
            )
        add(
            "publications",
            "publications",
            i,
            {
                "title": e.get("name"),
                "venue": e.get("publisher"),
                "date": date,
                "year": date,
                "url": e.get("url"),
                "abstract": e.get("summary"),
                "authors": authors,
            },
            uncertain,
        )
    for i, e in _entries(doc, "skills"):
        items = [str(k) for k in e.get("keywords") or []] or (
            [str(e["level"])] if e.get("level") else []
        )
        add("skills", "skills", i, {"category": e.get("name"), "items": items})
    for i, e in _entries(doc, "languages"):
        add("languages", "languages", i, {"name": e.get("language"), "level": e.get("fluency")})
    for i, e in _entries(doc, "interests"):
        add("interests", "interests", i, {"area": e.get("name"), "topics": e.get("keywords") or []})
    return out


def read_jsonresume(data: bytes, shown: str) -> SourceRead:
    doc = load_json(data, shown)
    if not isinstance(doc, dict) or not any(k in doc for k in ("basics", "work", "education")):
        raise UserError(
            f"{shown} is not a JSON Resume",
            [Problem("expected 'basics', 'work' or 'education' at the top", file=shown)],
        )
    basics: dict[str, Any] = doc["basics"] if isinstance(doc.get("basics"), dict) else {}
    person = _person(basics)
    read = SourceRead(shown, "json-resume", candidates(doc, shown, person.get("name")), person)
    if basics.get("summary"):
        read.unplaced["basics.summary"] = [str(basics["summary"])]
    for key, names in UNHELD.items():
        for i, e in _entries(doc, key):
            for name in names:
                if e.get(name):
                    read.unplaced.setdefault(f"{key}.{name}", []).append(f"[{i}] {e[name]}")
    for key in UNPLACED:
        for i, e in _entries(doc, key):
            line = " | ".join(f"{k}: {v}" for k, v in e.items() if v not in (None, "", []))
            read.unplaced.setdefault(key, []).append(f"[{i}] {line}")
    return read


def _sniff(head: bytes) -> bool:
    text = head.lstrip()[:8192]
    return (text.startswith(b"{") and b'"basics"' in text) or b"jsonresume" in text


FORMATS = [
    Format("json-resume", read_jsonresume, (".json",), _sniff, 9, "JSON Resume (resume.json)")
]
