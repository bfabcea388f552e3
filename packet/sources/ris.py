"""RIS files (EndNote, Zotero, Mendeley, Web of Science exports), read with rispy."""

from __future__ import annotations

import re
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Candidate, Format, Skipped, SourceRead
from packet.sources.text_input import decode

# RIS reference type -> publication kind (the RIS specification's type codes).
KINDS = {
    "JOUR": "journal",
    "JFULL": "journal",
    "MGZN": "journal",
    "EJOUR": "journal",
    "CONF": "conference",
    "CPAPER": "conference",
    "THES": "thesis",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "RPRT": "preprint",
    "UNPB": "preprint",
    "MANSCPT": "preprint",
    "ABST": "abstract",
}
_SNIFF = re.compile(rb"(?m)^TY  - [A-Z]+")
_DATE = re.compile(r"^(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?")


def _first(entry: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = entry.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return str(value).strip()
    return None


def _date(entry: dict[str, Any]) -> tuple[str | None, str | None]:
    text = _first(entry, "date", "publication_year", "year") or ""
    match = _DATE.match(text.strip())
    if not match:
        return None, None
    year, month, day = match.groups()
    if month and 1 <= int(month) <= 12:
        return year, f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day and int(day) else "")
    return year, None


def entry_fields(entry: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    uncertain: list[str] = []
    out: dict[str, Any] = {}
    kind = KINDS.get(str(entry.get("type_of_reference", "")).upper())
    if kind:
        out["kind"] = kind
    else:
        uncertain.append(f"kind: RIS type {entry.get('type_of_reference')!r} says nothing of it")
    authors = entry.get("authors") or entry.get("first_authors") or []
    if authors:
        out["authors"] = list(authors)
    if title := _first(entry, "title", "primary_title", "translated_title"):
        out["title"] = title
    if venue := _first(entry, "secondary_title", "journal_name", "alternate_title3"):
        out["venue"] = venue
    if short := _first(entry, "alternate_title1", "alternate_title2"):
        out["venue_short"] = short
    year, date = _date(entry)
    if year:
        out["year"] = year
    if date:
        out["date"] = date
    pages = "–".join(p for p in (_first(entry, "start_page"), _first(entry, "end_page")) if p)
    simple = {
        "volume": "volume",
        "number": "issue",
        "publisher": "publisher",
        "doi": "doi",
        "abstract": "abstract",
    }
    out.update({target: v for name, target in simple.items() if (v := _first(entry, name))})
    if pages:
        out["pages"] = pages
    urls = [u for u in entry.get("urls") or [] if u]
    arxiv = next((u for u in urls if "arxiv.org" in u), None)
    if arxiv:
        out["arxiv"] = arxiv
    other = [u for u in urls if u != arxiv and "doi.org" not in u]
    if other:
        out["url"] = other[0]
    if notes := [str(n) for n in entry.get("notes") or [] if str(n).strip()]:
        out["notes"] = notes
    if keywords := [str(k) for k in entry.get("keywords") or [] if str(k).strip()]:
        out["tags"] = keywords
    return out, uncertain


def read_ris(data: bytes, shown: str) -> SourceRead:
    import rispy

    text = decode(data, shown)
    try:
        entries = rispy.loads(text, skip_unknown_tags=True)
    except (OSError, ValueError) as err:  # rispy raises IOError on a broken file
        raise UserError(
            f"{shown} is not a valid RIS file",
            [Problem(str(err), file=shown, hint="Each record runs from 'TY  - ' to 'ER  - '.")],
        ) from None
    read = SourceRead(shown, "ris")
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line.startswith("TY  -")]
    for number, entry in enumerate(entries):
        line = starts[number] if number < len(starts) else None
        origin = f"{shown}:{line}" if line else f"{shown} record {number + 1}"
        fields, uncertain = entry_fields(entry)
        if not fields.get("title"):
            read.skipped.append(Skipped(origin, "record without a title (TI or T1)"))
            continue
        read.candidates.append(Candidate("publications", fields, origin, "plain", uncertain))
    if not read.candidates and not read.skipped:
        raise UserError(f"{shown} holds no RIS record", [Problem("no 'TY  - ' line", file=shown)])
    return read


FORMATS = [
    Format(
        "ris",
        read_ris,
        (".ris",),
        lambda head: bool(_SNIFF.search(head)),
        10,
        "RIS (EndNote, Zotero, Web of Science)",
    )
]
