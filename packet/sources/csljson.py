"""CSL-JSON, as Zotero and pandoc export it and as Crossref's API answers (`message`)."""

from __future__ import annotations

import re
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Candidate, Format, Markup, SourceRead
from packet.sources.text_input import load_json, text_of

# CSL item type -> publication kind (CSL 1.0.2 types, plus Crossref's own type names).
KINDS = {
    "article-journal": "journal",
    "journal-article": "journal",
    "article-magazine": "journal",
    "paper-conference": "conference",
    "proceedings-article": "conference",
    "chapter": "chapter",
    "book-chapter": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "thesis": "thesis",
    "dissertation": "thesis",
    "report": "preprint",
    "article": "preprint",
    "posted-content": "preprint",
    "manuscript": "preprint",
}
_ARXIV = re.compile(r"arxiv[:\s./]*(?:abs/)?(\d{4}\.\d{4,5}|[a-z-]+/\d{7})", re.I)


def _text(value: Any) -> str | None:
    if isinstance(value, list):  # Crossref gives titles and container titles as lists
        value = value[0] if value else None
    return text_of(value)


def author_text(name: dict[str, Any]) -> str | None:
    """A CSL name object -> "Family, Given[, Suffix]" (particles kept with the family)."""
    if not isinstance(name, dict):
        return text_of(name)
    if name.get("literal"):
        return text_of(name["literal"])
    family = " ".join(
        p for p in (name.get("non-dropping-particle"), name.get("family")) if p
    ).strip()
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p).strip()
    if not family:
        return given or None
    text = f"{family}, {given}" if given else family
    return f"{text}, {name['suffix']}" if name.get("suffix") else text


def _issued(item: dict[str, Any]) -> tuple[str | None, str | None]:
    for key in ("issued", "published-print", "published-online", "published", "created"):
        value = item.get(key)
        if not isinstance(value, dict):
            continue
        parts = (value.get("date-parts") or [[None]])[0] or [None]
        if parts[0]:
            numbers = [int(p) for p in parts if str(p).isdigit()]
            date = "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:3])])
            return str(numbers[0]), date if len(numbers) > 1 else None
        if value.get("raw"):
            raw = str(value["raw"])
            return raw[:4], raw if len(raw) > 4 else None
    return None, None


def item_fields(item: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    out: dict[str, Any] = {}
    uncertain: list[str] = []
    kind = KINDS.get(str(item.get("type", "")))
    if kind:
        out["kind"] = kind
    else:
        uncertain.append(f"kind: CSL type {item.get('type')!r} says nothing of it")
    authors = [a for a in (author_text(n) for n in item.get("author") or []) if a]
    if not authors and kind == "book":
        authors = [a for a in (author_text(n) for n in item.get("editor") or []) if a]
    if authors:
        out["authors"] = authors
    simple = {
        "title": "title",
        "container-title": "venue",
        "container-title-short": "venue_short",
        "journalAbbreviation": "venue_short",
        "short-container-title": "venue_short",
        "volume": "volume",
        "issue": "issue",
        "page": "pages",
        "number": "number",
        "article-number": "number",
        "publisher": "publisher",
        "DOI": "doi",
        "URL": "url",
        "abstract": "abstract",
        "status": "status",
    }
    for name, target in simple.items():
        if target not in out and (value := _text(item.get(name))):
            out[target] = value
    if kind == "thesis" and "venue" not in out and (school := _text(item.get("publisher"))):
        out["venue"] = school
    year, date = _issued(item)
    if year:
        out["year"] = year
    if date:
        out["date"] = date
    for name in ("arxiv", "URL", "note", "archive_location", "number"):
        if match := _ARXIV.search(str(item.get(name) or "")):
            out["arxiv"] = match.group(1)
            break
    if note := _text(item.get("note")):
        out["notes"] = [note]
    keywords = item.get("keyword") or item.get("subject")
    if isinstance(keywords, str):
        keywords = re.split(r"[,;]", keywords)
    if keywords:
        out["tags"] = [str(k).strip() for k in keywords if str(k).strip()]
    return out, uncertain


def items_of(data: Any) -> list[Any] | None:
    if isinstance(data, dict) and isinstance(data.get("message"), dict):
        message = data["message"]
        return message.get("items") if isinstance(message.get("items"), list) else [message]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return list(data["items"])
    if isinstance(data, dict) and ("title" in data and ("type" in data or "author" in data)):
        return [data]
    if isinstance(data, list):
        return data
    return None


def read_csljson(data: bytes, shown: str) -> SourceRead:
    items = items_of(load_json(data, shown))
    if items is None:
        raise UserError(
            f"{shown} is JSON but not CSL-JSON",
            [Problem("expected a list of items with 'type' and 'title'", file=shown)],
        )
    read = SourceRead(shown, "csl-json")
    for number, item in enumerate(items, 1):
        origin = f"{shown} item {number}" + (
            f" ({item['id']})" if isinstance(item, dict) and item.get("id") else ""
        )
        if not isinstance(item, dict):
            raise UserError(
                f"{shown} is not CSL-JSON", [Problem(f"item {number} is not an object", file=shown)]
            )
        fields, uncertain = item_fields(item)
        # Crossref abstracts are JATS XML (<jats:p>...): read as HTML, tags dropped.
        markup: Markup = (
            "html"
            if "<" in str(fields.get("abstract", "")) + str(fields.get("title", ""))
            else "plain"
        )
        read.candidates.append(Candidate("publications", fields, origin, markup, uncertain))
    return read


def _sniff(head: bytes) -> bool:
    text = head.lstrip()[:4096]
    if not text.startswith((b"[", b"{")):
        return False
    return (
        b'"type"' in text
        and (b'"title"' in text or b'"author"' in text)
        and (
            b'"issued"' in text
            or b'"container-title"' in text
            or b'"DOI"' in text
            or b'"message-type"' in text
        )
    )


FORMATS = [
    Format(
        "csl-json",
        read_csljson,
        (".json", ".csl", ".csljson"),
        _sniff,
        8,
        "CSL-JSON (Zotero, pandoc, Crossref)",
    )
]
