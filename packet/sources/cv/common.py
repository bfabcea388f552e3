"""Helpers every section reader of a CV uses: entries with their context, parts, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from packet.sources.cv.blocks import BOLD_ON, emphasised, is_all_emphasised, plain
from packet.sources.cv.sections import YEAR_HEADING, Section, bare_heading, classify, sub_attrs
from packet.sources.dates import DateSpan, find_dates, parse_range

_ORG_RE = re.compile(
    r"universit|uniwersytet|universidad|hochschule|yliopisto|institut|college|école|ecole|school|politecnico|academy|laborator|\blab\b|center|centre|"
    r"\binc\b|ltd|corp|company|gmbh|\bag\b|llc|foundation|hospital|agency|council|society|museum|library|"
    r"epfl|eth\b|mit\b|cnrs|inria|\bsissa\b|\bictp\b|google|microsoft|amazon|ibm|services|group|"
    r"department|faculty|\bresearch\b",
    re.I,
)
_TITLE_RE = re.compile(
    r"professor|fellow|scientist|researcher|engineer|assistant|lecturer|intern|student|postdoc|"
    r"director|manager|scholar|associate|analyst|developer|architect|lead\b|head\b|chair|consultant|"
    r"officer|editor|curator|librarian|coordinator|specialist|tutor|instructor|visitor|member|advisor|"
    r"founder|partner|president|dean|teacher|reader|candidate|trainee|programmer|designer|leader|"
    r"\b\w{2,30}ists?\b|\b\w{2,30}ians?\b",  # economist, historian, physician
    re.I,
)


def is_title(part: str) -> bool:
    """A job title names a role in its last word ("Senior Research Scientist")."""
    words = re.sub(r"\(.*?\)", "", part).split()
    return bool(words) and bool(_TITLE_RE.search(words[-1])) and len(words) <= 7


def is_org(part: str) -> bool:
    return bool(_ORG_RE.search(part)) and not is_title(part)


_LEAD_RE = re.compile(r"^\s*(?:[•·▪◦○●■□►▸‣⁃*+–—-]\s*)+")


@dataclass
class Entry:
    text: str  # inline text with markers (first line: the entry; later lines: its details)
    line: int
    context: dict[str, Any] = field(default_factory=dict)  # from the sub-heading above it
    details: list[str] = field(default_factory=list)  # list items under a dated line
    level: int = 0
    kind: str = "text"

    @property
    def plain(self) -> str:
        return plain(self.text)


def strip_lead(text: str) -> str:
    """'• PHYS-316 ...' -> 'PHYS-316 ...' (bullets typed into the text)."""
    return _LEAD_RE.sub("", text, count=1)


def entries(section: Section) -> list[Entry]:
    """The section's entries, each with the attributes of the sub-heading above it.

    A line that is only a date joins the line after it ("2019" then "PhD, History");
    a bold line with no date is a header whose text the following entries inherit.
    """
    out: list[Entry] = []
    context: dict[str, Any] = {}
    pending_date = ""
    for block in section.blocks:
        text = strip_lead(block.text).strip()
        if block.kind == "heading" and block.level == 9:
            attrs = sub_attrs(section.name, block.text) or {}
            found = classify(block.text)
            if found and found[0] == section.name:
                attrs = {**found[1], **attrs}
            context = {**attrs, "subheading": plain(block.text)}
            if YEAR_HEADING.fullmatch(plain(block.text).strip()):
                context["year"] = plain(block.text).strip()
            if parse_range(plain(block.text)) and len(plain(block.text)) < 40:
                context["when"] = plain(block.text).strip()  # "### 2016-2017" over its entries
            continue
        if not plain(text) or _NOTE_RE.match(plain(text)):
            continue  # "Note: annotations (†) correspond to Honors": about the CV, no entry
        if _names_section(section.name, text):
            # "*Conference Posters*" inside "Presentations": a sub-heading set as a line
            found = classify(text)
            context = {**(found[1] if found else {}), "subheading": plain(text)}
            continue
        if YEAR_HEADING.fullmatch(plain(text).strip()):
            context["year"] = plain(text).strip()  # "2024" above a group of entries
        if parse_range(plain(text)) and len(plain(text)) < 40:
            if (
                out
                and not find_dates(out[-1].plain)
                and block.kind != "entry"
                and len(out[-1].plain.split()) <= 14  # a header line, not a description
            ):
                # "### Design Architect, Scholars' Lab" then "June 2011–present"
                first, _, rest = out[-1].text.partition("\n")
                out[-1].text = f"{first}, {plain(text)}" + (f"\n{rest}" if rest else "")
            else:
                pending_date = plain(text)
            continue
        if block.kind == "text" and text.startswith(BOLD_ON):
            # "**EPFL**, ... 2025.  **Sorbonne**, ...": several bold-led entries in one paragraph
            pieces = re.split(f"(?<=\\.)\\s+(?={BOLD_ON})", text)
            if len(pieces) > 1:
                for piece in pieces[:-1]:
                    out.append(
                        Entry(piece, block.line, dict(context), level=block.level, kind=block.kind)
                    )
                text = pieces[-1]
        first, newline, rest = text.partition("\n")
        if newline and rest.strip() and parse_range(plain(first)) and len(plain(first)) < 40:
            # "**2014 - present**" over "Assistant Professor" and its place: the lines' date
            pending_date = pending_date or plain(first)
            text = rest.strip()
        when = context.get("when")
        if when and section.name not in _YEAR_READERS and not find_dates(plain(text)):
            pending_date = pending_date or when  # dated by the heading above it
        if pending_date:
            text = (
                f"{text}, {pending_date}"
                if "\n" not in text
                else text.replace("\n", f", {pending_date}\n", 1)
            )
            pending_date = ""
        out.append(Entry(text, block.line, dict(context), level=block.level, kind=block.kind))
    return out


# sections whose readers date an entry by the year heading above it themselves
_YEAR_READERS = {"publications", "talks"}


_NOTE_RE = re.compile(r"^\(?notes?\s*:", re.I)


def _names_section(section: str, text: str) -> bool:
    """A short line, all emphasised or a bare section name, that names the section it is in
    ("Invited Talks" among talks): a sub-heading."""
    if section not in _GROUPED:
        return False
    flat = plain(text).strip(" :")
    if not flat or len(flat.split()) > 5 or find_dates(flat):
        return False
    found = classify(flat)
    return bool(found and found[0] == section and bare_heading(flat))


# sections whose entries CVs group under sub-headings that say something of them
_GROUPED = {"talks", "publications", "service", "mentoring", "meetings"}


def header_of(entry: Entry) -> bool:
    """A bold (or all-emphasised) line without a date: a group header, not an item."""
    return is_all_emphasised(entry.text.split("\n")[0]) and not find_dates(entry.plain)


def parts(text: str) -> list[str]:
    """Comma-separated parts, commas inside parentheses kept."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth <= 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    stripped = [p.strip(" ;") for p in out]
    # a final period goes, unless it ends an initial ("C. A. B.")
    stripped = [p if re.search(r"(?:^|\s)[A-Z]\.$", p) else p.rstrip(". ") for p in stripped]
    return [p for p in stripped if p]


def last_date(text: str) -> tuple[DateSpan | None, str]:
    """The last date or range in the text and the text without it."""
    spans = find_dates(text)
    if not spans:
        return None, text
    span = spans[-1]
    start, end = span.span
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        start, end = start - 1, end + 1  # "(2001)"
    return span, (text[:start] + text[end:])


def tidy(text: str) -> str:
    text = re.sub(r"\(\s*[,;:]?\s*\)", "", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:–-")


def first_emphasis(text: str, style: str = "b") -> tuple[str, str] | None:
    """(emphasised text, the rest) when the text starts with an emphasised span."""
    for s, inner, start, end in emphasised(text):
        if s == style and not plain(text[:start]).strip(" •-"):
            return inner, plain(text[end:])
    return None


def italic_or_quoted(text: str) -> tuple[str, str] | None:
    """A talk's or chapter's title: the quoted or italic part; (title, the rest)."""
    m = re.search(r"[\"“]([^\"”]{4,})[\"”]", plain(text))
    if m:
        p = plain(text)
        return m.group(1).strip(" ,."), p[: m.start()] + " " + p[m.end() :]
    for s, inner, start, end in emphasised(text):
        if s == "i" and len(inner.split()) >= 2:
            return inner.strip(" ,."), plain(text[:start]) + " " + plain(text[end:])
    return None


def set_dates(fields: dict[str, Any], span: DateSpan | None, single: str = "date") -> list[str]:
    """Put a date span into fields: a range into start/end, a single date into `single`."""
    if span is None:
        return [single] if single else []
    if span.end is None:
        fields[single] = span.start
    else:
        fields["start"], fields["end"] = span.start, span.end
    return span.uncertain
