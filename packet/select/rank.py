"""Rank a profile's items against a call, with the reasons for each place.

relevance = LEXICAL_SHARE * words + (1 - LEXICAL_SHARE) * meaning, where `words`
is BM25 over the item's text divided by the section's best, and `meaning` the
calibrated closeness of its embedding to the query's texts (packet.select.meaning),
both 0..1 within the section. A calibrated weighted sum rather than reciprocal
rank fusion: the two scores are on one scale, and an item that matches no word
keeps a meaning score of its own instead of sharing the last lexical rank
(docs/ranking.md compares the two on the judged profiles).

The ranking runs twice: the first one's five best items lend the query the words
they share and their mean vector (packet.select.feedback), and the second, with
those, is the order.

score = relevance + min(boosts, BOOST_MARGIN), then divided by the section's best.
Boosts (first author, a distinction, recent) together add at most BOOST_MARGIN,
so an item never passes one whose relevance is more than BOOST_MARGIN higher:
they decide between papers of similar fit and order those that fit nothing.
Pinned items come first, in pin order, whatever their score: the applicant
chose them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packet.cache import Cache
from packet.collector import collector_paused
from packet.model.call import CallSpec, DocumentSpec, SectionRule
from packet.model.dates import PartialDate
from packet.model.profile import SECTIONS, Item, Profile
from packet.select.boosts import Booster
from packet.select.feedback import FEEDBACK_MEANING, best_items, expansion
from packet.select.meaning import Closeness, centroid_closeness, closeness, item_text
from packet.select.relevance import Match, match_documents
from packet.select.rules import cap, date_key, document_spec, verdicts
from packet.select.terms import Query, make_query, plain_query
from packet.select.text import DATE_ORDERED, item_fields
from packet.select.wordindex import word_index

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

LEXICAL_SHARE = 0.5
NO_MATCH = "no word of the focus or the call, and not close in meaning"
FEEDBACK_NEAR = "close in meaning to the best matches"
BOOST_MARGIN = 0.1
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
    # "close in meaning to the focus: optimal control", when the item is among the
    # closer half of its section; also in `reasons`
    meaning: str | None = None
    abstract: str | None = None  # the item's abstract, when it has one


def _relevance(words: Sequence[float], meaning: Sequence[float], share: float) -> NDArray[
        np.float64]:
    """share * words + (1 - share) * meaning, words divided by the section's best."""
    import numpy as np

    raw = np.asarray(words, dtype=np.float64)
    best = float(raw.max()) if len(raw) else 0.0
    scaled = raw / best if best > 0 else np.zeros(len(raw))
    return share * scaled + (1 - share) * np.asarray(meaning, dtype=np.float64)


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _match_reason(match: Match) -> str:
    """'mentions diffusion models and score matching in the title and abstract'"""
    terms = match.terms[:MAX_TERMS_SHOWN]
    more = len(match.terms) - len(terms)
    listed = _and([*terms, f"{more} more of the query's words"] if more else terms)
    return f"mentions {listed} in the {_and(match.fields)}"


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
    vectors: Cache | None = None,
    semantic: bool = True,
) -> list[Ranked]:
    """Every item of `section`, best first, with score, reasons and rule verdicts.
    `vectors` caches item embeddings on disk; `semantic=False` ranks by words alone."""
    items = profile.section(section)
    pins = [p for p in dict.fromkeys(pinned) if any(i.id == p for i in items)]
    if isinstance(query, str):
        query = plain_query(query)

    reasons: dict[str, list[str]] = {item.id: [] for item in items}
    meanings: dict[str, str | None] = {}
    if section in DATE_ORDERED:
        scored = [(0.0, item) for item in items]
        for item in items:
            reasons[item.id].append("ordered by date")
    else:
        fields = [item_fields(section, item) for item in items]
        texts = [item_text(f) for f in fields]
        index = word_index(fields)
        matches = match_documents(fields, query, index)
        close = (closeness(texts, query, vectors) if semantic else [Closeness() for _ in items])
        share = LEXICAL_SHARE if semantic and query.meanings else 1.0
        first = _relevance([m.score + m.phrase for m in matches], [c.score for c in close],
                           share)
        # Feedback (packet.select.feedback): the best first matches lend their words
        # and their meaning to the query, for the papers that say it in other words.
        top = best_items(first)
        lent = expansion(index, query, top, first) if len(top) else None
        extra = (match_documents(fields, lent, index) if lent is not None
                 else [Match() for _ in items])
        near_best = ([0.0] * len(items) if not (semantic and query.meanings and len(top))
                     else centroid_closeness(texts, top.tolist(), first[top].tolist()))
        meaning = [(c.score + FEEDBACK_MEANING * b) / (1 + FEEDBACK_MEANING)
                   for c, b in zip(close, near_best, strict=True)] if any(near_best) else [
                       c.score for c in close]
        relevance = _relevance([m.score + m.phrase + e.score for m, e in zip(
            matches, extra, strict=True)], meaning, share).tolist()
        lenders = set(top.tolist())
        # Every award is a distinction, so in that section it tells nothing apart.
        boosts = Booster(profile.person, as_of, with_distinction=section != "awards")
        scored = []
        fits = False
        for n, (item, match, near) in enumerate(zip(items, matches, close, strict=True)):
            fits = fits or relevance[n] > 0
            found = boosts(item)
            lift = min(BOOST_MARGIN, sum(weight for _, weight in found))
            scored.append((relevance[n] + lift, item))
            if match.terms:
                reasons[item.id].append(_match_reason(match))
            if extra[n].terms and n not in lenders:
                reasons[item.id].append(f"shares {_and(extra[n].terms[:MAX_TERMS_SHOWN])} "
                                        "with the best matches")
            nearest = near.nearest
            if nearest is None and near_best[n] >= 0.5 and n not in lenders:
                nearest = FEEDBACK_NEAR
            if nearest:
                reasons[item.id].append(nearest)
            if not reasons[item.id]:
                reasons[item.id].append(NO_MATCH)
            meanings[item.id] = nearest
            reasons[item.id] += [reason for reason, _ in found]
        # The best match reads 1.0; when nothing matches, boosts alone stay small
        # rather than making an unrelated item look like a perfect fit.
        scale = max((score for score, _ in scored), default=0.0)
        if fits:
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
        ranked.append(Ranked(
            section, item, round(score, 4), why, verdict is None, verdict, item.id in chosen,
            meaning=meanings.get(item.id), abstract=getattr(item, "abstract", None) or None,
        ))
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
    vectors: Cache | None = None,
    semantic: bool = True,
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
                               pinned=pinned, vectors=vectors, semantic=semantic)
            for name in wanted
        }
