"""Signals other than topic that make an item worth proposing, each with its reason.

A boost is (reason, weight). Weights are small next to topic relevance (0..1) on
purpose, and packet.select.rank caps their sum at BOOST_MARGIN: an oral on another
subject should not push aside a paper on the call's subject, but between two
papers on the subject it should decide. Recency counts from the as-of date of
the application (packet.select.as_of), never from today.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from packet.model.dates import PartialDate
from packet.model.profile import Item, Meeting, Person, Publication, Service, Talk

RECENT_YEARS = 3
RECENT = 0.03
DISTINCTION = 0.05
AUTHORSHIP = 0.04

Boost = tuple[str, float]

_DISTINCTION = re.compile(
    r"\b(?:oral|spotlight|best\s+(?:\w+\s+)?paper|award|prize|honou?rable\s+mention"
    r"|outstanding|notable|top\s+reviewer|top[\s-]+\d+(?:\.\d+)?\s*%)",
    re.IGNORECASE,
)
_MAX_REASON = 48


def recent(item: Item, as_of: PartialDate) -> Boost | None:
    if item.forthcoming:
        return ("recent (forthcoming)", RECENT)
    when = item.when()
    if when is None or as_of.year - when.year > RECENT_YEARS:
        return None
    return (f"recent ({when.year})", RECENT)


def _reason_from_note(note: str) -> str:
    """'Oral (top 0.54%)' -> 'oral (top 0.54%)': the note, as a reason."""
    text = note.strip().rstrip(".")
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1].rstrip() + "…"


def distinction(item: Item) -> Boost | None:
    """An oral, a spotlight, a best-paper award, a prize, a top-reviewer mention,
    an invited or keynote talk."""
    notes: list[str] = []
    title = ""
    match item:
        case Publication():
            notes, title = list(item.notes), item.title
        case Service():
            notes = [*item.distinctions, *item.details]
        case Talk() if item.kind in ("keynote", "invited"):
            return (f"{item.kind} talk", DISTINCTION)
        case Meeting() if item.invited:
            return ("invited", DISTINCTION)
    for note in notes:
        if _DISTINCTION.search(note):
            return (_reason_from_note(note), DISTINCTION)
    found = _DISTINCTION.search(title)
    if found:
        return (found.group(0).lower(), DISTINCTION)
    return None


@cache
def _plain(text: str) -> str:
    """Lower case, no accents, no punctuation: 'Ortiz-Jiménez, G.' -> 'ortiz jimenez g'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", bare.lower()).split())


@cache
def _name_key(name: str) -> tuple[str, str]:
    """(family name, first initial) from 'Family, Given' or 'Given Family'."""
    if "," in name:
        family, _, given = name.partition(",")
    else:
        parts = name.split()
        family, given = (parts[-1], " ".join(parts[:-1])) if parts else ("", "")
    given_plain = _plain(given)
    return (_plain(family), given_plain[:1])


class Booster:
    """The boosts of one person's items as of one date; the person's name forms
    are normalised once, not once per author of every paper."""

    def __init__(self, person: Person, as_of: PartialDate, *, with_distinction: bool) -> None:
        names = (person.name, *person.name_variants)
        self.plain_names = {_plain(n) for n in names}
        self.name_keys = {k for k in map(_name_key, names) if k[0]}
        self.as_of = as_of
        self.with_distinction = with_distinction

    def is_person(self, author: str) -> bool:
        return _plain(author) in self.plain_names or _name_key(author) in self.name_keys

    def authorship(self, item: Item) -> Boost | None:
        """First author, or co-first when the equal-contribution group starts the list."""
        if not isinstance(item, Publication):
            return None
        equal = item.equal_contribution
        if equal and item.authors[0] in equal and any(map(self.is_person, equal)):
            return ("co-first author", AUTHORSHIP)
        if self.is_person(item.authors[0]):
            return ("first author", AUTHORSHIP)
        return None

    def __call__(self, item: Item) -> list[Boost]:
        found = [
            self.authorship(item),
            distinction(item) if self.with_distinction else None,
            recent(item, self.as_of),
        ]
        return [b for b in found if b is not None]
