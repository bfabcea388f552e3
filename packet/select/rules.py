"""A call's selection rules (date windows, kinds, caps) and the selection they give.

Dates in profiles are often just a year. A window is applied at the item's own
precision: a paper dated "2021" is inside a window that opens in 2021-11,
because it may be from December; the checker, not the selection, is the place
to be strict about what cannot be known.

Items dated after `as_of` (accepted papers, talks already scheduled) are never
blocked: funders' windows say how far back to go, not forward.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from packet.errors import Problem, UserError
from packet.model.call import CallSpec, DocumentSpec, SectionRule
from packet.model.dates import PartialDate
from packet.model.profile import SECTIONS, Item, Profile

if TYPE_CHECKING:
    from packet.model.application import Application
    from packet.select.rank import Ranked


def window_start(rule: SectionRule, as_of: PartialDate) -> PartialDate | None:
    """The first date a rule lets in: the later of `since` and `as_of` minus `within_years`."""
    starts = [rule.since] if rule.since else []
    if rule.within_years is not None:
        starts.append(PartialDate(as_of.year - rule.within_years, as_of.month, as_of.day))
    return max(starts, key=PartialDate.key) if starts else None


def _inside(when: PartialDate, start: PartialDate) -> bool:
    precision = 1 + (when.month is not None) + (when.day is not None)
    return when.key()[:precision] >= start.key()[:precision]


def item_kind(item: Item) -> str | None:
    """What a rule's `kinds` is checked against (mentoring has levels, not kinds)."""
    value = getattr(item, "kind", None) or getattr(item, "level", None)
    return str(value) if value is not None else None


def _verdict(item: Item, kinds: list[str], start: PartialDate | None) -> str | None:
    kind = item_kind(item)
    if kinds and kind is not None and kind not in kinds:
        return f"kind {kind} not allowed"
    if start is not None and not item.forthcoming:
        when = item.when()
        if when is None:
            return f"undated (only items since {start})"
        if not _inside(when, start):
            return f"before {start}"
    return None


def blocked_by(item: Item, rule: SectionRule | None, as_of: PartialDate) -> str | None:
    """Why `rule` keeps `item` out ("before 2021-11", "kind workshop not allowed"), or None."""
    if rule is None:
        return None
    return _verdict(item, rule.kinds, window_start(rule, as_of))


def verdicts(
    items: Iterable[Item], rule: SectionRule | None, as_of: PartialDate
) -> dict[str, str | None]:
    """`blocked_by` for many items, by id."""
    if rule is None:
        return {item.id: None for item in items}
    start = window_start(rule, as_of)
    return {item.id: _verdict(item, rule.kinds, start) for item in items}


def allowed_items(
    items: Iterable[Item], rule: SectionRule | None, as_of: PartialDate
) -> list[Item]:
    """The items `rule` lets in, in the order given."""
    listed = list(items)
    blocked = verdicts(listed, rule, as_of)
    return [item for item in listed if blocked[item.id] is None]


def cap(allowed: list[Item], rule: SectionRule | None) -> list[Item]:
    if rule is None or rule.max_items is None:
        return allowed
    return allowed[: rule.max_items]


def date_key(item: Item) -> tuple[int, int, int]:
    if item.forthcoming:  # in press: newer than anything already out
        return (10_000, 0, 0)
    when = item.when()
    return when.key() if when is not None else (-1, 0, 0)


def newest_first(items: Sequence[Item], pinned: Collection[str] = ()) -> list[Item]:
    """Pinned items first (in pin order), then newest first; ties keep profile order."""
    pin_order = {item_id: n for n, item_id in enumerate(pinned)}
    keyed = [(item.id not in pin_order, pin_order.get(item.id, 0), item) for item in items]
    # sorted() is stable, so equal dates keep the profile's order.
    by_date = sorted(keyed, key=lambda k: tuple(-part for part in date_key(k[2])))
    return [item for *_, item in sorted(by_date, key=lambda k: (k[0], k[1]))]


def cut(ordered: Iterable[Item], rule: SectionRule | None, as_of: PartialDate) -> list[Item]:
    """The default selection from items already in order: allowed ones, up to the cap."""
    return cap(allowed_items(ordered, rule, as_of), rule)


def document_spec(call: CallSpec, doc: DocumentSpec | str) -> DocumentSpec:
    if isinstance(doc, DocumentSpec):
        return doc
    try:
        return call.document(doc)
    except KeyError as err:
        raise UserError(str(err.args[0])) from None


def default_selection(
    profile: Profile,
    call: CallSpec,
    doc: DocumentSpec | str,
    *,
    as_of: PartialDate,
    ranked: dict[str, list[Ranked]] | None = None,
    pinned: Collection[str] = (),
) -> dict[str, list[Item]]:
    """Every section, in profile order of sections. A section the document has a
    rule for: its allowed items (by rank when `ranked` has the section, else
    pinned then newest first), cut at max_items. Any other section: all items,
    newest first, as a CV lists them."""
    spec = document_spec(call, doc)
    selection: dict[str, list[Item]] = {}
    for section in SECTIONS:
        items = profile.section(section)
        rule = spec.rule_for(section)
        if rule is None:
            selection[section] = newest_first(items)
        elif ranked is not None and section in ranked:
            selection[section] = cut((r.item for r in ranked[section]), rule, as_of)
        else:
            selection[section] = cut(newest_first(items, pinned), rule, as_of)
    return selection


def resolve_selection(
    profile: Profile,
    call: CallSpec,
    doc: DocumentSpec | str,
    application: Application | None,
    *,
    as_of: PartialDate,
) -> dict[str, list[Item]]:
    """What one document of an application shows, section by section
    (no application yet: the default selection).

    A section the application chose keeps exactly those items in that order,
    with one exception: a choice is made once per call but documents differ, so
    a document drops chosen items that its kind or date rule forbids (a 5-year
    track record next to a full CV). Items over a document's cap stay: cutting
    them would be a silent guess, so the checker reports them instead. Sections
    not chosen get the default selection, with the application's pins first.
    """
    spec = document_spec(call, doc)
    if application is None:
        return default_selection(profile, call, spec, as_of=as_of)
    where = profile.section_of()
    problems = [
        _unknown(item_id, "pinned", where.get(item_id), None)
        for item_id in application.pinned
        if item_id not in where
    ]
    for section, ids in application.selections.items():
        problems += [
            _unknown(item_id, f"selections.{section}", where.get(item_id), section)
            for item_id in ids
            if where.get(item_id) != section
        ]
    if problems:
        raise UserError(
            f"the application for '{call.id}' names items the profile does not have", problems
        )

    selection = default_selection(profile, call, spec, as_of=as_of, pinned=application.pinned)
    by_id = profile.items()
    for section, ids in application.selections.items():
        chosen = [by_id[item_id] for item_id in dict.fromkeys(ids)]
        selection[section] = allowed_items(chosen, spec.rule_for(section), as_of)
    return selection


def _unknown(item_id: str, field: str, found_in: str | None, section: str | None) -> Problem:
    if found_in is None:
        message = f"'{item_id}' is not an item of the profile"
        hint = "Check the id against profile.yaml (ids are case-sensitive)."
    else:
        message = f"'{item_id}' is in {found_in}, not in {section}"
        hint = f"Move it to selections.{found_in}."
    return Problem(message, field=field, value=None, hint=hint)
