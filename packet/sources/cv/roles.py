"""Teaching, mentoring and the short lists of a CV (interests, skills, languages, contact)."""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import plain
from packet.sources.cv.common import (
    Entry,
    entries,
    first_emphasis,
    header_of,
    is_org,
    is_title,
    last_date,
    parts,
    set_dates,
    tidy,
)
from packet.sources.cv.dated import DEGREE_RE
from packet.sources.cv.items import Found
from packet.sources.cv.sections import Section
from packet.sources.dates import find_dates

_CODE_RE = re.compile(r"\b([A-Z]{2,5}[- ]?\d{2,4}[A-Z]?)\b")
_TERM_RE = re.compile(
    r"\b(?:Fall|Autumn|Spring|Summer|Winter)\s+(?:19|20)\d{2}(?:\s+to\s+present)?", re.I
)


def teaching(section: Section) -> list[Found]:
    found: list[Found] = []
    context: dict[str, Any] = {}
    for entry in entries(section):
        head = entry.text.split("\n")[0]
        flat = plain(head)
        if header_of(entry) or (
            first_emphasis(head) and not _CODE_RE.search(flat) and not find_dates(flat)
        ):
            bold = first_emphasis(head)
            if bold:
                context = {"institution": bold[0]}
                if bold[1].strip(" ,"):
                    context["location"] = bold[1].strip(" ,.")
            continue
        fields: dict[str, Any] = {}
        terms = [t.group(0) for t in _TERM_RE.finditer(flat)]
        span_all = find_dates(flat)
        ranges = [s for s in span_all if s.end is not None]
        if ranges:  # "Teaching assistant (2024 award) Fall 2021 to present": the range dates it
            span_all = ranges[-1:]
        starts = [s.start for s in span_all if s.start]
        ends = [s.end or s.start for s in span_all]
        if terms:
            fields["terms"] = terms
        if ranges and starts:
            fields["start"], fields["end"] = starts[0], ends[-1]
        elif starts:  # a list of terms: the years it spans
            fields["start"], fields["end"] = starts[0][:4], (ends[-1] or starts[-1])[:4]
        text = flat
        for s in reversed(span_all):
            text = text[: s.span[0]] + text[s.span[1] :]
        text = tidy(re.sub(r"\((?:\s*,?\s*)*\)", "", text))
        role = re.match(r"^(.+?)\s+(?:at|for|in)\s+(?=[A-Z])", text)
        code = _CODE_RE.search(text)
        if role and code and role.end() <= code.start():
            fields["role"] = role.group(1)
            text = text[role.end() :]
        note = re.search(r"\(([^)]*)\)", text)
        if note and not code:
            fields["details"] = [note.group(1).strip()]
            text = text[: note.start()] + text[note.end() :]
        code = _CODE_RE.search(text)
        if code:
            fields["code"] = code.group(1)
            text = text[: code.start()] + text[code.end() :]
        text = tidy(text).rstrip(".")
        bits = parts(text)
        if len(bits) > 1 and is_title(bits[0]):
            fields["role"] = bits.pop(0)
        orgs = [b for b in bits[1:] if is_org(b) or re.fullmatch(r"[A-Z]{2,6}(?: [A-Z][a-z]+)?", b)]
        if "role" in fields and not code and all(is_org(b) for b in bits):
            orgs = bits[:]  # "Teaching Fellow, Department of History, Fordham University"
        if orgs:
            broad = [b for b in orgs if re.search(r"(?i)universit|college|school|institut", b)]
            fields["institution"] = broad[-1] if broad else orgs[0]
            bits = [b for b in bits if b not in orgs]
        text = ", ".join(bits)
        if not text and "role" in fields:
            # a role with its institution and dates: the lines after it are its courses; the
            # appointment itself is kept, its course left for the user to name
            for key in ("institution", "location"):
                if key in context:
                    fields.setdefault(key, context[key])
            keep = ("role", "institution", "location", "start", "end")
            context = {**context, **{k: v for k, v in fields.items() if k in keep}}
            found.append((fields, ["course"], entry.line))
            continue
        if not code and is_title(text) and len(text.split()) <= 5:
            fields["role"], fields["course"] = text, context.get("course", text)
            context["role"] = text
        else:
            fields["course"] = text.strip("“”\"' ")
        fields.setdefault("role", context.get("role", ""))
        if not fields["role"]:
            fields.pop("role")
        for key in ("institution", "location", "start", "end"):
            if key in context:
                fields.setdefault(key, context[key])
        found.append((fields, [] if fields.get("role") else ["role"], entry.line))
    return found


_LEVEL_RE = [
    (r"ph\.?d|doctoral", "phd"),
    (r"master'?s? thes", "master-thesis"),
    (r"semester", "semester-project"),
    (r"master|m\.s|msc", "master"),
    (r"bachelor|undergrad|b\.s|bsc", "bachelor"),
    (r"intern", "intern"),
]


def mentoring(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        flat = plain(entry.text.split("\n")[0])
        span, rest = last_date(flat)
        fields: dict[str, Any] = {}
        uncertain = set_dates(fields, span)
        if "start" in fields:  # mentoring is dated once: "2019-2021" -> when it began
            fields["date"] = fields.pop("start")
            fields.pop("end")
        bits = parts(tidy(rest))
        if not bits:
            continue
        fields["student"] = bits.pop(0)
        program = next((b for b in bits if DEGREE_RE.search(b)), None)
        if program:
            fields["program"] = program
            bits.remove(program)
        if bits:
            fields["institution"] = bits.pop()
        if bits:
            fields["project"] = ", ".join(bits)
        level = entry.context.get("level") or next(
            (
                v
                for p, v in _LEVEL_RE
                if re.search(p, f"{entry.context.get('subheading', '')} {program or ''}", re.I)
            ),
            None,
        )
        if level:
            fields["level"] = level
        else:
            uncertain.append("level")
        found.append((fields, uncertain, entry.line))
    return found


def labelled_lists(section: Section) -> list[Found]:
    """Interests and skills: "Area: a, b, c" lines."""
    found: list[Found] = []
    key, items_key = ("area", "topics") if section.name == "interests" else ("category", "items")
    for entry in entries(section):
        flat = plain(entry.text.replace("\n", " "))
        for m in re.finditer(r"([^:.]{2,80}):\s*([^:]+?)(?=\.\s+[^:.]{2,80}:|\.?$)", flat):
            values = [v.strip(" .") for v in re.split(r",\s*|;\s*", m.group(2)) if v.strip(" .")]
            found.append(({key: m.group(1).strip(), items_key: values}, [], entry.line))
        if not re.search(r":", flat) and flat:
            found.append(
                ({key: section.heading.title(), items_key: parts(flat)}, [key], entry.line)
            )
    return found


def languages(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        for bit in re.split(r",\s*|;\s*|\n", plain(entry.text)):
            m = re.match(
                r"^([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s*(?:[:(–-]\s*([^)]*)\)?)?$", bit.strip(" .")
            )
            if m:
                fields = {"name": m.group(1)} | (
                    {"level": m.group(2).strip()} if m.group(2) else {}
                )
                found.append((fields, [], entry.line))
    return found


def person(section: Section, entries_text: list[Entry] | None = None) -> dict[str, Any]:
    text = "\n".join(plain(b.text) for b in section.blocks)
    out: dict[str, Any] = {}
    if m := re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        out["email"] = m.group(0)
    if m := re.search(r"(?:phone|tel)\.?:?\s*(\+?[\d][\d ()./-]{6,}\d)", text, re.I):
        out["phone"] = m.group(1).strip()
    links = re.findall(r"(?:website|homepage|web|url)\s*:\s*(\S+)", text, re.I)
    if links:
        out["website"] = links[0] if links[0].startswith("http") else "https://" + links[0]
    for label, url in re.findall(
        # on its own line: "ORCID:" with its link dropped is no address of the next line
        r"(LinkedIn|GitHub|Twitter|Google Scholar|ORCID)[ \t]*:[ \t]*(\S+)", text, re.I
    ):
        if label.upper() == "ORCID" and not re.search(r"orcid\.org|\d{4}-\d{4}", url):
            continue  # "ORCID:" whose iD was a link the text lost: the next words are no iD
        out.setdefault("links", []).append(
            {"label": label, "url": url if url.startswith("http") else "https://" + url}
        )
    if m := re.search(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b", text):
        out["orcid"] = m.group(1)
    return out
