"""Crossref REST API works (`/works/{doi}`, or a `work-list`) -> publication candidates.

Crossref states authors already split (`given`, `family`), dates as `date-parts`, and
abstracts in JATS XML (`<jats:p>`), so its candidates are marked as HTML-ish markup for
the shared cleaning step.
"""

from __future__ import annotations

import re
from typing import Any

from packet.errors import UserError
from packet.sources.candidate import Candidate, Format, Skipped, SourceRead
from packet.sources.json_source import load_json

# Crossref work types -> the profile's publication kinds.
KINDS = {
    "journal-article": "journal",
    "proceedings-article": "conference",
    "posted-content": "preprint",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "dissertation": "thesis",
}


def read_crossref_file(data: bytes, name: str) -> SourceRead:
    return read_crossref(load_json(data, name, "a Crossref work"), name)


def read_crossref(doc: Any, name: str) -> SourceRead:
    """A `/works/{doi}` response (or its `message`), or a `work-list` of them."""
    if not isinstance(doc, dict):
        raise UserError(f"{name} is JSON but not a Crossref response (it is not an object)")
    message = doc.get("message", doc)
    if not isinstance(message, dict):
        raise UserError(f"{name} is a Crossref answer without a work: {str(message)[:100]}")
    if doc.get("message-type") == "work-list" or "items" in message:
        works = message.get("items") or []
    else:
        works = [message]
    read = SourceRead(source=name, format="crossref")
    for number, work in enumerate(works, start=1):
        origin = f"{name}: work {number}" if len(works) > 1 else name
        item = work_candidate(work, origin)
        if isinstance(item, Skipped):
            read.skipped.append(item)
        else:
            read.candidates.append(item)
    if not works:
        read.skipped.append(Skipped(name, "Crossref returned no works"))
    return read


def work_candidate(work: Any, origin: str) -> Candidate | Skipped:
    if not isinstance(work, dict) or not work.get("DOI"):
        return Skipped(origin, "not a Crossref work (it has no DOI)")
    doi = str(work["DOI"])
    fields: dict[str, Any] = {"doi": doi}
    uncertain: list[str] = []
    title = _first(work.get("title"))
    subtitle = _first(work.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    if title:
        fields["title"] = title
    else:
        uncertain.append("title")
    affiliations: dict[str, str] = {}
    authors = []
    for entry in work.get("author") or []:
        author = _author(entry)
        if author:
            authors.append(author)
            where = _first([a.get("name") for a in entry.get("affiliation") or []
                            if isinstance(a, dict)])
            if where:
                affiliations[author] = where
    if authors:
        fields["authors"] = authors
    else:
        uncertain.append("authors")
    kind = KINDS.get(str(work.get("type")))
    if kind:
        fields["kind"] = kind
    else:
        uncertain.append("kind")
    venue = _first(work.get("container-title"))
    if venue:
        fields["venue"] = venue
    elif kind == "preprint" and work.get("institution"):
        fields["venue"] = _first([i.get("name") for i in work["institution"]])
    short = _first(work.get("short-container-title"))
    if short and short != venue:
        fields["venue_short"] = short
    date = _date(work)
    if date:
        fields["year"] = int(date[:4])
        if len(date) > 4:
            fields["date"] = date
    else:
        uncertain.append("year")
    for key, field in (
        ("volume", "volume"),
        ("issue", "issue"),
        ("article-number", "number"),
        ("publisher", "publisher"),
    ):
        if work.get(key):
            fields[field] = str(work[key])
    if work.get("page"):
        fields["pages"] = re.sub(r"\s*[-–]\s*", "-", str(work["page"]))
    url = work.get("URL")
    if isinstance(url, str) and "doi.org/" not in url:
        fields["url"] = url
    if isinstance(work.get("abstract"), str):
        fields["abstract"] = work["abstract"]
    return Candidate(
        "publications", fields, origin=f"doi:{doi}", markup="html", uncertain=uncertain,
        affiliations=affiliations,
    )


def _first(values: Any) -> str | None:
    if isinstance(values, list):
        values = next((v for v in values if isinstance(v, str) and v.strip()), None)
    return " ".join(values.split()) if isinstance(values, str) and values.strip() else None


def _author(author: Any) -> str | None:
    """'Family, Given' as Crossref splits it; an organisation as its name."""
    if not isinstance(author, dict):
        return None
    family, given = author.get("family"), author.get("given")
    if family and given:
        return f"{family}, {given}"
    return family or author.get("name") or given


def _date(work: dict[str, Any]) -> str | None:
    """The print date when there is one: citations give the issue's year (PNAS 122(1), 2025),
    while `issued` is the earliest date, often the online-first one of the year before."""
    for key in ("published-print", "issued", "published", "published-online", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[]]
        first = [p for p in (parts[0] if parts else []) if str(p).isdigit()]
        if first:
            year, *rest = (int(p) for p in first[:3])
            return "-".join([f"{year:04d}", *(f"{p:02d}" for p in rest)])
    return None


def _sniff(head: bytes) -> bool:
    return head.lstrip()[:1] == b"{" and b'"message-type"' in head and b'"work' in head


FORMATS = (
    Format(
        name="crossref",
        read=read_crossref_file,
        extensions=(".json",),
        sniff=_sniff,
        priority=20,
        description="Crossref REST API work JSON (api.crossref.org/works/DOI)",
    ),
)
