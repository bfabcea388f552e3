"""What every reader of `packet/sources/` returns: candidate items, not profile items yet.

A reader only recognises structure (which part of the source is a title, an author
list, a date). It does not clean text or split names: `Candidate.markup` says what
the raw text is written in, and the shared normalisation step turns every candidate
into the profile's own forms (Unicode text, "Family, Given" names, PartialDate
strings), so that all formats are cleaned the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from packet.errors import UserError

Markup = Literal["plain", "html", "latex", "markdown"]


@dataclass
class Candidate:
    """One item as a source states it.

    `fields` uses the field names of the profile model for `section` (`title`,
    `authors`, `venue`, `year`, `date`, `start`, `end`, `amount`, ...). Author lists
    are raw strings in printed order, marks kept ("A. Favero*", "Cagnetta, F.†");
    `equal_contribution` may name some of them. A value the reader is unsure of is
    left out of `fields` and its name put in `uncertain`: never guessed.
    """

    section: str
    fields: dict[str, Any]
    origin: str  # where it was read, for messages and provenance: "refs.bib:12", "arxiv:2506.07899"
    markup: Markup = "plain"
    uncertain: list[str] = field(default_factory=list)
    # Author (as in `authors`) -> the affiliation the source prints with them, where it
    # does (Crossref's `author[].affiliation`, arXiv's `arxiv:affiliation`): it goes to
    # the profile's `coauthors`, not into the item.
    affiliations: dict[str, str] = field(default_factory=dict)


@dataclass
class Skipped:
    """A part of a source that could not become an item, and why (shown to the user)."""

    origin: str
    reason: str


@dataclass
class SourceRead:
    """Everything read from one source."""

    source: str  # the file name or identifier the user gave
    format: str  # "bibtex", "arxiv-atom", "cv-text", ...
    candidates: list[Candidate] = field(default_factory=list)
    person: dict[str, Any] = field(default_factory=dict)  # Person fields the source states
    skipped: list[Skipped] = field(default_factory=list)
    # Sections of a CV that packet has no place for, kept as text so nothing is dropped
    # silently: heading -> lines.
    unplaced: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Format:
    """A source format a reader module offers (each reader module lists its own in `FORMATS`).

    `sniff` looks at the first bytes of a file and says whether they are this format; a
    content match wins over the file's extension, and `--format NAME` over both. Higher
    `priority` is tried first, so a specific layout (an arXiv listing) is asked before a
    general one (a plain-text CV).
    """

    name: str
    read: Callable[[bytes, str], SourceRead]  # (the file's bytes, its name for messages)
    extensions: tuple[str, ...] = ()
    sniff: Callable[[bytes], bool] | None = None
    priority: int = 0
    description: str = ""


class NotRecognised(UserError):
    """The file is not in a format packet reads (as opposed to broken in one it reads): in a
    folder of sources such a file is passed over and listed, not an error."""
