"""Education, positions, teaching, mentoring (and the short lists) of a CV -> item fields.

Which comma-separated part is which is decided by what the part says (a degree, a
job title, an organisation word), not by its position, because CVs order them every
way: "**EPFL**, Lausanne — Ph.D., Physics 2025", "Ph.D. in X, University, 2017",
"2008: Ph.D., History, Fordham University".
"""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import plain
from packet.sources.cv.common import (
    _ORG_RE, _TITLE_RE, Entry, entries, first_emphasis, header_of, is_org, is_title, last_date, parts, set_dates, tidy,
)
from packet.sources.cv.items import Found
from packet.sources.cv.sections import Section
from packet.sources.dates import find_dates

_DEGREE_RE = re.compile(
    r"(?<![\w.])(Ph\.\s?D\.?|PhD|D\.Phil\.?|DPhil|Dr\. rer\. nat\.|Doctor(?:ate)? of [A-Z]\w+|"
    r"M\.\s?S\.?c?\.?|MSc|M\.Sci\.?|MSci|M\.A\.?|MA|M\.Eng\.?|MEng|M\.Phil\.?|MPhil|MBA|M\.Res\.?|MRes|"
    r"B\.\s?S\.?c?\.?|BSc|B\.A\.?|BA|B\.Eng\.?|BEng|B\.Tech\.?|BTech|LL\.?M\.?|J\.D\.?|M\.D\.?|"
    r"Master(?:'s)?(?: of [A-Z]\w+| degree)?|Bachelor(?:'s)?(?: of [A-Z]\w+| degree)?|Diploma|Habilitation|"
    r"Laurea(?: Magistrale)?|Licen[cs]e|Ma[iî]trise|ABD|A\.B\.?|S\.B\.?|S\.M\.?)(?![\w])"
)
_ADVISORS_RE = re.compile(r"(?:advisors?|supervisors?|mentors?|committee|PI)\s*:\s*((?:Prof\.|Dr\.|[A-Z]\.|[^.])+)\.?", re.I)
_THESIS_RE = re.compile(r"(?:thesis|dissertation)\s*:\s*[\"“]?(.+?)[\"”]?(?:\.\s|$)", re.I)
_MULTIWORD = {"new", "united", "south", "north", "hong", "santa", "san", "los", "saudi", "costa", "sri",
              "el", "puerto", "las", "st.", "saint", "rio", "buenos", "czech", "west", "east"}  # fmt: skip


def _split_place_title(text: str) -> tuple[str, str]:
    """'Lausanne, Switzerland Predoctoral Research Scholar' -> (place, title)."""
    bits = text.rsplit(",", 1)
    words = bits[-1].split()
    take = 2 if len(words) > 2 and words[0].lower() in _MULTIWORD else 1
    if len(words) > take and _TITLE_RE.search(" ".join(words[take:])):
        place = (bits[0] + ", " if len(bits) == 2 else "") + " ".join(words[:take])
        return place.strip(" ,"), " ".join(words[take:])
    return text, ""


def _people(text: str) -> list[str]:
    names = re.split(r",\s*|\s+and\s+|;\s*", text)
    return [re.sub(r"^(?:Prof\.|Professor|Dr\.?|Drs\.)\s*", "", n).strip(" .") for n in names if n.strip(" .")]


def education(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        text = entry.text.replace("\n", ". ")
        fields: dict[str, Any] = {}
        bold = first_emphasis(text)
        flat = plain(text)
        for regex, key in ((_ADVISORS_RE, "advisors"), (_THESIS_RE, "thesis")):
            m = regex.search(flat)
            if m:
                fields[key] = _people(m.group(1)) if key == "advisors" else m.group(1).strip()
                flat = flat[: m.start()] + flat[m.end() :]
        degree = _DEGREE_RE.search(flat)
        if not degree:
            if found and (fields or entry.kind == "entry"):  # "Advisor: ..." under the degree
                previous = found[-1][0]
                for name, value in fields.items():
                    previous.setdefault(name, value)
                if not fields and plain(text).strip():
                    previous.setdefault("details", []).append(plain(text).strip())
            continue
        span, _ = last_date(flat[degree.end() :])
        lead_span, _ = last_date(flat[: degree.start()]) if span is None else (None, "")
        uncertain = set_dates(fields, span or lead_span, single="end")
        before, after = flat[: degree.start()], flat[degree.end() :]
        if lead_span:  # "2011: Ph.D., History, University of Bologna"
            before = before[: lead_span.span[0]] + before[lead_span.span[1] :]
        if span:
            cut = after.find(plain(after[span.span[0] : span.span[1]]))
            honors = after[span.span[1] :].strip(" .,;")
            after = after[: span.span[0]] if cut >= 0 else after
            if honors:
                fields["honors"] = honors.rstrip(".")
        fields["degree"] = degree.group(1).strip()
        before = re.sub(r"^[\s:,.–-]*|(?:19|20)\d{2}\s*[:–-]?\s*", "", before).strip(" ,.:")
        after_bits = parts(re.sub(r"^\s*(?:in|of)\s+", ", ", after))
        field_bits = [b for b in after_bits if not _ORG_RE.search(b)]
        org_bits = [b for b in after_bits if _ORG_RE.search(b)]
        if bold and bold[0] in before:
            fields["institution"] = bold[0].strip(" ,")
            place = before.split(bold[0], 1)[1].strip(" ,")
            if place:
                fields["location"] = place
        elif org_bits:
            fields["institution"] = org_bits[0]
            k = after_bits.index(org_bits[0])
            place = [b for b in after_bits[k + 1 :] if b not in org_bits and len(b.split()) <= 3]
            field_bits = [b for b in after_bits[:k] if b in field_bits]
            if place:
                fields["location"] = ", ".join(place)
        elif before:
            fields["institution"] = before
        else:
            uncertain.append("institution")
        if field_bits:
            fields["field"] = ", ".join(field_bits).strip()
        found.append((fields, uncertain, entry.line))
    return found


def positions(section: Section) -> list[Found]:
    found: list[Found] = []
    org: dict[str, str] = {}
    for entry in entries(section):
        head = entry.text.split("\n")[0]
        span, rest = last_date(plain(head))
        bold = first_emphasis(head)
        if header_of(entry):
            org = {"organization": plain(head).strip(" ,.")}
            continue
        if span is None:
            if found and entry.kind == "entry":
                found[-1][0].setdefault("details", []).append(plain(entry.text))
            continue
        fields: dict[str, Any] = {}
        uncertain = set_dates(fields, span, single="start")
        kind = entry.context.get("kind") or section.attrs.get("kind")
        if kind:
            fields["kind"] = kind
        rest = tidy(rest)
        if bold and plain(rest).startswith(bold[0]):
            after = rest[len(bold[0]) :].strip(" ,")
            if is_title(bold[0]):
                fields["title"], bits = bold[0], parts(after)
            else:
                org = {"organization": bold[0]}
                place, title = _split_place_title(after)
                if title:
                    org["location"] = place
                    fields["title"] = title
                    bits = []
                else:
                    bits = parts(after)
        else:
            bits = parts(rest)
        if "title" not in fields and bits:
            titled = next((b for b in bits if is_title(b)), bits[0])
            fields["title"] = titled
            bits.remove(titled)
        orgs = [b for b in bits if is_org(b)]
        if orgs:
            fields["organization"] = orgs[-1] if len(orgs) > 1 and re.match(r"(?i)dep|school|lab|fac", orgs[0]) else orgs[0]
            other = [b for b in orgs if b != fields["organization"]]
            if other and re.match(r"(?i)dep|school of|lab|fac|group|institute of", other[0]):
                fields["department"] = other[0]
            bits = [b for b in bits if b not in orgs]
        elif bits and not org:
            fields["organization"] = bits.pop(0)
        if bits and len(" ".join(bits).split()) <= 4:
            fields["location"] = ", ".join(bits)
        for key, value in org.items():
            fields.setdefault(key, value)
        if "organization" not in fields:
            uncertain.append("organization")
        if "title" in fields:
            found.append((fields, uncertain, entry.line))
    return found


_CODE_RE = re.compile(r"\b([A-Z]{2,5}[- ]?\d{2,4}[A-Z]?)\b")
_TERM_RE = re.compile(r"\b(?:Fall|Autumn|Spring|Summer|Winter)\s+(?:19|20)\d{2}(?:\s+to\s+present)?", re.I)


def teaching(section: Section) -> list[Found]:
    found: list[Found] = []
    context: dict[str, str] = {}
    for entry in entries(section):
        head = entry.text.split("\n")[0]
        flat = plain(head)
        if header_of(entry) or (first_emphasis(head) and not _CODE_RE.search(flat) and not find_dates(flat)):
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
        if orgs:
            fields["institution"] = orgs[0]
            bits.remove(orgs[0])
        text = ", ".join(bits)
        if not code and is_title(text) and len(text.split()) <= 5:
            fields["role"], fields["course"] = text, context.get("course", text)
            context["role"] = text
        else:
            fields["course"] = text
        fields.setdefault("role", context.get("role", ""))
        if not fields["role"]:
            fields.pop("role")
        for key in ("institution", "location"):
            if key in context:
                fields.setdefault(key, context[key])
        found.append((fields, [] if fields.get("role") else ["role"], entry.line))
    return found


_LEVEL_RE = [(r"ph\.?d|doctoral", "phd"), (r"master'?s? thes", "master-thesis"), (r"semester", "semester-project"),
             (r"master|m\.s|msc", "master"), (r"bachelor|undergrad|b\.s|bsc", "bachelor"), (r"intern", "intern")]  # fmt: skip


def mentoring(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        flat = plain(entry.text.split("\n")[0])
        span, rest = last_date(flat)
        fields: dict[str, Any] = {}
        uncertain = set_dates(fields, span)
        bits = parts(tidy(rest))
        if not bits:
            continue
        fields["student"] = bits.pop(0)
        program = next((b for b in bits if _DEGREE_RE.search(b)), None)
        if program:
            fields["program"] = program
            bits.remove(program)
        if bits:
            fields["institution"] = bits.pop()
        if bits:
            fields["project"] = ", ".join(bits)
        level = entry.context.get("level") or next(
            (v for p, v in _LEVEL_RE if re.search(p, f"{entry.context.get('subheading', '')} {program or ''}", re.I)), None
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
            found.append(({key: section.heading.title(), items_key: parts(flat)}, [key], entry.line))
    return found


def languages(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        for bit in re.split(r",\s*|;\s*|\n", plain(entry.text)):
            m = re.match(r"^([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s*(?:[:(–-]\s*([^)]*)\)?)?$", bit.strip(" ."))
            if m:
                fields = {"name": m.group(1)} | ({"level": m.group(2).strip()} if m.group(2) else {})
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
    for label, url in re.findall(r"(LinkedIn|GitHub|Twitter|Google Scholar|ORCID)\s*:\s*(\S+)", text, re.I):
        out.setdefault("links", []).append({"label": label, "url": url if url.startswith("http") else "https://" + url})
    if m := re.search(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b", text):
        out["orcid"] = m.group(1)
    return out
