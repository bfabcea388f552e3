"""What an import would do, before it does it: the plan the CLI shows and `apply_plan` saves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from packet.sources.candidate import Skipped


@dataclass
class Added:
    section: str
    id: str
    item: dict[str, Any]  # in profile form, id included
    origins: list[str]


@dataclass
class Merged:
    """An item already in the profile that the import completes."""

    section: str
    id: str
    filled: dict[str, Any]  # field -> its new value (only the fields that change)
    origins: list[str]


@dataclass
class Conflict:
    """Two sources (or the profile and a source) disagree on a field of one item."""

    section: str
    id: str
    field: str
    kept: Any
    other: Any
    origin: str
    replaced: bool = False  # True under --prefer new: `other` was taken


@dataclass
class Uncertain:
    """Fields of one item that were left empty or set to a neutral value: review them."""

    section: str
    id: str | None
    origin: str
    notes: list[str]


@dataclass
class SourceSummary:
    source: str
    format: str
    digest: str  # sha256 of the bytes read: the same source imported twice is recognised
    candidates: int
    already_imported: bool = False


@dataclass
class ImportPlan:
    sources: list[SourceSummary] = field(default_factory=list)
    added: list[Added] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: list[tuple[str, Skipped]] = field(default_factory=list)  # (section or "", why)
    uncertain: list[Uncertain] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (section, id) matched as is
    # CV sections packet has no place for: source -> heading -> lines (kept, shown, never lost)
    unplaced: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    person: dict[str, Any] = field(default_factory=dict)  # Person fields to set
    new_profile: bool = False
    # Provenance: item id -> origins ("refs.bib:12") it was read from in this import
    provenance: dict[str, list[str]] = field(default_factory=dict)
    # Title-less entries (an arXiv listing's) no item is theirs yet, kept in the provenance
    # record so that a later import of the item completes it, whatever the order of imports:
    # [{"origin": ..., "item": {...}, "equal_first": n}]
    pending: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changes_profile(self) -> bool:
        return bool(self.added or self.merged or self.person or self.new_profile)

    def sections(self) -> list[str]:
        """The sections this plan touches, in first-seen order."""
        seen: dict[str, None] = {}
        entries: list[Added | Merged | Conflict | Uncertain] = [
            *self.added,
            *self.merged,
            *self.conflicts,
            *self.uncertain,
        ]
        for entry in entries:
            seen.setdefault(entry.section, None)
        for section, _ in (*self.skipped, *self.unchanged):
            seen.setdefault(section, None)
        return list(seen)
