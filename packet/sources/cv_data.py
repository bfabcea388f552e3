"""CV data files of academic site themes: al-folio's `_data/cv.yml`.

al-folio (the Jekyll theme many researchers' pages use) keeps the CV as a YAML list of
sections, each `{title, type, contents}`: `time_table` entries (`title`, `institution`,
`year`, `description`, or `year` with a list of `items`), `map` entries (`name`,
`value`), `list` and `nested_list` entries. A section's title says where it goes (the
words RenderCV titles are read by); an entry is read by its keys. What has no place in a
profile (a date of birth, a section of hobbies) is kept as lines in `unplaced`.
"""

from __future__ import annotations

import re
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Candidate, Format, SourceRead
from packet.sources.cv.dated import DEGREE_RE, subject
from packet.sources.dates import parse_range
from packet.sources.section_names import section_for, talk_kind
from packet.sources.text_input import load_yaml_text, text_of

SECTION_TYPES = {"map", "time_table", "list", "nested_list"}
_PERSON_FIELDS = {"full name": "name", "name": "name", "email": "email", "phone": "phone",
                  "website": "website", "homepage": "website"}  # fmt: skip


def _lines(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for v in values if (text := text_of(v))]


def _span(year: Any) -> tuple[str | None, str | None]:
    """'2019 - 2023' -> (2019, 2023); '2017' -> (2017, None); text that is no date -> nothing."""
    found = parse_range(str(year)) if year is not None else None
    return found if found else (None, None)


def _entry(section: str | None, entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(section, fields) for one time_table entry: one item, or one per line of `items`."""
    start, end = _span(entry.get("year"))
    title, place = text_of(entry.get("title")), text_of(entry.get("institution"))
    details = _lines(entry.get("description"))
    if section == "education":
        when = {"start": start, "end": end} if end else {"end": start}
        degree: dict[str, Any] = {"degree": title, "institution": place, **when, "details": details}
        bare = bool(title and DEGREE_RE.fullmatch(title.strip()))
        if bare and len(details) == 1 and (named := subject(details[0])):
            # "title: PhD, description: [Physics & Astronomy]": a line that is only a
            # subject, under a degree, is the degree's field
            degree.update(field=named, details=[])
        return [(section, degree)]
    if section == "positions":
        return [(section, {"title": title, "organization": place, "start": start, "end": end,
                           "details": details})]  # fmt: skip
    if section in ("awards", "talks", "meetings"):
        # "year: 2016 - 2017, items: [RM Petrie Memorial Fellowship (University of Victoria)]":
        # each line an award of that year (a fellowship held for years: dated by its start)
        names = [title] if title else _lines(entry.get("items"))
        out = []
        for name in names:
            fields: dict[str, Any] = {"title": name, "date": start}
            if section == "awards":
                fields.update(issuer=place or None, description=" ".join(details) or None)
                if end:
                    fields["description"] = " ".join(
                        d for d in (fields["description"], f"{start} – {end}") if d
                    )
            else:
                fields["event" if section == "talks" else "location"] = place or None
            out.append((section, fields))
        return out
    return []


def read_cv_data(data: bytes, shown: str) -> SourceRead:
    doc = load_yaml_text(data, shown)
    if not isinstance(doc, list) or not all(isinstance(s, dict) for s in doc):
        raise UserError(
            f"{shown} is not a CV data file",
            [Problem("expected a list of sections with title, type and contents", file=shown)],
        )
    read = SourceRead(shown, "cv-data")
    for number, block in enumerate(doc, 1):
        title = str(block.get("title") or f"section {number}")
        contents = block.get("contents") or []
        contents = contents if isinstance(contents, list) else [contents]
        target = section_for(title)
        kind = talk_kind(title)
        for index, entry in enumerate(contents, 1):
            origin = f"{shown} [{number}] {title}[{index}]"
            if block.get("type") == "map" and isinstance(entry, dict):
                name, value = str(entry.get("name") or ""), text_of(entry.get("value"))
                field = _PERSON_FIELDS.get(name.casefold())
                if field and value:
                    read.person.setdefault(field, value)
                elif value:
                    read.unplaced.setdefault(title, []).append(f"{name}: {value}")
                continue
            found = _entry(target, entry) if isinstance(entry, dict) else []
            if not found:
                lines = (
                    [" | ".join(f"{k}: {text_of(v)}" for k, v in entry.items() if text_of(v))]
                    if isinstance(entry, dict)
                    else _lines(entry)
                )
                read.unplaced.setdefault(title, []).extend(line for line in lines if line)
                continue
            for section, fields in found:
                if section == "talks" and kind:
                    fields["kind"] = kind
                clean = {k: v for k, v in fields.items() if v not in (None, "", [])}
                read.candidates.append(Candidate(section, clean, origin, "markdown"))
    return read


def _sniff(head: bytes) -> bool:
    """A YAML list of `- title: ...` sections with a `type:` of al-folio's."""
    return bool(re.match(rb"\s*(?:#.*\n\s*)*- title:", head)) and bool(
        re.search(rb"(?m)^\s+type:\s*(?:map|time_table|list|nested_list)\s*$", head)
    )


FORMATS = [
    Format(
        "cv-data",
        read_cv_data,
        (".yml", ".yaml"),
        _sniff,
        8,
        "CV data file of a site theme (al-folio _data/cv.yml)",
    )
]
