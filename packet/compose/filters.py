"""Filters and helpers that templates use to print dates, money, authors and groups.

Each returns either plain text (escaped when printed) or `TrustedMarkdown`
built only from escaped pieces, so no helper lets data change a document's
structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from packet.compose.escape import TrustedMarkdown, md_escape
from packet.model.dates import PartialDate

EN_DASH = "\u2013"


class TemplateDataError(Exception):
    """A helper refused a value; reported with the template's file and line."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

# Section groupings, in the order a CV prints them.
GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "publications": (
        ("Journal articles", ("journal",)),
        ("Conference papers", ("conference",)),
        ("Workshop papers", ("workshop",)),
        ("Preprints", ("preprint",)),
        ("Conference abstracts", ("abstract",)),
        ("Books", ("book",)),
        ("Book chapters", ("chapter",)),
        ("Theses", ("thesis",)),
    ),
    "talks": (
        ("Invited talks", ("keynote", "invited", "seminar")),
        ("Contributed talks", ("contributed", "panel")),
        ("Posters", ("poster",)),
    ),
    "positions": (
        ("Academic positions", ("academic", "visiting")),
        ("Industry experience", ("industry",)),
        ("Other experience", ("other",)),
    ),
    "mentoring": (
        ("Ph.D. students", ("phd",)),
        ("Master's theses", ("master-thesis",)),
        ("Master's students", ("master",)),
        ("Semester projects", ("semester-project",)),
        ("Bachelor's students", ("bachelor",)),
        ("Interns", ("intern",)),
        ("Other students", ("other",)),
    ),
    "service": (
        ("Refereeing", ("referee",)),
        ("Editorial work", ("editorial",)),
        ("Committees", ("committee",)),
        ("Evaluation panels", ("evaluator",)),
        ("Organisation of meetings", ("organizer",)),
        ("Other service", ("other",)),
    ),
}

GROUP_KEYS = {"mentoring": "level"}  # the attribute that says which group an item joins


@dataclass
class Group:
    """Items of one kind, in the caller's order; `start` numbers lists across groups."""

    title: str
    kinds: tuple[str, ...]
    items: list[Any] = field(default_factory=list)
    start: int = 1


def groups(items: Iterable[Any], section: str) -> list[Group]:
    """The non-empty groups of a section's items (`talks`: invited, contributed, posters)."""
    if section not in GROUPS:
        raise TemplateDataError(f"groups() knows {', '.join(GROUPS)}, not '{section}'")
    out = [Group(title, kinds) for title, kinds in GROUPS[section]]
    by_kind = {kind: group for group in out for kind in group.kinds}
    for item in items:
        kind = str(getattr(item, GROUP_KEYS.get(section, "kind"), "other"))
        if kind not in by_kind:
            by_kind[kind] = Group("Other", (kind,))
            out.append(by_kind[kind])
        by_kind[kind].items.append(item)
    number = 1
    kept = []
    for group in out:
        if group.items:
            group.start = number
            number += len(group.items)
            kept.append(group)
    return kept


def format_date(value: Any, months: bool = True) -> str:
    """PartialDate -> '2023', 'July 2023' or '14 July 2023' ('present' stays)."""
    if value is None:
        return ""
    if value == "present":
        return "present"
    try:
        return PartialDate.parse(value).human(months=months)
    except ValueError as exc:
        raise TemplateDataError(str(exc)) from None


def daterange(start: Any, end: Any = None, months: bool = True) -> str:
    """'2020 – 2025', 'July 2023 – October 2023', '2021 – present', or one date."""
    first, last = format_date(start, months), format_date(end, months)
    if not first or not last or first == last:
        return first or last
    return f"{first} {EN_DASH} {last}"


def money(amount: float | None, currency: str | None = None) -> str:
    """1100, 'USD' -> '1,100 USD'; cents only when there are some."""
    if amount is None:
        return ""
    number = f"{int(amount):,}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{number} {currency}" if currency else number


def _initials(given: str) -> str:
    words = [w for w in re.split(r"\s+", given.strip()) if w]
    parts = []
    for word in words:
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p if p.endswith(".") else f"{p[0]}." for p in pieces))
    return " ".join(parts)


def short_name(author: str) -> str:
    """'Favero, Alessandro' -> 'Favero, A.'; names without a comma stay as written."""
    family, sep, given = author.partition(",")
    if not sep or not given.strip():
        return author.strip()
    return f"{family.strip()}, {_initials(given)}"


def _name_key(name: str) -> tuple[str, str]:
    family, sep, given = name.partition(",")
    if not sep:
        words = name.split()
        family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
    given = given.strip()
    return family.strip().casefold(), given[:1].casefold()


def is_own_name(author: str, names: Iterable[str]) -> bool:
    key = _name_key(author)
    return any(_name_key(n) == key for n in names)


def join_authors(
    authors: Sequence[str],
    equal: Iterable[str] = (),
    own: Iterable[str] = (),
    initials: bool = True,
) -> TrustedMarkdown:
    """'**Favero, A.**\\*, Sclocchi, A.\\* and Wyart, M.': own name bold, co-firsts starred."""
    own_names, equal_set = list(own), set(equal)
    printed: list[str] = []
    for author in authors:
        text = md_escape(short_name(author) if initials else author)
        if is_own_name(author, own_names):
            text = TrustedMarkdown(f"**{text}**")
        if author in equal_set:
            text = TrustedMarkdown(f"{text}\\*")
        printed.append(text)
    if len(printed) > 1:
        return TrustedMarkdown(f"{TrustedMarkdown(', ').join(printed[:-1])} and {printed[-1]}")
    return TrustedMarkdown(printed[0] if printed else "")


def format_publication(pub: Any, own: Iterable[str] = ()) -> TrustedMarkdown:
    """A plain author-year reference, used where no CSL-formatted one was given.

    Like the CSL-formatted ones it carries the notes on its line and one link.
    """
    from packet.compose.citation_cv import link_of, notes_markdown

    parts = [join_authors(pub.authors, pub.equal_contribution, own)]
    when = pub.year if pub.year is not None else pub.status
    parts.append(md_escape(f" ({when}). {pub.title.rstrip('.')}."))
    venue = pub.venue or pub.venue_short
    if venue:
        detail = venue
        if pub.volume:
            detail += f", {pub.volume}" + (f"({pub.issue})" if pub.issue else "")
        if pub.number:
            detail += f", {pub.number}"
        if pub.pages:
            detail += f", {pub.pages}"
        parts.append(TrustedMarkdown(f" *{md_escape(detail)}*."))
    elif pub.arxiv:
        parts.append(md_escape(" Preprint."))
    if pub.status != "published" and pub.year is not None:
        parts.append(md_escape(f" {pub.status.capitalize()}."))
    notes = notes_markdown(pub.notes, md_escape)
    if notes:
        parts.append(TrustedMarkdown(" " + notes))
    target = link_of(pub)
    if target:
        parts.append(TrustedMarkdown(" ") + link(target[1], target[0]))
    return TrustedMarkdown("").join(parts)


def link(url: Any, label: Any = None) -> TrustedMarkdown:
    """A Markdown link; 'x.org' gets https://, 'a@b.org' gets mailto:."""
    if not url:
        return TrustedMarkdown("")
    target = str(url).strip()
    if not urlsplit(target).scheme:
        target = f"mailto:{target}" if "@" in target else f"https://{target}"
    if label is None:
        parts = urlsplit(target)
        label = parts.path if parts.scheme == "mailto" else (parts.netloc + parts.path).rstrip("/")
    return TrustedMarkdown(f"[{md_escape(label)}](<{md_escape(target)}>)")


def heading(text: Any, level: int = 2) -> TrustedMarkdown:
    """'## Text': a heading whose level a macro's caller chooses."""
    return TrustedMarkdown(f"{'#' * max(1, min(int(level), 3))} {md_escape(text)}")


def period(item: Any) -> str:
    """When an item happened, as printed beside it: a range, a date or a year."""
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    if start is not None or end is not None:
        return daterange(start, end)
    date = getattr(item, "date", None)
    if date is not None:
        return format_date(date)
    year = getattr(item, "year", None)
    return str(year) if year else ""


def contact_items(person: Any) -> list[TrustedMarkdown]:
    """Email, website, ORCID, phone and other links of a person, each ready to print."""
    items = []
    if person.email:
        items.append(link(person.email))
    if person.website:
        items.append(link(person.website))
    if person.orcid:
        items.append(md_escape("ORCID ") + link(f"https://orcid.org/{person.orcid}", person.orcid))
    if person.phone:
        items.append(md_escape(person.phone))
    items.extend(link(x.url, x.label) for x in person.links)
    return items


def _delimit(value: Any, marker: str) -> TrustedMarkdown:
    # Spaces stay outside the markers: "** x**" would not be emphasis in CommonMark.
    text: str = value if isinstance(value, str) else ("" if value is None else str(value))
    inner = text.strip()
    if not inner:
        return md_escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    escaped = md_escape(inner) if not isinstance(text, TrustedMarkdown) else TrustedMarkdown(inner)
    return TrustedMarkdown(f"{md_escape(lead)}{marker}{escaped}{marker}{md_escape(trail)}")


def strong(value: Any) -> TrustedMarkdown:
    return _delimit(value, "**")


def emph(value: Any) -> TrustedMarkdown:
    return _delimit(value, "*")


def lines(*parts: Any) -> TrustedMarkdown:
    """The non-empty parts, one per line (hard line breaks), escaped unless trusted.

    A list or tuple part gives one line per element (e.g. `person.address`).
    """
    flat = [q for p in parts for q in (p if isinstance(p, list | tuple) else [p])]
    kept = [md_escape(p) for p in flat if p]
    return TrustedMarkdown("\\\n".join(kept))


def joined(parts: Iterable[Any], separator: Any = ", ") -> TrustedMarkdown:
    """The non-empty parts joined by `separator`, each escaped unless trusted."""
    return md_escape(separator).join(p for p in parts if p)
