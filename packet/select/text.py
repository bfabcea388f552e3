"""What text of each item the ranking reads, and how an item is named in lists.

Fields are read by attribute name so one table covers every section; a field's
weight is how many times its words count (a title says more about a paper than
one sentence of its abstract, and tags are the applicant's own topic labels).
"""

from __future__ import annotations

from packet.model.profile import (
    Education,
    Interest,
    Item,
    Language,
    Mentoring,
    Position,
    Service,
    Skill,
    Teaching,
)

# Sections whose items describe a career step rather than a topic: matching a
# call against "PhD, EPFL" or "Italian (native)" would only add noise.
DATE_ORDERED: frozenset[str] = frozenset({"education", "positions", "skills", "languages"})

# (field label shown in reasons, attributes read, weight)
FieldSpec = tuple[str, tuple[str, ...], int]

_TAGS: FieldSpec = ("tags", ("tags",), 2)

SECTION_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "interests": (("area", ("area",), 2), ("topics", ("topics",), 2), _TAGS),
    "publications": (
        ("title", ("title",), 2),
        ("abstract", ("abstract",), 1),
        ("venue", ("venue", "venue_short"), 1),
        ("notes", ("notes", "significance"), 1),
        _TAGS,
    ),
    "talks": (("title", ("title",), 2), ("event", ("event",), 1), ("host", ("host",), 1), _TAGS),
    "awards": (
        ("title", ("title",), 2),
        ("issuer", ("issuer",), 1),
        ("description", ("description",), 1),
        _TAGS,
    ),
    "grants": (
        ("title", ("title",), 2),
        ("funder", ("funder",), 1),
        ("description", ("description",), 1),
        _TAGS,
    ),
    "teaching": (
        ("course", ("course",), 2),
        ("role", ("role",), 1),
        ("details", ("details",), 1),
        _TAGS,
    ),
    "mentoring": (
        ("project", ("project",), 2),
        ("program", ("program",), 1),
        ("outcome", ("outcome",), 1),
        _TAGS,
    ),
    "service": (
        ("organization", ("organization",), 2),
        ("role", ("role",), 1),
        ("details", ("details", "distinctions"), 1),
        _TAGS,
    ),
    "meetings": (("title", ("title",), 2), ("organizer", ("organizer",), 1), _TAGS),
}


def item_fields(section: str, item: Item) -> list[tuple[str, str, int]]:
    """(label, text, weight) for each field of `item` that has text."""
    fields = []
    for label, attrs, weight in SECTION_FIELDS.get(section, (_TAGS,)):
        parts: list[str] = []
        for attr in attrs:
            value = getattr(item, attr, None)
            if isinstance(value, list):
                parts += value
            elif value:
                parts.append(str(value))
        if parts:
            fields.append((label, " ; ".join(parts), weight))
    return fields


def _joined(*parts: object) -> str:
    return ", ".join(str(p) for p in parts if p)


def item_title(item: Item) -> str:
    """A one-line name for an item, as a table or a wizard list shows it."""
    match item:
        case Education():
            return _joined(item.degree, item.field, item.institution)
        case Position():
            return _joined(item.title, item.organization)
        case Teaching():
            return _joined(item.course, item.role)
        case Mentoring():
            return _joined(item.student, item.level, item.project)
        case Service():
            return _joined(item.role or item.kind, item.organization)
        case Interest():
            return item.area
        case Skill():
            return item.category
        case Language():
            return item.name
    title = getattr(item, "title", None)
    return str(title) if title else item.id
