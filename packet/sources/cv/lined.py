"""A reference whose parts stand on lines of their own, its authors on the last one.

Hand-written publication pages (and CVs made from them) often give each paper as
"title / venue, volume (year), pages / authors", one part a line:

    Naive Physics: An Essay in Ontology
    Philosophical Psychology, 7/2 (1994), 225–244
    Barry Smith and Roberto Casati

Joined into one sentence this reads as "Title. Venue. Authors", which no citation style
uses, and a colon in the title then looks like the end of an author list. The lines
already say which part is which, so each is read on its own.
"""

from __future__ import annotations

import re

from packet.sources.refnames import EQUAL_MARKS, looks_like_authors, split_authors
from packet.sources.refparse import Reference
from packet.sources.refvenue import venue_details

_YEAR = r"(?:1[89]|20)\d\d"
# "(1994)", "(1987/3)" a year and its issue, "(1998/99)" a volume spread over two years
_DATED_RE = re.compile(rf"\s*\(({_YEAR})(?:/(\d{{1,2}}))?\)")
_BARE_YEAR_RE = re.compile(rf"(?:,\s*|\s+)({_YEAR})\)?\s*$")
# "Topoi, 6/1" volume 6, issue 1; "25/26" one volume for two (each number follows the other)
_VOL_SLASH_RE = re.compile(r",?\s+(\d{1,4})/(\d{1,4})(?=\s*(?:,|\(|$))")
# "P. Hanson and B. Hunter (eds.), Return of the A Priori": the book, not its editors
_EDITORS_RE = re.compile(r"^(?:in\s+|n\s+)?[^()\d;]{2,200}?\s*\(eds?\.?\)\s*,?\s*", re.I)
_SERIES_RE = re.compile(r"\s*\([^()]*(?:\([^()]*\))?[^()]*\)\s*(?=,|$)")
_PUBLISHER_RE = re.compile(r",\s*[A-Z][\w/ .-]{1,40}:\s*([^,:]{2,60}?)\s*(?=,|$)")


def _date(venue: str, fields: dict[str, str], uncertain: list[str]) -> str:
    m = _DATED_RE.search(venue)
    if m:
        year, second = m.group(1), m.group(2)
        if second and len(second) == 2 and int(second) == (int(year) + 1) % 100:
            uncertain.append("year: the volume spans two years")
        else:
            fields["year"] = year
            if second:
                fields["issue"] = second
        return (venue[: m.start()] + venue[m.end() :]).strip(" ,")
    m = _BARE_YEAR_RE.search(venue)
    if m:
        fields["year"] = m.group(1)
        return venue[: m.start()].strip(" ,")
    uncertain.append("year")
    return venue


def _venue(text: str, fields: dict[str, str]) -> None:
    book = _EDITORS_RE.match(text)
    if book:
        text = text[book.end() :]
        publisher = _PUBLISHER_RE.search(text)
        if publisher:
            fields["publisher"] = publisher.group(1)
            text = text[: publisher.start()] + text[publisher.end() :]
        text = _SERIES_RE.sub("", text, count=1)  # "(Teoria, 5)": the book's series
    # "Proceedings of the Aristotelian Society, Supplementary Volume 55": its volume 55
    text = re.sub(r"(?i),?\s*\bsupplementary\s+vol(?:ume|\.)\s*(\d+)", r", vol. \1", text)
    m = _VOL_SLASH_RE.search(text)
    if m:
        first, second = m.group(1), m.group(2)
        if int(second) == int(first) + 1:
            fields["volume"] = f"{first}/{second}"
        else:
            fields["volume"], fields["issue"] = first, second
        text = (text[: m.start()] + "," + text[m.end() :]).strip(" ,")
    details = venue_details(text.strip(" ,.;"))
    fields.update({k: v for k, v in details.items() if k not in fields})


def authors_last(lines: list[str], marks: str = EQUAL_MARKS) -> Reference | None:
    """The reference in `lines` if they are title, venue line(s) and then the authors."""
    # the first line may read as names ("Logic, Form and Matter", "Textual Deference"): the
    # numbers of the venue line between it and the names settle which is the title
    if not 3 <= len(lines) <= 4 or not looks_like_authors(lines[-1]):
        return None
    middle = lines[1:-1]
    if any(looks_like_authors(ln) for ln in middle) or not re.search(r"\d", " ".join(middle)):
        return None
    ref = Reference()
    names, equal = split_authors(lines[-1], marks)
    if not names:
        return None
    ref.fields["authors"] = names
    if equal:
        ref.fields["equal_contribution"] = equal
    ref.fields["title"] = lines[0].strip(" .,")
    venue = _date(", ".join(ln.strip(" .,") for ln in lines[1:-1]), ref.fields, ref.uncertain)
    _venue(venue, ref.fields)
    return ref
