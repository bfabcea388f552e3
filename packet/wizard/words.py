"""The ranker's reasons and an item's details, as sentences a person reads under a list.

The ranker (packet/select/rank.py) words its reasons ("mentions diffusion models in the
title; first author"); the wizard joins them into a sentence and says its short labels
("pinned") in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from packet.wizard.answers import plural

if TYPE_CHECKING:
    from packet.model.profile import Item
    from packet.select import Ranked

def and_list(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def reason_words(reason: str) -> str:
    """One of the ranker's reasons, said in words: the ranker words its matches as
    sentences already ("mentions radial velocity in the title"); its short labels not."""
    if reason == "ordered by date":
        return "listed by date"
    if reason == "pinned":
        return "pinned by you to the top"
    return reason


def why(ranked: Ranked) -> str:
    """Why an item ranks where it does, or why it cannot be ticked."""
    said = [reason_words(r) for r in ranked.reasons]
    text = "; ".join(s for s in said if s)
    return (text[0].upper() + text[1:] + ".") if text else ""


def _authors(names: list[str], limit: int = 6) -> str:
    shown = [n for n in names[:limit]]
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" and {plural(rest, 'other')}" if rest else "")


def details(item: Item, ranked: Ranked | None = None) -> str:
    """The highlighted item in full: its title, venue and year, authors, and why it ranks."""
    from packet.select import item_title

    lines = [item_title(item)]
    venue = getattr(item, "venue", None) or getattr(item, "venue_short", None)
    when = item.when()
    where = ", ".join(x for x in (str(venue) if venue else "", str(when.year) if when else "") if x)
    if where:
        lines.append(where)
    authors = getattr(item, "authors", None)
    if authors:
        lines.append(_authors([str(a) for a in authors]))
    if ranked is not None:
        reason = why(ranked)
        if reason:
            lines.append("Why here: " + reason)
    return "\n".join(lines)
