"""Small profiles for the ranking tests, written here."""

from __future__ import annotations

from typing import Any

from packet.model.dates import PartialDate
from packet.model.profile import Profile

AS_OF = PartialDate(2026, 11)


def papers(*rows: tuple[Any, ...], person: str = "Ada Lovelace") -> Profile:
    """(id, title, venue[, abstract[, year[, authors]]]) per paper."""
    publications = []
    for row in rows:
        item_id, title, venue, *rest = row
        abstract = rest[0] if rest else None
        year = rest[1] if len(rest) > 1 else 2020
        authors = rest[2] if len(rest) > 2 else ["Other, O.", "Lovelace, Ada"]
        publications.append({"id": item_id, "kind": "conference", "authors": authors,
                             "title": title, "venue": venue, "abstract": abstract, "year": year})
    return Profile.model_validate({"person": {"name": person}, "publications": publications})
