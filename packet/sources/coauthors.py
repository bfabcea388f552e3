"""Co-authors' affiliations, as the sources print them, for the profile's `coauthors` list.

Crossref and arXiv print an affiliation beside some authors. The publication item has no
place for it (the profile is the applicant's record), so an import keeps it under
`coauthors:` instead, where NSF's COA finds it. One entry per person: a name is the same
person as an entry when the family names match and the given names' initials agree
("Wyart, M." and "Wyart, Matthieu"). An entry's affiliation is filled when it has none;
when a source prints another one, that is listed as a conflict and the entry is kept, since
the profile cannot tell which is current. The applicant's own name never becomes an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from packet.model.profile import Profile
from packet.sources.clean import fold
from packet.sources.plan import Added, Conflict, ImportPlan, Merged


@dataclass
class Seen:
    """One author with the affiliation one source prints beside them."""

    author: str  # "Family, Given" as the publication item has it
    affiliation: str
    date: str | None  # the publication's date or year: when the affiliation was true
    origin: str


def _parts(name: str) -> tuple[str, tuple[str, ...]]:
    family, _, given = name.partition(",")
    if not given and " " in family.strip():  # "Matthieu Wyart"
        *first, family = family.split()
        given = " ".join(first)
    initials = tuple(w[0] for w in re.split(r"[\s.\-]+", fold(given)) if w)
    return fold(family).replace(" ", ""), initials


def same_person(a: str, b: str) -> bool:
    (fa, ia), (fb, ib) = _parts(a), _parts(b)
    return fa == fb and bool(ia) and bool(ib) and ia[: len(ib)] == ib[: len(ia)]


def _names(added: Added) -> list[str]:
    return [added.item["name"], *added.item.get("variants", [])]


def _newer(a: str | None, b: str | None) -> bool:
    return (a or "") > (b or "")


def _entry_id(name: str, taken: set[str]) -> str:
    family, initials = _parts(name)
    base = "co-" + re.sub(r"[^a-z0-9]+", "-", f"{family}-{''.join(initials)}").strip("-")
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    taken.add(found)
    return found


def plan_coauthors(plan: ImportPlan, seen: list[Seen], profile: Profile | None,
                   own: list[str], taken: set[str]) -> None:
    """Add to `plan` the coauthors entries the sources' affiliations give or complete."""
    taken |= {c.id for c in (profile.coauthors if profile else [])}
    existing: list[tuple[str, list[str], dict[str, Any]]] = [
        (c.id, [c.name, *c.variants], c.model_dump(mode="json", exclude_none=True))
        for c in (profile.coauthors if profile else [])
    ]
    new: list[Added] = []
    filled: dict[str, Merged] = {}
    # The newest affiliation first: an entry is written with what was true most recently.
    for one in sorted(seen, key=lambda s: s.date or "", reverse=True):
        if any(same_person(one.author, mine) for mine in own):
            continue
        match = next((e for e in existing if any(same_person(one.author, n) for n in e[1])),
                     None)
        if match is not None:
            entry_id, _, data = match
            if not data.get("affiliation"):
                data.update(affiliation=one.affiliation, source=one.origin)
                if one.date:
                    data["last_active"] = one.date
                merged = filled.setdefault(entry_id, Merged("coauthors", entry_id, {}, []))
                merged.filled.update({k: data[k] for k in ("affiliation", "source", "last_active")
                                      if k in data})
                merged.origins.append(one.origin)
            elif fold(data["affiliation"]) != fold(one.affiliation) and not _newer(
                    one.date, data.get("last_active")):
                pass  # an older paper's affiliation: the entry already has a later one
            elif fold(data["affiliation"]) != fold(one.affiliation):
                plan.conflicts.append(Conflict("coauthors", entry_id, "affiliation",
                                               data["affiliation"], one.affiliation, one.origin))
            continue
        added = next((a for a in new if any(same_person(one.author, n) for n in _names(a))),
                     None)
        if added is not None:
            if one.author not in _names(added):
                added.item.setdefault("variants", []).append(one.author)
            added.origins.append(one.origin)
            continue
        item: dict[str, Any] = {"id": _entry_id(one.author, taken), "name": one.author,
                                "affiliation": one.affiliation, "source": one.origin}
        if one.date:
            item["last_active"] = one.date
        new.append(Added("coauthors", item["id"], item, [one.origin]))
    plan.added.extend(new)
    plan.merged.extend(filled.values())
