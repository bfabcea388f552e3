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
    _ORG_RE,
    _TITLE_RE,
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
from packet.sources.cv.items import Found
from packet.sources.cv.sections import Section

DEGREE_RE = re.compile(
    r"(?<![\w.])(Ph\.\s?D\.?|PhD|D\.Phil\.?|DPhil|Dr\. rer\. nat\.|Doctor(?:ate)? of [A-Z]\w+|"
    r"Doctorate|Doctorat|"
    r"M\.\s?S\.?c?\.?|MSc|M\.Sci\.?|MSci|M\.A\.?|MA|M\.Eng\.?|MEng|M\.Phil\.?|MPhil|MBA|M\.Res\.?|MRes|"
    r"B\.\s?S\.?c?\.?|BSc|B\.A\.?|BA|B\.Eng\.?|BEng|B\.Tech\.?|BTech|LL\.?M\.?|J\.D\.?|M\.D\.?|"
    r"Masters?(?:'s)?(?: of [A-Z]\w+| degree)?|Bachelors?(?:'s)?(?: of [A-Z]\w+| degree)?|"
    r"Diploma|Habilitation|"
    r"Laurea(?: Magistrale)?|Licen[cs]e|Ma[iî]trise|ABD|A\.B\.?|S\.B\.?|S\.M\.?)(?![\w])"
)
_ADVISORS_RE = re.compile(
    r"(?:advis[eo]rs?|supervisors?|mentors?|committee|PI)\s*(?::|\s[–-])\s*((?:Prof\.|Dr\.|[A-Z]\.|[^.])+)\.?",
    re.I,
)
_THESIS_RE = re.compile(
    r"(?:thesis|dissertation)(?: title)?\s*:\s*[\"“]?(.+?)[\"”]?(?:\.\s|$)", re.I
)
_MULTIWORD = {
    "new",
    "united",
    "south",
    "north",
    "hong",
    "santa",
    "san",
    "los",
    "saudi",
    "costa",
    "sri",
    "el",
    "puerto",
    "las",
    "st.",
    "saint",
    "rio",
    "buenos",
    "czech",
    "west",
    "east",
}


_BROAD_RE = re.compile(
    r"universit|uniwersytet|universidad|college|école|ecole|politecnico|polytechnic|"
    r"institute of technology|academy|\binc\b|ltd|corp|gmbh|llc|epfl|eth\b",
    re.I,
)


def _split_place_title(text: str) -> tuple[str, str]:
    """'Lausanne, Switzerland Predoctoral Research Scholar' -> (place, title)."""
    bits = text.rsplit(",", 1)
    words = bits[-1].split()
    take = 2 if len(words) > 2 and words[0].lower() in _MULTIWORD else 1
    if len(words) > take and _TITLE_RE.search(" ".join(words[take:])):
        place = (bits[0] + ", " if len(bits) == 2 else "") + " ".join(words[:take])
        return place.strip(" ,"), " ".join(words[take:])
    return text, ""


_UNIT_RE = re.compile(
    r"\bin the ((?:[A-Z][\w/&-]*\s+)*?(?:Laboratory|Lab|Institute|Department|Group|Center|Centre)"
    r"(?:\s+of(?:\s+[A-Z][\w/&-]*)+)?)"
)


def _title_and_place(text: str) -> tuple[str, str]:
    """'Lecturer Boston, MA' -> ('Lecturer', 'Boston, MA'); 'Postdoc' -> ('Postdoc', '')."""
    m = re.match(
        r"^(.*?)\s+([A-Z][\w.-]+(?: [A-Z][\w.-]+)?, [A-Z]{2}|[A-Z][\w-]+, [A-Z][\w -]+)$", text
    )
    if m and is_title(m.group(1)):
        return m.group(1), m.group(2)
    return text, ""


_HONORS_RE = re.compile(
    r",?\s*(?:[\d/]{1,9}\s+)?\b(?:summa |magna )?cum laude\b(?:\s*\((?![^)]*\d{4})[^)]*\))?"
    r"|,?\s*\bwith (?:high(?:est)? )?(?:honou?rs|distinction)\b"
    r"|,?\s*\bfirst[- ]class honou?rs\b",
    re.I,
)


def _people(text: str) -> list[str]:
    names = re.split(r",\s*|\s+and\s+|;\s*", text)
    return [
        re.sub(r"^(?:Prof\.|Professor|Dr\.?|Drs\.)\s*", "", n).strip(" .")
        for n in names
        if n.strip(" .")
    ]


_QUALIFIER_RE = re.compile(r"\s*(\((?:joint |double |combined )?hons?\.?(?:ours)?\))", re.I)
_CLASS_RE = re.compile(
    r"(?:first|second|third|upper second|lower second|2:1|2:2|1st|2nd)[- ]class(?: honou?rs)?"
    r"(?: \((?:upper|lower)(?: division)?\))?|(?:with )?(?:high(?:est)? )?(?:honou?rs|distinction)"
    r"(?: in (?:[A-Z]\w+)(?: [A-Z]\w+)?)?",
    re.I,
)
_CLASS_PART_RE = re.compile(
    rf"(?:^|(?<=,\s))({_CLASS_RE.pattern})(?=\s*(?:(?:19|20)\d\d)?\s*(?:,|$))", re.I
)
_UNIT_START = re.compile(
    r"(?:dept\.?|department|school|faculty|division|program(?:me)?) (?:of|in)\b", re.I
)
# "Cambridge, MA": a two-letter degree after a place and its comma is a state
_STATE_LIKE = re.compile(r"(?<=[a-z], )(?:MA|MS|BA|BS|AB|SB|SM)(?=\s*(?:$|[,.;)\n]))")


def _degree(text: str) -> re.Match[str] | None:
    """The first degree the text names, a US state's abbreviation after a city left out."""
    for m in DEGREE_RE.finditer(text):
        before = text[: m.start()].rsplit(",", 1)[0].split()
        if _STATE_LIKE.match(text, m.start()) and before and not is_org(before[-1]):
            continue
        return m
    return None
_NOT_SUBJECT = re.compile(
    r"honou?rs|minor|major\b|thesis|dissertation|advis|supervis|gpa|grade|cum laude|"
    r"distinction|exchange|visiting|courses?\b|coursework|concentration",
    re.I,
)
_SMALL_WORDS = {"and", "of", "in", "the", "&", "for", "with", "to", "on"}


def subject(text: str) -> str | None:
    """The subject a line names when it is only that ("Physics & Astronomy", "History of
    Science", "Mathematics and Philosophy"), else None: a line with digits, a sentence,
    an organisation, honours or a thesis says more than a field."""
    text = text.strip(" .,;:|–-")
    words = text.split()
    if not words or len(words) > 6 or re.search(r"[\d:;!?@/]|,.*,", text):
        return None
    if _NOT_SUBJECT.search(text) or is_org(text) or DEGREE_RE.search(text):
        return None
    if not all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return None
    return text


def _below_degree(previous: Found, line: str) -> bool:
    """A line under a degree that gives what the degree line left out: its field, its year
    ("Physics | 2019", "Geography, 2008"). Added to the degree; False when it is no such line."""
    fields, uncertain, _ = previous
    span, rest = last_date(line)
    rest = re.sub(r"\s*[|·•–—]\s*$|^\s*[|·•–—]\s*", "", rest.strip()).strip(" ,.|")
    if span is None and not rest:
        return False
    if span is not None and any(k in fields for k in ("start", "end")):
        return False  # dated already: this line is about something else
    named = subject(rest) if rest else None
    if rest and not named and span is None:
        return False
    if span is not None:
        given: dict[str, Any] = {}
        dated = set_dates(given, span, single="end")
        fields.update(given)
        uncertain[:] = [u for u in uncertain if u not in ("end", "start")] + dated
    if named and not fields.get("field"):
        fields["field"] = named
    elif rest:
        fields.setdefault("details", []).append(rest)
    return True


def education(section: Section) -> list[Found]:
    found: list[Found] = []
    pending = ""
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
        latin = _HONORS_RE.search(flat)
        if latin:
            fields["honors"] = latin.group(0).strip(" ,")
            flat = flat[: latin.start()] + flat[latin.end() :]
        gpa = re.search(r"\(?\b(GPA|grade)\s*:?\s*[\d.,/]+\)?", flat, re.I)
        if gpa:
            fields["details"] = [gpa.group(0).strip("() ")]
            flat = flat[: gpa.start()] + flat[gpa.end() :]
        flat = re.sub(r"\s+[—–]\s+|\s+-\s+(?=[A-Z])", ", ", flat)  # "B.Sc. X — University"
        for m in reversed(list(_CLASS_PART_RE.finditer(flat))):
            # "M.A., Sociology, First Class, ...", "Honors in Research 2010": the class
            fields.setdefault("honors", m.group(1))
            flat = flat[: m.start(1)] + flat[m.end(1) :]
        degree = _degree(flat)
        if degree and pending and not any(is_org(b) for b in parts(flat)):
            # "University of British Columbia  September 2007 - June 2013" then "PhD (Philosophy)"
            flat, bold = f"{flat}, {pending}", None
        pending = ""
        if not degree:
            if not fields and (
                first_emphasis(text) or is_org(parts(flat)[0] if parts(flat) else "")
            ):
                pending = flat
                continue
            if found and not fields and _below_degree(found[-1], flat):
                continue  # "Physics | 2019" under "**Ph.D.**": the degree's field and year
            if found and (fields or entry.kind == "entry"):  # "Advisor: ..." under the degree
                previous = found[-1][0]
                for name, value in fields.items():
                    previous.setdefault(name, value)
                if not fields and plain(text).strip():
                    previous.setdefault("details", []).append(plain(text).strip())
            continue
        abbreviation = re.match(r"\s*\(([^)]+)\)", flat[degree.end() :])
        degree_name = degree.group(1).strip()
        if abbreviation and DEGREE_RE.fullmatch(abbreviation.group(1).strip()):
            # "Doctorate of Philosophy (Ph.D)": the abbreviation is the degree as CVs list it
            degree_name = abbreviation.group(1).strip()
            flat = (
                flat[: degree.end()]
                + " " * abbreviation.end()
                + flat[degree.end() + abbreviation.end() :]
            )
        qualifier = _QUALIFIER_RE.match(flat[degree.end() :])
        if qualifier:  # "B.A. (Joint Hons.)": the kind of the degree, part of its name
            degree_name = f"{degree_name} {qualifier.group(1)}"
            end = degree.end() + qualifier.end()
            flat = flat[: degree.end()] + " " * qualifier.end() + flat[end:]
        span, _ = last_date(flat[degree.end() :])
        lead_span, _ = last_date(flat[: degree.start()]) if span is None else (None, "")
        uncertain = set_dates(fields, span or lead_span, single="end")
        before, after = flat[: degree.start()], flat[degree.end() :]
        if lead_span:  # "2011: Ph.D., History, University of Bologna"
            before = before[: lead_span.span[0]] + before[lead_span.span[1] :]
        if span:
            start, end = span.span
            if after[start - 1 : start] == "(" and after[end : end + 1] == ")":
                start, end = start - 1, end + 1  # "(2001)"
            honors = after[end:].strip(" .,;-–")
            after = after[:start]
            if any(is_org(b) for b in parts(honors)):  # "..., 2012 – 2016 - Cardiff University"
                after, honors = f"{after}, {honors}", ""
            if honors:
                fields.setdefault("honors", honors.rstrip("."))
        fields["degree"] = degree_name
        before = re.sub(r"^[\s:,.–-]*|(?:19|20)\d{2}\s*[:–-]?\s*", "", before).strip(" ,.:")
        after_bits = parts(re.sub(r"^\s*(?:in|of)\s+", ", ", after))
        unit = next((k for k, b in enumerate(after_bits) if _UNIT_START.match(b)), None)
        if unit is not None:
            # "Ph.D., Atmospheric Science, Dept. of Earth, Atmospheric and Planetary Sciences,
            # MIT": the department runs up to the institution, commas and all; it is a detail
            end = next(
                (k for k in range(unit + 1, len(after_bits)) if _BROAD_RE.search(after_bits[k])),
                len(after_bits),
            )
            fields.setdefault("details", []).append(", ".join(after_bits[unit:end]))
            after_bits = after_bits[:unit] + after_bits[end:]
        field_bits = [b for b in after_bits if not _ORG_RE.search(b)]
        org_bits = [b for b in after_bits if _ORG_RE.search(b)]
        if bold and bold[0] in before:
            fields["institution"] = bold[0].strip(" ,")
            lead = before.split(bold[0], 1)[1].strip(" ,")
            if lead:
                fields["location"] = lead
        elif org_bits:
            broad = [b for b in org_bits if _BROAD_RE.search(b)]
            fields["institution"] = broad[0] if broad else org_bits[0]
            k = after_bits.index(fields["institution"])
            place = [b for b in after_bits[k + 1 :] if b not in org_bits and len(b.split()) <= 3]
            field_bits = [b for b in after_bits[:k] if b in field_bits]
            if place:
                fields["location"] = ", ".join(place)
        elif before:
            fields["institution"] = before
        elif (
            len(after_bits) >= 2
        ):  # "Ph.D in Field, UC Berkeley (2022)": the last part names the school
            fields["institution"] = after_bits[-1]
            field_bits = after_bits[:-1]
        else:
            uncertain.append("institution")
        if field_bits:
            fields["field"] = re.sub(r"^\((.*)\)$", r"\1", ", ".join(field_bits).strip())
        found.append((fields, uncertain, entry.line))
    return found


def positions(section: Section) -> list[Found]:
    found: list[Found] = []
    org: dict[str, str] = {}
    for entry in entries(section):
        head = entry.text.split("\n")[0]
        span, rest = last_date(plain(head))
        bold = first_emphasis(head)
        lines = entry.plain.split("\n")
        if header_of(entry) and len(lines) == 2 and is_title(lines[0]) and is_org(lines[1]):
            # "**Associate Professor**" over "Simon Fraser University", no dates
            found.append(({"title": lines[0].strip(" ,."), "organization": lines[1].strip(" ,.")},
                          ["start"], entry.line))  # fmt: skip
            continue
        if header_of(entry):
            org = {"organization": plain(head).strip(" ,.")}
            continue
        if span is None and bold and is_org(bold[0]) and not plain(rest).startswith(","):
            # "**O'Malley School of Business, Manhattan University** - Riverdale, NY" over
            # the jobs held there: a header with its place
            place = bold[1].strip(" -–—|,")
            org = {"organization": bold[0], **({"location": place} if place else {})}
            continue
        if span is None:
            last = found[-1][0] if found else {}
            if (
                last
                and "organization" not in last
                and is_org(last["title"])
                and entry.kind == "text"
            ):
                # "Boston College  September 2015 - December 2017" then "Lecturer  Boston, MA"
                title, place = _title_and_place(plain(head))
                last["organization"], last["title"] = last["title"], title
                if place:
                    last["location"] = place
                found[-1][1][:] = [u for u in found[-1][1] if u != "organization"]
                continue
            if found and entry.kind == "entry":
                detail = plain(entry.text)
                found[-1][0].setdefault("details", []).append(detail)
                unit = _UNIT_RE.search(detail)
                if unit and "department" not in found[-1][0]:
                    # "... in the Quantum Optics Laboratory led by ...": where the work was done
                    found[-1][0]["department"] = unit.group(1)
            continue
        fields: dict[str, Any] = {}
        uncertain = set_dates(fields, span, single="start")
        kind = entry.context.get("kind") or section.attrs.get("kind")
        if kind:
            fields["kind"] = kind
        # "Postdoctoral Researcher - University of Florida", "Engineer at Google", "A | B"
        lead = (
            bold[0] if bold and plain(rest).startswith(bold[0]) else ""
        )  # a bold name stays whole
        tail = re.sub(
            r"\s+with\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}", "", rest[len(lead) :]
        )  # "with Prof. X"
        rest = lead + tidy(re.sub(r"\s+(?:[-–—|@]|at(?: the)?)\s+(?=[A-Z])", ", ", tail))
        rest = re.sub(r"\s*\(([^()]*,[^()]*)\)\s*(?=,|$)", r", \1", rest)  # "CSIRO (Brisbane, QLD)"
        if bold and plain(rest).startswith(bold[0]):
            after = rest[len(bold[0]) :].strip(" ,")
            if is_title(bold[0]) or (not is_org(bold[0]) and any(is_org(b) for b in parts(after))):
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
            # "Center for History and New Media, George Mason University": the university is the
            # organization, the centre its department
            broad = [b for b in orgs if _BROAD_RE.search(b)]
            fields["organization"] = broad[0] if broad else orgs[0]
            other = [b for b in orgs if b != fields["organization"]]
            if other:
                fields["department"] = other[0]
            bits = [b for b in bits if b not in orgs]
        elif bits and not org:
            fields["organization"] = bits.pop(0)
        acronym = [
            b for b in bits if re.fullmatch(r"[A-Z][A-Z&]{2,7}", b) and b not in ("USA", "UAE")
        ]
        sub_unit = (
            r"(?i)(?:the )?(?:department|dept|school|faculty|cent(?:er|re)|institute|lab|division)"
        )
        if acronym and re.match(sub_unit, fields.get("organization", "")):
            # "Department of Asian Languages & Cultures, UCLA"
            fields["department"], fields["organization"] = fields["organization"], acronym[0]
            bits.remove(acronym[0])
        if bits and len(" ".join(bits).split()) <= 4:
            fields["location"] = ", ".join(bits)
        for key, value in org.items():
            fields.setdefault(key, value)
        if "organization" not in fields:
            uncertain.append("organization")
        if "title" in fields:
            found.append((fields, uncertain, entry.line))
    return found
