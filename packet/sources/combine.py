"""Field by field: what a matched candidate adds to an item, and where the two disagree.

Rules (docs/import.md, "How merging decides"):
- a field the item lacks is filled;
- lists of notes, tags, details are unions (nothing written is dropped);
- authors are taken one by one when the lists name the same people in the same order,
  each keeping the fuller spelling ("Favero, A." -> "Favero, Alessandro");
- a preprint matched with its published version takes the published venue, kind,
  year, volume, pages and status without conflict; the published item keeps them
  against a preprint; an item in press with no year takes them from a source that dates it;
- two different values of any other field are a conflict: the item keeps its value,
  or takes the new one under `prefer="new"`; either way the conflict is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from packet.sources.clean import fold
from packet.sources.names import family_key, fuller
from packet.sources.normalise import LIST_FIELDS

# What a published version decides over its preprint.
PUBLISHED_FIELDS = {
    "kind",
    "venue",
    "venue_short",
    "year",
    "date",
    "volume",
    "issue",
    "pages",
    "number",
    "publisher",
    "status",
}
# Fields whose differing texts are not worth a conflict: the item keeps its own quietly.
SOFT_FIELDS = {"abstract", "url", "description", "significance"}


@dataclass
class Outcome:
    filled: dict[str, Any] = field(default_factory=dict)
    conflicts: list[tuple[str, Any, Any, bool]] = field(
        default_factory=list
    )  # (field, kept, other, replaced)


DATE_FIELDS = {"date", "start", "end"}


def _finer(a: str, b: str) -> bool:
    """One date is the other with more precision (2021 / 2021-07 / 2021-07-15)."""
    return a.startswith(b) or b.startswith(a)


def is_preprint(item: dict[str, Any]) -> bool:
    return item.get("kind") == "preprint"


def same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return bool(a == b)


_ORDINAL = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"(?:twenty|thirty|forty|fifty)(?:[ -]?(?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth)|ieth)?"
)
_EDITION = re.compile(
    rf"\b(?:proceedings|of|the|in|annual|\d+(?:st|nd|rd|th)|(?:19|20)\d\d|{_ORDINAL})\b"
)


def same_venue(a: str, b: str) -> bool:
    """Two names of one venue that differ only by its edition ("The Thirteenth ...",
    "Proceedings of the 42nd ...", a year): a workshop at a conference is another venue."""
    core_a, core_b = (" ".join(_EDITION.sub(" ", fold(v)).split()) for v in (a, b))
    return bool(core_a) and len(core_a.split()) >= 3 and core_a == core_b


def _union(old: list[Any], new: list[Any]) -> list[Any] | None:
    keys = {fold(str(v)) for v in old}
    extra = [v for v in new if fold(str(v)) not in keys]
    return [*old, *extra] if extra else None


def same_people(old: list[str], new: list[str]) -> bool:
    return len(old) == len(new) and all(
        family_key(a) == family_key(b) for a, b in zip(old, new, strict=True)
    )


def _authors(old: list[str], new: list[str]) -> list[str] | None:
    """Fuller names taken author by author (None: nothing to add); same_people() holds."""
    merged = [fuller(a, b) or a for a, b in zip(old, new, strict=True)]
    return merged if merged != old else None


def combine(section: str, item: dict[str, Any], new: dict[str, Any], prefer_new: bool) -> Outcome:
    """What `new` (a normalised candidate matched to `item`) changes in `item`."""
    out = Outcome()
    published_wins = section == "publications" and is_preprint(item) and not is_preprint(new)
    # an item in press that a source now dates is out: that source's venue, year, volume and
    # status (published when it says none) are the published work's
    now_out = section == "publications" and item.get("year") is None and bool(new.get("year"))
    published_wins = published_wins or now_out
    preprint_only = section == "publications" and is_preprint(new) and not is_preprint(item)
    # and a source that lists a dated item as in press is older than the one that dated it
    preprint_only = preprint_only or (
        section == "publications"
        and not new.get("year")
        and new.get("status", "published") != "published"
        and bool(item.get("year"))
    )
    renamed: dict[str, str] = {}
    for name, value in new.items():
        if name == "id" or value is None or name == "equal_contribution":
            continue
        old = item.get(name)
        if old is None and value == _default(section, name):
            continue  # a saved profile leaves defaults out: "kind: academic" is already there
        if preprint_only and name in PUBLISHED_FIELDS:
            continue  # the published item's venue and year stand against its preprint's
        if old is None or old == [] or (published_wins and name in PUBLISHED_FIELDS):
            if old is None or not same(old, value):
                out.filled[name] = value
            continue
        if name == "authors":
            if not same_people(old, value):
                _conflict(out, name, old, value, prefer_new)
            elif authors := _authors(old, value):
                out.filled[name] = authors
                renamed = {a: b for a, b in zip(old, authors, strict=True) if a != b}
            continue
        if name in LIST_FIELDS and isinstance(old, list):
            extra = _union(old, value)
            if extra:
                out.filled[name] = extra
            continue
        if same(old, value):
            continue
        if name == "venue" and same_venue(str(old), str(value)):
            # "Proceedings of the 42nd International Conference on Machine Learning" and
            # "International Conference on Machine Learning": the edition's name is kept.
            if len(str(value)) > len(str(old)):
                out.filled[name] = value
            continue
        if name in DATE_FIELDS and _finer(str(old), str(value)):
            # "2021-07" and "2021-07-15" say the same: the more precise one is kept.
            if len(str(value)) > len(str(old)):
                out.filled[name] = value
            continue
        if name in SOFT_FIELDS or (name == "title" and fold(old) == fold(value)):
            if prefer_new:
                out.filled[name] = value
            continue
        _conflict(out, name, old, value, prefer_new)
    if now_out and "status" not in new and item.get("status", "published") != "published":
        out.filled["status"] = "published"
    _equal_contribution(item, new, out, renamed, prefer_new)
    return out


def _conflict(out: Outcome, name: str, old: Any, value: Any, prefer_new: bool) -> None:
    out.conflicts.append((name, old, value, prefer_new))
    if prefer_new:
        out.filled[name] = value


def _equal_contribution(
    item: dict[str, Any],
    new: dict[str, Any],
    out: Outcome,
    renamed: dict[str, str],
    prefer_new: bool,
) -> None:
    """Marks follow the item's own author spellings; a source's marks fill an unmarked item."""
    authors = out.filled.get("authors", item.get("authors", []))
    by_family = {family_key(a): a for a in authors}
    old = [renamed.get(a, a) for a in item.get("equal_contribution", [])]
    incoming = new.get("equal_contribution") or []
    mapped = [by_family[k] for k in (family_key(a) for a in incoming) if k in by_family]
    if old and old != item.get("equal_contribution"):
        out.filled["equal_contribution"] = old
    if not mapped or len(mapped) != len(incoming):
        return
    if not old:
        out.filled["equal_contribution"] = mapped
    elif set(old) != set(mapped):
        out.conflicts.append(("equal_contribution", old, mapped, prefer_new))
        if prefer_new:
            out.filled["equal_contribution"] = mapped


def _default(section: str, name: str) -> Any:
    from pydantic_core import PydanticUndefined

    from packet.sources.normalise import item_model

    info = item_model(section).model_fields.get(name)
    if info is None or info.default is PydanticUndefined:
        return object()  # equal to nothing
    return info.default
