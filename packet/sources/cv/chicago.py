"""References in Chicago style, as historians and other humanists write them.

    Robertson and Mullen, "Navigating through Narrative," in Making Deep Maps, edited by
    D. Bodenhamer (Routledge, 2021), 132–147, https://doi.org/...
    *The Chance of Salvation: A History of Conversion in America* (Harvard University
    Press, 2017).

The facts of publication stand in parentheses, "(Place: Publisher, Year)", and a
chapter's editors between its book and them. Read as a sentence, the parentheses look
like a date with a word in front, the editors like the venue's tail and a book title
with a colon like an author list; so the parenthetical is taken apart first and the
reference read without it.
"""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import ITAL_OFF, ITAL_ON, plain
from packet.sources.refparse import Reference, parse_reference

_YEAR = r"(?:1[89]|20)\d\d"
_FACTS_RE = re.compile(
    rf"\s*\((?:(?P<place>[^():]{{2,40}}):\s*)?(?P<publisher>[^()]{{2,90}}?),\s*(?P<year>{_YEAR})\)"
    r"(?:[,:]?\s*(?P<pages>\d+\s*[-–]\s*\d+))?"
)
# a publisher names a press, a house or a body: "(October, 2002)" is a date, not one
_PUBLISHER_RE = re.compile(
    r"press|verlag|publish|books|routledge|gruyter|brill|springer|wiley|elsevier|sage|"
    r"ashgate|palgrave|bloomsbury|norton|knopf|penguin|center|centre|institute|university|"
    r"society|library|museum",
    re.I,
)
_EDITORS_RE = re.compile(r",?\s*\b(?:edited by|eds?\.)\s+[^()]+$", re.I)
_BOOK_RE = re.compile(f"^{ITAL_ON}([^{ITAL_OFF}]+){ITAL_OFF}\\s*$")


def chicago_reference(raw: str, marks: str) -> Reference | None:
    """The reference in `raw` (its first line, emphasis kept) if it gives its facts of
    publication in Chicago's parentheses; else None."""
    text = plain(raw)
    m = _FACTS_RE.search(text)
    if not m or not _PUBLISHER_RE.search(m.group("publisher")):
        return None
    before, after = text[: m.start()], text[m.end() :]
    facts: dict[str, Any] = {"publisher": m.group("publisher").strip(), "year": m.group("year")}
    if m.group("pages"):
        facts["pages"] = re.sub(r"\s*[-–]\s*", "-", m.group("pages"))
    cut = raw.find("(")
    book = _BOOK_RE.match(raw[:cut]) if cut > 0 else None
    if book:  # "*Title* (Press, Year).": a book, its title in italics and nothing before
        ref = Reference()
        ref.fields.update(title=plain(book.group(1)).strip(" ,."), kind="book", **facts)
        parse_ids = parse_reference(f"X. T. {after}").fields
        ref.fields.update({k: v for k, v in parse_ids.items() if k in ("doi", "url", "arxiv")})
        ref.uncertain.append("authors")
        return ref
    before = _EDITORS_RE.sub("", before)  # the book's editors are not the chapter's authors
    ref = parse_reference(f"{before.rstrip(' ,')}, {m.group('year')}{after}", marks=marks)
    for key, value in facts.items():
        ref.fields.setdefault(key, value)
    ref.uncertain = [u for u in ref.uncertain if not (u == "year" and "year" in ref.fields)]
    return ref
