"""Selection: which items of a profile a call's documents show, and in what order.

`rank_items` scores items against a call (BM25 over each item's text and its
closeness in meaning from a small embedding model, plus boosts, each stated as a
reason; docs/ranking.md); `default_selection` and `resolve_selection` apply the
call's rules (kinds, date windows, caps) to give the items a document lists.
Nothing here imports bm25s, numpy or the model until a ranking runs.
"""

from packet.select.rank import Ranked, call_query, rank_items, rank_section
from packet.select.rules import (
    allowed_items,
    blocked_by,
    default_selection,
    newest_first,
    resolve_selection,
    window_start,
)
from packet.select.text import item_title

__all__ = [
    "Ranked",
    "allowed_items",
    "blocked_by",
    "call_query",
    "default_selection",
    "item_title",
    "newest_first",
    "rank_items",
    "rank_section",
    "resolve_selection",
    "window_start",
]
