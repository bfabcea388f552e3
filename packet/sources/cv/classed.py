"""Entries of CV classes whose macros name their parts: the fields come from the macro.

moderncv's `\\cventry{dates}{title}{employer}{city}{grade}{description}`, awesome-cv's
`\\cventry{position}{organization}{location}{dates}{description}` and
`\\cvhonor{award}{event}{location}{date}` say which argument is which; reading them back
from the joined text would guess again what the class already said (is "Kasa" the
employer or the job?). The LaTeX reader keeps each such entry's arguments by role in
`Block.parts` (role, org, place, dates, grade, details); this module turns them into the
fields of the section the entry sits in. Sections not listed here read the entry's text.
"""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import Block, plain
from packet.sources.dates import find_dates

Found = tuple[dict[str, Any], list[str], int]
SECTIONS = ("positions", "education", "awards", "talks")
# "Presenter for <Metasploit 101>", 'Speaker, "Title"': the talk's title inside the role
_TITLE_IN_ROLE = re.compile(r"<([^<>]{3,})>|[\"“]([^\"”]{3,})[\"”]")


def _dates(text: str) -> tuple[dict[str, Any], list[str]]:
    """start/end (or date) of a dates argument; several dates ("Sep. 2013, Mar. 2011 -
    Oct. 2011") span from the earliest to the latest."""
    spans = find_dates(text)
    if not spans:
        return {}, (["date"] if text.strip() else [])
    uncertain = [u for s in spans for u in s.uncertain]
    if len(spans) == 1 and spans[0].end is None:
        return {"date": spans[0].start}, uncertain
    starts = [s.start for s in spans if s.start]
    ends = [s.end if s.end else s.start for s in spans]
    end = "present" if "present" in ends else max((e for e in ends if e), default=None)
    out: dict[str, Any] = {"start": min(starts)} if starts else {}
    if end:
        out["end"] = end
    return out, uncertain


def read(section: str, block: Block, text_fields: dict[str, Any] | None = None) -> Found | None:
    """The entry's fields from its parts; `text_fields`, what the section's text reader made
    of the same entry, adds what only the text says (a degree's field, a thesis, advisors,
    an amount) where it agrees with the parts."""
    parts: dict[str, Any] = block.parts or {}
    role, org, place = (plain(str(parts.get(k) or "")) for k in ("role", "org", "place"))
    when, uncertain = _dates(plain(str(parts.get("dates") or "")))
    # latex2text writes each \item of the description's list as "* text"
    details = [
        item.strip()
        for d in parts.get("details") or []
        for item in re.split(r"(?:^|\s)\*\s+", plain(d))
        if item.strip()
    ]
    grade = plain(str(parts.get("grade") or ""))
    fields: dict[str, Any] = {}
    if section == "positions":
        if "date" in when:
            when = {"start": when["date"]}
        fields = {"title": role, "organization": org, "location": place, **when}
        if not role:
            uncertain.append("title")
    elif section == "education":
        if "date" in when:
            when = {"end": when["date"]}
        fields = {"degree": role, "institution": org, "location": place, **when}
        if grade:
            details.insert(0, grade)
    elif section == "awards":
        if "start" in when:  # "2019-2021": awarded in its first year
            when = {"date": when["start"]}
        fields = {"title": role, "issuer": org, **when}
        if place:
            fields["description"] = place
    elif section == "talks":
        if "start" in when:  # a talk at a meeting of several days: the day it starts
            when = {"date": when["start"]}
        titled = _TITLE_IN_ROLE.search(role)
        title = next(g for g in titled.groups() if g) if titled else role
        fields = {"title": title.strip(), "event": org, "location": place, **when}
        uncertain.append("kind")
    else:
        return None
    if details:
        fields["details"] = details
    if section in ("awards", "talks"):
        # neither holds details: an award's go to its description; a talk's lines under it
        # (what it covered) have no field, as when the text reader reads a talk
        fields.pop("details", None)
        if details and section == "awards":
            fields["description"] = " ".join([fields.get("description") or "", *details]).strip()
    clean = {k: v for k, v in fields.items() if v not in (None, "", [])}
    if not clean.get("title") and not clean.get("degree"):
        return None
    for name, value in (text_fields or {}).items():
        if name in clean or value in (None, "", []):
            continue
        if section == "education" and name == "field":
            # "Ph.D. in Theoretical Physics" -> Ph.D. + Theoretical Physics, when the text
            # reader's degree is the start of the argument
            degree = str(text_fields.get("degree") or "")  # type: ignore[union-attr]
            if degree and clean["degree"].startswith(degree) and str(value) in clean["degree"]:
                clean["degree"] = degree
            else:
                continue
        if name in ("degree", "organization", "institution", "issuer", "event", "host",
                    "location", "start", "end", "date"):  # fmt: skip
            continue  # the parts said where and when
        clean[name] = value
    if section == "education" and clean.get("details") and text_fields:
        # the thesis and advisors the text reader found are not details again
        clean["details"] = text_fields.get("details") or []
        if not clean["details"]:
            del clean["details"]
    return clean, uncertain, block.line
