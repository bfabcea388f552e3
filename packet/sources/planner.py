"""From what the sources say to an `ImportPlan`: normalise, match, combine, give ids."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from pydantic import ValidationError

from packet.model.profile import SECTIONS, Person, Profile
from packet.sources.candidate import Skipped, SourceRead
from packet.sources.clean import fold
from packet.sources.coauthors import Seen, plan_coauthors
from packet.sources.combine import combine
from packet.sources.ids import make_id
from packet.sources.merge import Index, Record
from packet.sources.names import NameBook, parse_name
from packet.sources.normalise import Normalised, add_venue_names, normalise
from packet.sources.plan import Added, Conflict, ImportPlan, Merged, SourceSummary, Uncertain

Progress = Callable[[int], None]  # called with how many candidates were just handled


def existing_records(profile: Profile | None) -> list[Record]:
    if profile is None:
        return []
    records: list[Record] = []
    for section in SECTIONS:
        for item in profile.section(section):
            data = item.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            data["id"] = item.id
            records.append(Record(section, item.id, data, existing=True))
    return records


def name_book(profile: Profile | None) -> NameBook:
    """Every "Family, Given" the profile holds teaches how to read "Given Family"."""
    book = NameBook()
    if profile is None:
        return book
    for variant in profile.person.name_variants:
        book.learn(variant)
    for publication in profile.publications:
        for author in publication.authors:
            book.learn(author)
    return book


def plan_import(
    reads: Sequence[tuple[SourceRead, str]],
    profile: Profile | None,
    *,
    sections: Collection[str] | None = None,
    prefer: str = "existing",
    known_digests: Collection[str] = (),
    pending: Sequence[dict[str, Any]] = (),
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing `reads` ((what was read, sha256 of its bytes)) would change in `profile`.

    `pending` are title-less entries an earlier import kept because no item of the profile
    was theirs yet (see `ImportPlan.pending`): they are tried again after this import's items.
    """
    plan = ImportPlan(new_profile=profile is None)
    index = Index()
    for record in existing_records(profile):
        index.add(record)
    taken = set(index.by_id)
    book = name_book(profile)
    touched: dict[str, Merged] = {}
    new: dict[str, Added] = {}
    fillers: list[Normalised] = []
    affiliations: list[Seen] = []
    for read, digest in reads:
        seen = digest in known_digests
        plan.sources.append(
            SourceSummary(read.source, read.format, digest, len(read.candidates), seen)
        )
        plan.skipped.extend(("", s) for s in read.skipped)
        if read.unplaced:
            plan.unplaced[read.source] = dict(read.unplaced)
        for candidate in read.candidates:
            if progress is not None:
                progress(1)
            if sections and candidate.section not in sections:
                continue
            result = normalise(candidate, book)
            if result.skipped:
                plan.skipped.append((candidate.section, Skipped(candidate.origin, result.skipped)))
                continue
            when = result.item.get("date") or result.item.get("year")
            affiliations += [Seen(author, where, str(when) if when else None, candidate.origin)
                             for author, where in result.affiliations.items()]
            if result.fill_only:
                fillers.append(result)
                continue
            found = index.match(result.section, result.item)
            if found is None:
                if result.section == "publications":
                    # Only on a new item: an import fills what its sources state, and an
                    # acronym packet derives is not stated by a source of an existing item.
                    add_venue_names(result.item)
                item_id = make_id(result.section, result.item, taken)
                item = {"id": item_id, **result.item}
                record = Record(result.section, item_id, item, existing=False)
                index.add(record)
                new[item_id] = Added(result.section, item_id, item, [candidate.origin])
                _learn(book, item)
            else:
                record = found
                _fold_in(
                    plan,
                    index,
                    record,
                    result.item,
                    candidate.origin,
                    prefer == "new",
                    touched,
                    new,
                )
            plan.provenance.setdefault(record.id, []).append(candidate.origin)
            if result.uncertain:
                plan.uncertain.append(
                    Uncertain(result.section, record.id, candidate.origin, result.uncertain)
                )
    fillers += [_pending_filler(p) for p in pending if isinstance(p, dict)]
    fillers = list({_filler_key(f): f for f in reversed(fillers)}.values())[::-1]
    left: list[Normalised] = []
    for filler in fillers:  # after every full item, whatever the order of the sources
        found = index.match_filler(filler.item)
        if found is None:
            left.append(filler)
            continue
        _complete(plan, index, found, filler, prefer, touched, new)
    by_words = index.match_by_title_words([f.item for f in left])
    for position, filler in enumerate(left):
        found = by_words.get(position)
        if found is None:
            plan.pending.append(
                {"origin": filler.origin, "item": filler.item, "equal_first": filler.equal_first}
            )
            continue
        _complete(plan, index, found, filler, prefer, touched, new)
        plan.uncertain.append(Uncertain("publications", found.id, filler.origin, [
            "arxiv, abstract: matched by the title's words in the abstract, not by an "
            "identifier: check"]))
    _respell(index, new)
    plan.added = list(new.values())
    plan.merged = [m for m in touched.values() if m.filled]
    changed = {m.id for m in plan.merged} | set(new)
    plan.unchanged = [
        (r.section, r.id)
        for r in index.by_id.values()
        if r.existing and r.id in plan.provenance and r.id not in changed
    ]
    plan.person = _person(profile, reads, plan)
    own = [*plan.person.get("name_variants", []), plan.person.get("name", "")]
    if profile is not None:
        own += [profile.person.name, *profile.person.name_variants]
    plan_coauthors(plan, affiliations, profile, [n for n in own if n], taken)
    return plan


def _fold_in(
    plan: ImportPlan,
    index: Index,
    record: Record,
    item: dict[str, Any],
    origin: str,
    prefer_new: bool,
    touched: dict[str, Merged],
    new: dict[str, Added],
) -> None:
    """Combine a matched candidate into its record, noting what changed and what conflicts."""
    outcome = combine(record.section, record.item, item, prefer_new)
    for name, kept, other, replaced in outcome.conflicts:
        plan.conflicts.append(
            Conflict(record.section, record.id, name, kept, other, origin, replaced)
        )
    if record.existing:
        merged = touched.setdefault(record.id, Merged(record.section, record.id, {}, []))
        merged.origins.append(origin)
        merged.filled.update(outcome.filled)
    else:
        new[record.id].origins.append(origin)
    record.item.update(outcome.filled)
    if outcome.filled:
        # A later source may match by the DOI or arXiv id this one filled in.
        index.reindex(record)


def _respell(index: Index, new: dict[str, Added]) -> None:
    """A family name one source prints with its accents ("Ortiz-Jiménez") and another without
    ("Ortiz-Jimenez") is one person's, for the same given initial: new items take the accents.
    (Items already in the profile are curated: they keep their spelling.)"""
    spelled: dict[tuple[str, str], str] = {}
    for record in index.by_id.values():
        for author in record.item.get("authors", []):
            family, _, given = str(author).partition(",")
            if not family.isascii():
                spelled.setdefault((fold(family), fold(given)[:1]), family)
    if not spelled:
        return
    for added in new.values():
        for name in ("authors", "equal_contribution"):
            names = added.item.get(name)
            if not names:
                continue
            fixed = []
            for author in names:
                family, comma, given = str(author).partition(",")
                better = spelled.get((fold(family), fold(given)[:1])) if family.isascii() else None
                fixed.append(f"{better}{comma}{given}" if better else author)
            added.item[name] = fixed


def _complete(
    plan: ImportPlan,
    index: Index,
    record: Record,
    filler: Normalised,
    prefer: str,
    touched: dict[str, Merged],
    new: dict[str, Added],
) -> None:
    _fold_in(plan, index, record, _filling(record.item, filler), filler.origin,
             prefer == "new", touched, new)
    plan.provenance.setdefault(record.id, []).append(filler.origin)


def _filler_key(filler: Normalised) -> tuple[str, str]:
    """The same listing entry read again (a source imported twice) is one filler."""
    item = filler.item
    return str(item.get("arxiv") or item.get("doi") or ""), fold(str(item.get("abstract", "")))


def _plain_value(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(x, str) for x in value)
    return isinstance(value, str | int) and not isinstance(value, bool)


def _pending_filler(kept: dict[str, Any]) -> Normalised:
    """An entry kept by an earlier import, read back from imports.yaml: a record anyone can
    edit, so only the fields a filler gives, as plain text, numbers or lists of text."""
    from packet.sources.normalise import item_model

    fields = item_model("publications").model_fields
    item = kept.get("item")
    if not isinstance(item, dict):
        item = {}
    plain = {
        str(k): v for k, v in item.items()
        if k in fields and k not in {"id", "title", "authors"} and _plain_value(v)
    }  # fmt: skip
    n = kept.get("equal_first")
    return Normalised("publications", plain, str(kept.get("origin", "")), fill_only=True,
                      equal_first=n if isinstance(n, int) and not isinstance(n, bool) else None)


def _filling(item: dict[str, Any], filler: Normalised) -> dict[str, Any]:
    """What a title-less candidate may add to `item`: its identifiers, abstract, notes and
    links; its preprint state (kind, the arXiv date and year) says nothing of a published
    item, and "the first N authors contributed equally" names the item's own authors."""
    fields = {k: v for k, v in filler.item.items()
              if k not in {"kind", "status", "year", "title", "authors"}}
    if fields.get("venue") == "arXiv preprint" or item.get("venue"):
        fields.pop("venue", None)
    if "date" in fields and str(fields["date"])[:4] != str(item.get("year", "")):
        fields.pop("date")
    n = filler.equal_first
    if n and not item.get("equal_contribution") and len(item.get("authors", [])) >= n:
        fields["equal_contribution"] = list(item["authors"][:n])
    return fields


def _learn(book: NameBook, item: dict[str, Any]) -> None:
    for author in item.get("authors", []):
        book.learn(author)


def _person(
    profile: Profile | None, reads: Sequence[tuple[SourceRead, str]], plan: ImportPlan
) -> dict[str, Any]:
    """Person fields the sources state that the profile lacks (all of them for a new profile)."""
    have = profile.person.model_dump(exclude_none=True, exclude_defaults=True) if profile else {}
    known = {fold(n) for n in [have.get("name", ""), *have.get("name_variants", [])] if n}
    stated: dict[str, Any] = {}
    for read, _ in reads:
        other = read.person.get("name")
        if profile is not None and other and fold(str(other)) not in known:
            continue  # someone else's CV (a co-author's): their email is not this person's
        for name, value in read.person.items():
            if name in Person.model_fields and value not in (None, "", []):
                stated.setdefault(name, value)
    person = {k: v for k, v in stated.items() if k not in have}
    if profile is None:
        if "name" in person:
            person.setdefault("name_variants", variants(str(person["name"])))
        else:
            person["name"] = "Your Name"
            plan.uncertain.append(
                Uncertain("person", None, "", ["name: no source states it; set to 'Your Name'"])
            )
    try:
        Person.model_validate({**have, **person})
    except ValidationError as err:
        bad = {str(e["loc"][0]) for e in err.errors() if e.get("loc")}
        for name in bad & set(person):
            plan.uncertain.append(
                Uncertain("person", None, "", [f"{name}: {person.pop(name)!r} rejected"])
            )
    return person


def variants(name: str) -> list[str]:
    """How a name is printed in author lists: "Favero, A.", "Favero, Alessandro", ..."""
    parts = parse_name(name)
    if not parts.given:
        return [name]
    initials = " ".join(f"{w[0]}." for w in parts.given.replace("-", " ").split())
    forms = [
        f"{parts.family}, {initials}",
        f"{parts.family}, {parts.given}",
        f"{initials} {parts.family}",
        f"{parts.given} {parts.family}",
    ]
    return list(dict.fromkeys(forms))
