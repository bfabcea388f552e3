"""People's names as author lists print them, merged into one entry per person.

"Wyart, M.", "M. Wyart" and "Matthieu Wyart" are one co-author: the family
name matches (accents and case aside) and the initials of the given names
agree, one list a prefix of the other. Names whose initials disagree
("Wyart, M." and "Wyart, J.") stay two people.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Lowercase particles that belong to the family name: "Ludovic van der Berg".
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "le",
              "la", "ter", "ten", "zu", "bin", "al"}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s-]", " ", letters.casefold()).split())


@dataclass(frozen=True)
class Name:
    family: str
    given: str

    @classmethod
    def parse(cls, text: str) -> Name:
        """'Family, Given' (packet's own form) or 'Given Family' (as imports often have)."""
        text = " ".join(text.split())
        if all(len(part) <= 1 for part in re.split(r"[\s.,]+", text)):
            return cls(text, "")  # initials only ("C. A. B."): no family name to tell apart
        if "," in text:
            family, given = (part.strip() for part in text.split(",", 1))
            return cls(family, given)
        words = text.split(" ")
        start = len(words) - 1
        while start > 1 and words[start - 1].casefold() in _PARTICLES:
            start -= 1
        return cls(" ".join(words[start:]), " ".join(words[:start]))

    @property
    def key(self) -> str:
        return _plain(self.family)

    @property
    def initials(self) -> tuple[str, ...]:
        return tuple(part[0] for part in re.split(r"[\s.\-]+", _plain(self.given)) if part)

    @property
    def initials_only(self) -> bool:
        return not self.given and all(len(p) <= 1 for p in re.split(r"[\s.,]+", self.family))

    def same_person(self, other: Name) -> bool:
        if self.key != other.key:
            return False
        a, b = self.initials, other.initials
        return a[: len(b)] == b[: len(a)]

    def __str__(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class Person:
    """One person and every way their name was printed."""

    names: list[Name] = field(default_factory=list)

    @property
    def name(self) -> Name:
        """The fullest form: most initials, then the longest given name (full over initials)."""
        return max(self.names, key=lambda n: (len(n.initials), len(n.given.replace(".", ""))))

    def matches(self, other: Name) -> bool:
        return any(n.same_person(other) for n in self.names)


def merge_names(names: list[str]) -> list[tuple[Person, list[int]]]:
    """Group names by person; each person with the positions of its names in `names`."""
    people: list[tuple[Person, list[int]]] = []
    for index, text in enumerate(names):
        name = Name.parse(text)
        for person, where in people:
            if person.matches(name):
                person.names.append(name)
                where.append(index)
                break
        else:
            people.append((Person([name]), [index]))
    return people


def is_self(text: str, own: list[str]) -> bool:
    """Whether an author name is the applicant's (any of their name variants)."""
    name = Name.parse(text)
    return any(Name.parse(variant).same_person(name) for variant in own)
