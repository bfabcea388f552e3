"""Pseudo-relevance feedback: what the best first matches say, asked of the others.

A focus is a few words, and an applicant's papers on it often share none of them:
"shortest paths and fast marching on surfaces" finds "Heuristically Driven Front
Propagation for Fast Geodesic Extraction", whose words "geodesic" and "front
propagation" then find "Geodesic Remeshing Using Front Propagation". So, after a
first ranking, the FEEDBACK_ITEMS best items lend the query

- words (`expansion`): up to EXPANSION_TERMS stems that at least two of them use,
  weighted by how much of those items they make up (RM3's relevance model, in BM25
  terms) and worth at most EXPANSION_WEIGHT of the query's heaviest word, so they
  reorder what the query's own words leave close and never outweigh them;
- meaning (packet.select.meaning.centroid_closeness): closeness to the mean vector
  of those items, mixed into closeness to the query's texts at FEEDBACK_MEANING.

Only words of what an item is about are lent (title, abstract, tags: not the venue,
nor notes, where an import keeps links: "https", "news", "edu"). Words that most of
the section uses say nothing about one topic and are not lent
(more than a quarter of the items), nor are words only one item has. On the judged
cases (docs/ranking.md) the words lift mean nDCG@10 by about 0.01 and the meaning
by about as much again; either alone, or more items (8 to 10), or heavier words
help less.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from packet.select.meaning import NOT_TOPICAL
from packet.select.terms import Query, light_form

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from packet.select.wordindex import WordIndex

FEEDBACK_ITEMS = 5
EXPANSION_TERMS = 8
EXPANSION_WEIGHT = 0.5
FEEDBACK_MEANING = 0.5
# A lent word must be in this many of the best items, and in at most this share of
# the section.
MIN_SHARED = 2
MAX_SHARE = 0.25
_MIN_STEM = 3  # "ml", "3d": fragments, not topics


def best_items(relevance: NDArray[np.float64]) -> NDArray[np.int64]:
    """The FEEDBACK_ITEMS most relevant items (best first), of those with any relevance."""
    import numpy as np

    order = np.argsort(-relevance, kind="stable")[:FEEDBACK_ITEMS]
    return order[relevance[order] > 0]


def expansion(index: WordIndex, query: Query, best: NDArray[np.int64],
              relevance: NDArray[np.float64]) -> Query | None:
    """A query of the words the `best` items share and the query does not have, or
    None when they share none. Each word is written as the items write it most."""
    import numpy as np

    if len(best) < MIN_SHARED or not query.weights:
        return None
    n = len(index.lengths)
    stem_of_entry, stems, df = index.stem_table()
    topical = np.array([label not in NOT_TOPICAL for label in index.labels] or [True])
    at = np.flatnonzero(np.isin(index.item, best) & topical[index.field])
    weight = np.zeros(n)
    weight[best] = relevance[best]
    share = (index.count[at] * index.weights[index.field[at]]
             / np.maximum(index.lengths[index.item[at]], 1.0))
    mass = np.bincount(stem_of_entry[at], weights=weight[index.item[at]] * share,
                       minlength=len(stems))
    # in how many of the best items each stem is
    pairs = np.unique(stem_of_entry[at] * n + index.item[at])
    shared = np.bincount(pairs // n, minlength=len(stems))
    asked = set(query.weights) | set(query.aliases)
    scored = []
    for s in np.flatnonzero((shared >= MIN_SHARED) & (df <= MAX_SHARE * n) & (df >= 2)).tolist():
        stem = stems[s]
        if stem in asked or len(stem) < _MIN_STEM or not stem.isalpha():
            continue  # markers of capitals ("mcmcʼacronym") and numbers are not isalpha
        idf = math.log(1 + (n - df[s] + 0.5) / (df[s] + 0.5))
        if mass[s] > 0:  # a field that weighs nothing lends nothing
            scored.append((float(mass[s]) * idf, stem))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    chosen = scored[:EXPANSION_TERMS]
    if not chosen:
        return None
    top = chosen[0][0]
    heaviest = max(query.weights.values())
    lent = Query()
    for value, stem in chosen:
        columns = index.by_stem[stem]
        lent.weights[stem] = EXPANSION_WEIGHT * heaviest * value / top
        lent.forms[stem] = {light_form(index.words[c]) for c in columns}
        # the form the best items use most, as the reason will quote it
        counts = [(float(index.frequencies([c])[best].sum()), index.words[c]) for c in columns]
        lent.surface[stem] = max(counts, key=lambda pair: (pair[0], pair[1]))[1]
    return lent
