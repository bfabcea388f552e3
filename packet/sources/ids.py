"""Ids for new items, in the scheme the example profile's header states.

publications: <first author family><year><first significant title word>
              ("favero2025compositional"); a second one adds the next word
              ("favero2025compositional-language").
everything else: <section prefix>-<year>-<slug> ("talk-2025-perimeter"); items
              without a date leave the year out ("service-referee-neurips").

Ids are made once, for new items only: an item that has one keeps it forever, since
applications refer to items by id.
"""

from __future__ import annotations

from typing import Any

from packet.sources.clean import fold

PREFIX = {
    "interests": "interest",
    "education": "edu",
    "positions": "pos",
    "talks": "talk",
    "awards": "award",
    "grants": "grant",
    "teaching": "teaching",
    "mentoring": "mentoring",
    "service": "service",
    "meetings": "meeting",
    "skills": "skill",
    "languages": "lang",
}
# The fields whose words make a readable slug, most telling first.
SLUG_FIELDS = {
    "interests": ("area",),
    "education": ("institution", "degree"),
    "positions": ("organization", "title"),
    "talks": ("host", "event", "title"),
    "awards": ("issuer", "title"),
    "grants": ("funder", "title"),
    "teaching": ("code", "course"),
    "mentoring": ("student",),
    "service": ("kind", "organization"),
    "meetings": ("title", "organizer"),
    "skills": ("category",),
    "languages": ("name",),
}
_SMALL = set(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "for",
        "to",
        "and",
        "or",
        "with",
        "from",
        "by",
        "at",
        "via",
        "is",
        "are",
        "do",
        "does",
        "how",
        "what",
        "why",
        "when",
        "which",
        "who",
        "towards",
        "toward",
        "into",
        "onto",
        "its",
        "their",
        "our",
        "we",
        "new",
        "using",
        "based",
        "about",
        "between",
        "under",
        "over",
        "through",
        "than",
        "beyond",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "der",
        "die",
        "das",
        "und",
        "von",
        "van",
    ]
)


def words(text: str) -> list[str]:
    """Significant words, folded to ASCII letters and digits."""
    return [w for w in fold(text).split() if w not in _SMALL]


def _year(item: dict[str, Any], section: str = "") -> str:
    # A degree is named by the year it was completed (edu-2025-epfl-phd), others by their start.
    order = ("end", "start") if section == "education" else ("year", "date", "start", "end")
    for name in order:
        value = item.get(name)
        if value is not None and str(value)[:4].isdigit():
            return str(value)[:4]
    return ""


def _unique(base: str, more: list[str], taken: set[str]) -> str:
    candidate = base
    for word in more:
        if candidate not in taken:
            break
        candidate = f"{base}-{word}"
    number = 2
    root = candidate
    while candidate in taken:
        candidate = f"{root}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def make_id(section: str, item: dict[str, Any], taken: set[str]) -> str:
    """A new id for `item`, not in `taken` (which it is added to)."""
    year = _year(item, section)
    if section == "publications":
        first = item["authors"][0] if item.get("authors") else "anon"
        family = "".join(fold(first.partition(",")[0]).split()) or "anon"
        title = words(item.get("title", "")) or ["item"]
        return _unique(f"{family}{year}{title[0]}"[:70], title[1:4], taken)
    prefix = PREFIX.get(section, section)
    if section == "talks" and item.get("kind") == "poster":
        prefix = "poster"
    slug: list[str] = []
    for name in SLUG_FIELDS.get(section, ("title",)):
        value = item.get(name)
        if isinstance(value, str):
            slug.extend(words(value)[: 2 if slug else 1])
        if len(slug) >= 2:
            break
    parts = [prefix, *([year] if year else []), *(slug or ["item"])]
    base = "-".join(parts)[:70].strip("-")
    return _unique(base, [], taken)
