"""A profile as rich tables, one per section."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table

from packet.model.profile import SECTIONS, Item, Profile, Publication


def _when(item: Item) -> str:
    start = getattr(item, "start", None)
    end = getattr(item, "end", None)
    if start is not None or end is not None:
        return f"{start or ''} – {end or ''}".strip()
    when = item.when()
    return str(when) if when else ""


def _authors(pub: Publication) -> str:
    names = [f"{a}*" if a in pub.equal_contribution else a for a in pub.authors]
    return "; ".join(names)


def _money(item: Any) -> str:
    amount = getattr(item, "amount", None)
    return f"{amount:,.0f} {item.currency}" if amount is not None else ""


# Per section: (column title, how to get it) after the id and date columns.
COLUMNS: dict[str, list[tuple[str, Callable[[Any], str]]]] = {
    "interests": [("area", lambda i: i.area), ("topics", lambda i: ", ".join(i.topics))],
    "education": [
        ("degree", lambda i: f"{i.degree}{', ' + i.field if i.field else ''}"),
        ("institution", lambda i: i.institution),
        ("honors", lambda i: i.honors or ""),
    ],
    "positions": [
        ("title", lambda i: i.title),
        ("organization", lambda i: i.organization),
        ("kind", lambda i: i.kind),
    ],
    "publications": [
        ("kind", lambda i: i.kind),
        ("title", lambda i: i.title),
        ("authors", _authors),
        ("venue", lambda i: i.venue_short or i.venue or ""),
        ("notes", lambda i: "; ".join(i.notes)),
    ],
    "talks": [
        ("kind", lambda i: i.kind),
        ("title", lambda i: i.title),
        ("where", lambda i: ", ".join(x for x in (i.host, i.event, i.location) if x)),
    ],
    "awards": [
        ("title", lambda i: i.title),
        ("issuer", lambda i: i.issuer or ""),
        ("amount", _money),
    ],
    "grants": [("title", lambda i: i.title), ("funder", lambda i: i.funder), ("amount", _money)],
    "teaching": [
        ("role", lambda i: i.role),
        ("course", lambda i: f"{i.code or ''} {i.course}".strip()),
        ("terms", lambda i: ", ".join(i.terms)),
    ],
    "mentoring": [
        ("student", lambda i: i.student),
        ("level", lambda i: i.level),
        ("program", lambda i: i.program or ""),
    ],
    "service": [
        ("kind", lambda i: i.kind),
        ("organization", lambda i: i.organization),
        ("role", lambda i: i.role or ""),
        ("distinctions", lambda i: ", ".join(i.distinctions)),
    ],
    "meetings": [
        ("kind", lambda i: i.kind),
        ("title", lambda i: i.title),
        ("organizer", lambda i: i.organizer or ""),
        ("invited", lambda i: "yes" if i.invited else ""),
    ],
    "skills": [("category", lambda i: i.category), ("items", lambda i: ", ".join(i.items))],
    "languages": [("language", lambda i: i.name), ("level", lambda i: i.level or "")],
}


def person_table(profile: Profile) -> Table:
    person = profile.person
    table = Table(title="person", show_header=False, title_justify="left", title_style="bold")
    table.add_column(style="dim")
    table.add_column()
    for key, value in person.model_dump(exclude_none=True).items():
        if key == "links":
            value = ", ".join(f"{link['label']}: {link['url']}" for link in value)
        elif isinstance(value, list):
            value = "; ".join(value)
        if value:
            table.add_row(escape(key), escape(str(value)))
    return table


def section_table(profile: Profile, section: str) -> Table:
    items = profile.section(section)
    table = Table(
        title=f"{section} ({len(items)})",
        title_justify="left",
        title_style="bold",
        header_style="bold",
        show_lines=section == "publications",
    )
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    for title, _ in COLUMNS[section]:
        table.add_column(title, overflow="fold")
    for item in items:
        table.add_row(escape(item.id), _when(item),
                      *(escape(str(get(item))) for _, get in COLUMNS[section]))
    return table


def profile_tables(profile: Profile, section: str | None) -> Iterator[RenderableType]:
    if section in (None, "person"):
        yield person_table(profile)
    for name in SECTIONS:
        if (section is None and profile.section(name)) or section == name:
            yield section_table(profile, name)
