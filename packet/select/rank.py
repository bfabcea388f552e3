"""Rank a profile's items against a call, with the reasons for each place.

score = relevance * (1 + boosts) + BOOST_FLOOR * boosts, then divided by the
section's best score so it reads 0..1 (a section where nothing matches keeps
its small boost-only scores). Relevance (BM25, 0..1 within the
section) decides the order; boosts reorder items of similar relevance and,
through the small floor, order the items that match nothing at all.
Pinned items come first, in pin order, whatever their score.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from packet.collector import collector_paused
from packet.model.call import CallSpec, DocumentSpec, SectionRule
from packet.model.dates import PartialDate
from packet.model.profile import SECTIONS, Item, Profile
from packet.select.boosts import Booster
from packet.select.relevance import Match, match_documents
from packet.select.rules import cap, date_key, document_spec, verdicts
from packet.select.terms import Query, make_query, plain_query
from packet.select.text import DATE_ORDERED, item_fields

BOOST_FLOOR = 0.1
MAX_TERMS_SHOWN = 5
# Scores are compared after rounding so that float noise never beats the date.
_PLACES = 9


@dataclass
class Ranked:
    section: str
    item: Item
    score: float  # 0..1 within the section
    reasons: list[str]
    allowed: bool
    blocked_by: str | None
    selected: bool  # in the default selection: allowed, and within the cap


def _match_reason(match: Match) -> str:
    terms = match.terms[:MAX_TERMS_SHOWN]
    more = len(match.terms) - len(terms)
    listed = ", ".join(terms) + (f" +{more} more" if more else "")
    return f"matches: {listed} ({', '.join(match.fields)})"


def _order(scored: list[tuple[float, Item]], pinned: Sequence[str]) -> list[tuple[float, Item]]:
    pin_order = {item_id: n for n, item_id in enumerate(pinned)}

    def key(entry: tuple[float, Item]) -> tuple[object, ...]:
        score, item = entry
        newest = tuple(-part for part in date_key(item))
        return (item.id not in pin_order, pin_order.get(item.id, 0), -round(score, _PLACES), newest)

    return sorted(scored, key=key)  # stable: full ties keep profile order


def rank_section(
    profile: Profile,
    section: str,
    query: str | Query,
    *,
    as_of: PartialDate,
    rule: SectionRule | None = None,
    pinned: Collection[str] = (),
) -> list[Ranked]:
    """Every item of `section`, best first, with score, reasons and rule verdicts."""
    items = profile.section(section)
    pins = [p for p in dict.fromkeys(pinned) if any(i.id == p for i in items)]
    if isinstance(query, str):
        query = plain_query(query)

    reasons: dict[str, list[str]] = {item.id: [] for item in items}
    if section in DATE_ORDERED:
        scored = [(0.0, item) for item in items]
        for item in items:
            reasons[item.id].append("ordered by date")
    else:
        matches = match_documents([item_fields(section, item) for item in items], query)
        best = max((m.score for m in matches), default=0.0)
        # Every award is a distinction, so in that section it tells nothing apart.
        boosts = Booster(profile.person, as_of, with_distinction=section != "awards")
        scored = []
        for item, match in zip(items, matches, strict=True):
            relevance = match.score / best if best > 0 else 0.0
            found = boosts(item)
            lift = sum(weight for _, weight in found)
            scored.append((relevance * (1 + lift) + BOOST_FLOOR * lift, item))
            matched = _match_reason(match) if match.terms else "no match with the call"
            reasons[item.id].append(matched)
            reasons[item.id] += [reason for reason, _ in found]
        # The best match reads 1.0; when nothing matches, boosts alone stay small
        # rather than making an unrelated item look like a perfect fit.
        scale = max((score for score, _ in scored), default=0.0)
        if scale > 1.0:
            scored = [(score / scale, item) for score, item in scored]

    ordered = _order(scored, pins)
    blocked = verdicts(items, rule, as_of)
    chosen = {i.id for i in cap([i for _, i in ordered if blocked[i.id] is None], rule)}
    ranked = []
    for score, item in ordered:
        why = reasons[item.id]
        if item.id in pins:
            why.insert(0, "pinned")
        verdict = blocked[item.id]
        ranked.append(
            Ranked(section, item, round(score, 4), why, verdict is None, verdict, item.id in chosen)
        )
    return ranked


def call_query(call: CallSpec, focus: str | None = None) -> Query:
    return make_query(call.description, name=call.name, keywords=call.keywords, focus=focus)


def section_rules(call: CallSpec, document: str | None) -> dict[str, SectionRule]:
    """Per section, the rule of the first document that restricts it."""
    docs: Iterable[DocumentSpec] = [document_spec(call, document)] if document else call.documents
    rules: dict[str, SectionRule] = {}
    for doc in docs:
        for rule in doc.sections:
            rules.setdefault(rule.section, rule)
    return rules


def rank_items(
    profile: Profile,
    call: CallSpec,
    *,
    focus: str | None,
    as_of: PartialDate,
    pinned: Collection[str] = (),
    sections: Iterable[str] | None = None,
    document: str | None = None,
) -> dict[str, list[Ranked]]:
    """Rankings for the sections the call's documents restrict (all non-empty
    sections when none does, as for a plain CV), in profile order of sections.
    `document` limits the rules to one document of the call."""
    rules = section_rules(call, document)
    if sections is not None:
        wanted = list(dict.fromkeys(sections))
        for name in wanted:
            profile.section(name)  # KeyError for a section that does not exist
    elif rules:
        wanted = [s for s in SECTIONS if s in rules]
    else:
        wanted = [s for s in SECTIONS if profile.section(s)]
    query = call_query(call, focus)
    with collector_paused():  # see packet.collector: ranking makes ~400,000 short-lived objects
        return {
            name: rank_section(profile, name, query, as_of=as_of, rule=rules.get(name),
                               pinned=pinned)
            for name in wanted
        }
