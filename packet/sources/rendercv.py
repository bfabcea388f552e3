"""RenderCV YAML: the `cv:` block (person, social networks, and sections of typed entries).

Section titles in RenderCV are free text; an entry's type is told by its keys
(education: institution/area/degree, experience: company/position, publication:
title/authors, normal: name, one-line: label/details, bullet, numbered, text).
A section packet has no place for is kept as lines (`SourceRead.unplaced`).
"""

from __future__ import annotations

import re
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Candidate, Format, SourceRead
from packet.sources.section_names import section_for, talk_kind
from packet.sources.text_input import load_yaml_text, text_of

NETWORK_URLS = {
    "linkedin": "https://linkedin.com/in/{}",
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "google scholar": "https://scholar.google.com/citations?user={}",
    "researchgate": "https://researchgate.net/profile/{}",
    "x": "https://x.com/{}",
    "twitter": "https://twitter.com/{}",
    "mastodon": "https://{}",
    "bluesky": "https://bsky.app/profile/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "youtube": "https://youtube.com/@{}",
    "instagram": "https://instagram.com/{}",
    "orcid": "https://orcid.org/{}",
}


def _range(entry: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if entry.get("start_date") is not None:
        out["start"] = entry["start_date"]
    if entry.get("end_date") is not None:
        out["end"] = entry["end_date"]
    return out


def _details(entry: dict[str, Any]) -> list[str]:
    lines = [text_of(entry.get("summary"))] + [text_of(h) for h in entry.get("highlights") or []]
    return [line for line in lines if line]


def entry_candidate(section: str | None, entry: Any) -> tuple[str, dict[str, Any]] | None:
    """(profile section, fields) for one RenderCV entry, or None when it has no place."""
    if not isinstance(entry, dict) or set(entry) <= LINE_KEYS:
        return _line(section, entry)
    date = entry.get("date")
    if "authors" in entry or (section == "publications" and "title" in entry):
        fields = {
            "title": entry.get("title"),
            "authors": [str(a) for a in entry.get("authors") or []],
            "venue": entry.get("journal"),
            "doi": entry.get("doi"),
            "url": entry.get("url"),
            "abstract": entry.get("summary"),
        }
        if date is not None:
            fields["date" if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(date)) else "year"] = date
            fields.setdefault("year", date)
        if "arxiv.org/" in str(entry.get("url") or ""):
            fields["arxiv"] = entry["url"]
        if m := _VENUE_NOTE.match(str(entry.get("journal") or "")):
            # "NeurIPS 2022, Spotlight": the venue, its edition's year, a note
            fields["venue"] = m.group("venue")
            fields["notes"] = [m.group("note")]
            fields.setdefault("year", int(m.group("year")))
        journal = str(entry.get("journal") or "").casefold()
        if "arxiv" in journal or "preprint" in journal:
            fields["kind"], fields["venue"] = "preprint", None
        elif fields["venue"] and (numbers := _JOURNAL_NUMBERS.match(str(fields["venue"]))):
            fields.update(_journal_numbers(numbers))
        return "publications", fields
    if "institution" in entry:
        fields = {
            "institution": entry["institution"],
            "field": entry.get("area"),
            "degree": entry.get("degree"),
            "location": entry.get("location"),
            **_range(entry),
            "details": _details(entry),
        }
        if date is not None and "end" not in fields:
            fields["end"] = date
        return "education", fields
    if "company" in entry:
        if section == "teaching":
            # The course is the entry's one-line summary; its highlights are details.
            return "teaching", {
                "institution": entry["company"],
                "role": entry.get("position"),
                "course": text_of(entry.get("summary")),
                "location": entry.get("location"),
                **_range(entry),
                "details": [text_of(h) for h in entry.get("highlights") or [] if text_of(h)],
            }
        if section == "service":
            return "service", {
                "organization": entry["company"],
                "role": entry.get("position"),
                **_range(entry),
                "details": _details(entry),
            }
        fields = {
            "organization": entry["company"],
            "title": entry.get("position"),
            "location": entry.get("location"),
            **_range(entry),
            "details": _details(entry),
        }
        if date is not None and not _range(entry):
            fields["start"] = date
        return "positions", fields
    if "label" in entry:
        label, details = entry.get("label"), text_of(entry.get("details")) or ""
        if section == "languages":
            return "languages", {"name": label, "level": details or None}
        items = [p.strip() for p in re.split(r"[,;]", details) if p.strip()]
        return "skills", {"category": label, "items": items}
    if "name" in entry:
        return _normal(section, entry)
    return None


# "Communications Biology 8(1) 840", "Network Neuroscience 1-27": RenderCV has one journal
# field, so people write the volume, issue and pages into it
_JOURNAL_NUMBERS = re.compile(
    r"^(?P<venue>.*?[^\d\s,])[,\s]+(?:(?!(?:19|20)\d\d\s*$)(?P<volume>\d{1,4})(?:\((?P<issue>[\w–-]{1,9})\))?"
    r"(?:[,:]?\s+(?P<pages>[A-Za-z]{0,4}\d+(?:\s*[-–]\s*\d+)?))?"
    r"|(?P<range>\d+\s*[-–]\s*\d+))\s*$"
)
_YEAR_SPAN = re.compile(r"^\s*(?P<start>(?:19|20)\d\d)\s*[-–]\s*(?P<end>(?:19|20)\d\d|present)\s*$")


def _journal_numbers(m: re.Match[str]) -> dict[str, Any]:
    out = {"venue": m.group("venue")}
    if m.group("volume"):
        out["volume"] = m.group("volume")
    if m.group("issue"):
        out["issue"] = m.group("issue")
    pages = m.group("pages") or m.group("range")
    if pages and re.fullmatch(r"e\d{4,}", pages):
        out["number"] = pages  # "e70533": an article number, as the BibTeX eid
    elif pages:
        out["pages"] = pages
    return out


_VENUE_NOTE = re.compile(r"^(?P<venue>[^,]+?)\s+(?P<year>(?:19|20)\d{2}),\s*(?P<note>\S.*)$")
LINE_KEYS = {"bullet", "number", "reversed_number"}
# "Scaling Laws for Efficient Inference — Stanford HAI Symposium": a talk and where it was given
_TITLE_EVENT = re.compile(r"^(?P<title>.+?)\s+[—–]\s+(?P<event>\S.*)$")
# "Forbes 30 Under 30 (2024)", "Google PhD Fellowship (2020 – 2023)": a title and its year.
_TRAILING_YEARS = re.compile(
    r"^(?P<title>.+?)\s*\((?P<start>\d{4})(?:\s*[–-]\s*(?P<end>\d{4}|present))?\)\s*$"
)


def _line(section: str | None, entry: Any) -> tuple[str, dict[str, Any]] | None:
    """A one-line entry (text, bullet, numbered) in an awards or talks section: its text is
    the title, a year in brackets at its end the date. Elsewhere it stays a note."""
    text = next(iter(entry.values()), None) if isinstance(entry, dict) else entry
    if section not in ("awards", "talks", "meetings") or not isinstance(text, str):
        return None
    match = _TRAILING_YEARS.match(text.strip())
    fields: dict[str, Any] = {"title": match.group("title") if match else text.strip()}
    if match and not match.group("end"):
        fields["date"] = match.group("start")
    elif match:
        fields["date"] = match.group("start")
        fields["description"] = f"{match.group('start')} – {match.group('end')}"
    if section != "awards":
        fields.pop("description", None)
    if section == "talks" and (split := _TITLE_EVENT.match(fields["title"])):
        fields["title"], fields["event"] = split.group("title"), split.group("event")
    return section, fields


def _normal(section: str | None, entry: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """A NormalEntry (name, date, location, summary, highlights) in the section it sits in."""
    name, date, summary = entry.get("name"), entry.get("date"), text_of(entry.get("summary"))
    dated = {"date": date} if date is not None else {}
    if section in ("talks", "meetings"):
        fields = {"title": name, "location": entry.get("location"), **dated}
        if section == "talks":
            fields["event"] = summary
        return section, fields
    if section == "awards":
        span = _YEAR_SPAN.match(str(date or ""))
        if span:  # "2016-2019": held from 2016; the span is said in the description
            dated = {"date": span.group("start")}
            summary = "; ".join(p for p in (f"{span.group('start')} – {span.group('end')}",
                                            summary) if p)  # fmt: skip
        return "awards", {"title": name, "description": summary, **dated}
    if section == "grants":
        when = _range(entry) or ({"start": date} if date is not None else {})
        return "grants", {"title": name, "description": summary, **when}
    if section == "interests":
        return "interests", {"area": name, "topics": entry.get("highlights") or []}
    if section == "teaching":
        return "teaching", {
            "course": name,
            "location": entry.get("location"),
            **_range(entry),
            "details": _details(entry),
        }
    if section == "service":
        return "service", {
            "organization": name,
            **_range(entry),
            **dated,
            "details": _details(entry),
        }
    if section == "mentoring":
        return "mentoring", {"student": name, "project": summary, **dated}
    return None


def entry_lines(entry: Any) -> list[str]:
    if isinstance(entry, dict):
        return [" | ".join(f"{k}: {v}" for k, v in entry.items() if v not in (None, "", []))]
    return [str(entry)]


def _person(cv: dict[str, Any]) -> dict[str, Any]:
    person: dict[str, Any] = {k: cv[k] for k in ("name", "email", "website") if cv.get(k)}
    if cv.get("phone"):
        person["phone"] = str(cv["phone"]).removeprefix("tel:")
    if cv.get("location"):
        person["address"] = [str(cv["location"])]
    links = []
    for network in cv.get("social_networks") or []:
        if not isinstance(network, dict):
            continue
        kind, user = str(network.get("network", "")), str(network.get("username", ""))
        if kind.casefold() == "orcid":
            person["orcid"] = user.rsplit("/", 1)[-1]
            continue
        template = NETWORK_URLS.get(kind.casefold())
        if template and user:
            links.append({"label": kind, "url": template.format(user)})
    if links:
        person["links"] = links
    return person


def read_rendercv(data: bytes, shown: str) -> SourceRead:
    doc = load_yaml_text(data, shown)
    cv = doc.get("cv") if isinstance(doc, dict) else None
    if not isinstance(cv, dict):
        raise UserError(
            f"{shown} is not a RenderCV file", [Problem("no `cv:` mapping at the top", file=shown)]
        )
    read = SourceRead(shown, "rendercv", person=_person(cv))
    sections = cv.get("sections") or {}
    if not isinstance(sections, dict):
        raise UserError(
            f"{shown}: cv.sections is not a mapping",
            [Problem("expected section titles with lists of entries", file=shown)],
        )
    for title, entries in sections.items():
        target = section_for(str(title))
        for number, entry in enumerate(entries if isinstance(entries, list) else [entries], 1):
            found = entry_candidate(target, entry)
            origin = f"{shown} cv.sections.{title}[{number}]"
            if found is None:
                read.unplaced.setdefault(str(title), []).extend(entry_lines(entry))
                continue
            section, fields = found
            if section == "talks" and (kind := talk_kind(str(title))):
                fields["kind"] = kind
            clean = {k: v for k, v in fields.items() if v not in (None, "", [])}
            read.candidates.append(Candidate(section, clean, origin, "markdown"))
    return read


def _sniff(head: bytes) -> bool:
    return (bool(re.search(rb"(?m)^cv:\s*$", head)) and b"sections:" in head) or bool(
        re.search(rb"(?m)^cv:\s*\n(\s+\S.*\n)*?\s+name:", head)
    )


FORMATS = [
    Format("rendercv", read_rendercv, (".yaml", ".yml"), _sniff, 9, "RenderCV YAML (cv: ...)")
]
