"""A publication index page (venue + year line, title, author bullets, abstract) -> publications.

The layout of listing sites such as the one in the project's seed 001:

    ICML Conference 2025 Conference Paper
    How Compositional Generalization ...
      • Alessandro Favero
      • Antonio Sclocchi
    Natural data is often organized ...

A record starts at a "venue year type" line; the next line is the title, the
bullets are the authors in order, and the paragraph after them the abstract.
"""

from __future__ import annotations

import re
from typing import Any

from packet.errors import UserError
from packet.sources.candidate import Candidate, Format, Skipped, SourceRead

_TYPES = {
    "conference paper": "conference",
    "journal article": "journal",
    "workshop paper": "workshop",
    "preprint": "preprint",
    "book chapter": "chapter",
    "book": "book",
    "thesis": "thesis",
    "abstract": "abstract",
    "poster": "abstract",
}
_TYPE_RE = "|".join(sorted((re.escape(t) for t in _TYPES), key=len, reverse=True))
_VENUE_RE = re.compile(
    rf"^(?P<venue>\S.*?)\s+(?P<year>(?:19|20)\d{{2}})\s+(?P<type>{_TYPE_RE})\s*$", re.I | re.M
)
_BULLET_RE = re.compile(r"^\s*[•·*-]\s+(.+)$")


def sniff(head: bytes) -> bool:
    text = head.decode("utf-8", "replace")
    return len(_VENUE_RE.findall(text)) >= 2 and len(re.findall(r"(?m)^\s*[•·]\s+\S", text)) >= 2


def read(data: bytes, source: str) -> SourceRead:
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    read = SourceRead(source=source, format="publication-index")
    starts = list(_VENUE_RE.finditer(text))
    if not starts:
        raise UserError(
            f"{source}: no publication record found: expected lines such as "
            "'ICML Conference 2025 Conference Paper' followed by a title and author bullets"
        )
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        line = text.count("\n", 0, m.start()) + 1
        body = [ln.rstrip() for ln in text[m.end() : end].split("\n")]
        fields: dict[str, Any] = {
            "venue": m.group("venue").strip(),
            "year": m.group("year"),
            "kind": _TYPES[m.group("type").lower()],
        }
        rest = [ln for ln in body if ln.strip()]
        if not rest or _BULLET_RE.match(rest[0]):
            read.skipped.append(Skipped(f"{source}:{line}", "a record without a title"))
            continue
        fields["title"] = rest[0].strip()
        authors = []
        i = 1
        while i < len(rest) and _BULLET_RE.match(rest[i]):
            authors.append(_BULLET_RE.match(rest[i]).group(1).strip())  # type: ignore[union-attr]
            i += 1
        uncertain = []
        if authors:
            fields["authors"] = authors
        else:
            uncertain.append("authors")
        abstract = " ".join(ln.strip() for ln in rest[i:] if not _is_page_chrome(ln))
        if abstract:
            fields["abstract"] = abstract
        read.candidates.append(
            Candidate("publications", fields, f"{source}:{line}", "plain", uncertain)
        )
    return read


def _is_page_chrome(line: str) -> bool:
    """Navigation text of the listing page that can follow the last record."""
    return bool(re.match(r"^\s*(?:next|previous|page \d+|\d+ papers?|back to top)\s*$", line, re.I))


FORMATS = [
    Format(
        "publication-index",
        read,
        (),
        sniff,
        30,
        "a publication index page (venue, title, author bullets)",
    ),
]
