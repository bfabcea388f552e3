"""BM25 relevance of a profile section's items to one query, term by term.

Each query stem is scored on its own, so an item's score can be explained: the
terms that contributed, largest first, and the fields they were found in. Scores
come from the section's word index (packet.select.wordindex: every item's words
counted once per content, so a query is a few column sums) and are those of a
bm25s index of the same words (a test checks this).

A word with a query stem but another form than the query wrote ("manipulators"
for "manipulation": one stem, two words) is its own token and counts LOOSE of a
word of the same form, so a shared stem no longer makes two topics one.

Two query words the query writes side by side ("radial velocity") that an item
also has side by side count PHRASE more: an item about radial velocities should
pass one that says "radial" in one place and "velocity" in another. The bonus is
kept apart from the BM25 score (`Match.phrase`) and named in the reason.

An acronym the query means in capitals only ("US", which spells a word; "MCMC",
the initials of a phrase it writes out) is looked up among the words items write
in capitals, which the index counts apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from packet.select.terms import Query, light_form
from packet.select.wordindex import WordIndex, word_index

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# What a word that shares only the stem of a query word is worth, next to the same word.
LOOSE = 0.5
# How much more two query words count when an item has them side by side as the query does.
PHRASE = 0.1
# BM25's constants, bm25s' defaults (its "lucene" variant).
K1 = 1.5
B = 0.75

# (label, text, weight) per field, as packet.select.text.item_fields returns them
Fields = Sequence[tuple[str, str, int]]


@dataclass
class Match:
    score: float = 0.0  # weighted BM25, not normalised
    phrase: float = 0.0  # the bonus for the query's phrases found as written
    terms: list[str] = field(default_factory=list)  # as the query wrote them, best first
    fields: list[str] = field(default_factory=list)  # labels of fields holding those terms


def match_documents(documents: Sequence[Fields], query: Query,
                    index: WordIndex | None = None) -> list[Match]:
    """One Match per document, in the order given; `index` is theirs when known."""
    import numpy as np

    matches = [Match() for _ in documents]
    if not documents or not query:
        return matches
    index = index if index is not None else word_index(documents)
    stems_asked = list(query.weights)
    variants = _variants(query)
    n = len(documents)
    average = float(index.lengths.mean())
    norm = K1 * ((1 - B) + B * index.lengths / average) if average > 0 else np.full(n, K1)
    rows = []
    hit_columns: list[int] = []
    written: dict[str, list[int]] = {}  # per stem, the columns of the forms the query wrote
    said_as: dict[int, dict[str, str]] = {}  # per document, stems matched in another form only
    for stem in stems_asked:
        same: list[int] = []
        other: list[int] = []
        forms = query.forms.get(stem, set())
        for variant in variants[stem]:
            for column in index.by_stem.get(variant, ()):
                (same if light_form(index.words[column]) in forms else other).append(column)
        hit_columns += same + other
        written[stem] = same
        row = np.zeros(n)
        exact = np.zeros(n)
        for columns, share in ((same, 1.0), (other, LOOSE)):
            if columns:
                tf = index.frequencies(columns)
                df = int(np.count_nonzero(tf))
                row += share * np.log(1 + (n - df + 0.5) / (df + 0.5)) * tf / (norm + tf)
                if share == 1.0:
                    exact = tf
        if other:
            # where only another form matched, the reason names the item's own word
            for column in other:
                for doc in index.item[index.entries([column])].tolist():
                    if exact[doc] == 0:
                        said_as.setdefault(doc, {}).setdefault(stem, index.words[column])
        rows.append(row * query.weights[stem])
    if not hit_columns:
        return matches
    contributions = np.vstack(rows)  # rows: query stems; columns: documents
    row_of = {stem: row for row, stem in enumerate(stems_asked)}
    found = _phrases_found(index, query, written)
    bonus = np.zeros(n)
    for (first, second), docs in found.items():
        bonus[docs] += PHRASE * (contributions[row_of[first], docs]
                                 + contributions[row_of[second], docs])
    phrases_of: dict[int, list[tuple[str, str]]] = {}
    for pair, docs in found.items():
        for doc in docs.tolist():
            phrases_of.setdefault(doc, []).append(pair)

    at = index.entries(hit_columns)
    in_field = np.zeros((len(index.labels), n), dtype=bool)
    in_field[index.field[at], index.item[at]] = True
    totals = contributions.sum(axis=0).tolist()
    counts = (contributions > 0).sum(axis=0).tolist()
    # Per document, the stems by contribution, largest first; a stable sort keeps
    # equal contributions in query order.
    ranked_rows = (-contributions).argsort(axis=0, kind="stable").T.tolist()
    for doc, (match, total, count, ranked) in enumerate(
        zip(matches, totals, counts, ranked_rows, strict=True)
    ):
        if count == 0:
            continue
        match.score = total
        match.phrase = float(bonus[doc])
        match.terms = query.labels([stems_asked[row] for row in ranked[:count]],
                                   phrases_of.get(doc, ()), said_as.get(doc, {}))
        match.fields = [label for f, label in enumerate(index.labels) if in_field[f, doc]]
    return matches


def _variants(query: Query) -> dict[str, tuple[str, ...]]:
    """Per query stem, the stems that stand for it in items ("llms" for "llm")."""
    found: dict[str, list[str]] = {stem: [stem] for stem in query.weights}
    for alias, stem in query.aliases.items():
        if stem in found and alias not in found[stem]:
            found[stem].append(alias)
    return {stem: tuple(stems) for stem, stems in found.items()}


def _phrases_found(index: WordIndex, query: Query,
                   written: dict[str, list[int]]) -> dict[tuple[str, str], NDArray[np.int64]]:
    """Per query phrase (two stems side by side), the documents that have its two
    words side by side in the forms the query wrote ("robot manipulators" is not
    "robotic manipulation")."""
    import numpy as np

    found = {}
    for first, second in query.phrases:
        docs = [index.pair_items(a, b) for a in written.get(first, ())
                for b in written.get(second, ())]
        hits = np.unique(np.concatenate(docs)) if docs else np.zeros(0, dtype=np.int64)
        if len(hits):
            found[(first, second)] = hits
    return found
