"""BM25 relevance of a profile section's items to one query, term by term.

Each query stem is scored on its own (a bm25s score query with one token), so
an item's score can be explained: the terms that contributed, largest first,
and the fields they were found in.

A word with a query stem but another form than the query wrote ("manipulators"
for "manipulation": one stem, two words) is its own token and counts LOOSE of a
word of the same form, so a shared stem no longer makes two topics one.

The index is built for one query: every word that is not a query term becomes
one placeholder token. BM25 needs from such words only how many there are (the
document's length), so the scores are exactly those of a full index (a test
checks this against bm25s' own tokenise-and-index pipeline), while building it
costs a fraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from packet.select.terms import Query, light_form, split_words, stemmer, stopwords

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

OTHER_WORDS = "<other words>"
STOP_WORDS = "<stop words>"  # in the vocabulary only to hold id 0; no document has it
STOP = 0
# What a word that shares only the stem of a query word is worth, next to the same word.
LOOSE = 0.5
# Stems of the words seen by earlier rankings in this process: the wizard and `packet
# rank` rank one profile several times, and stemming its 12,000 distinct words is a
# fifth of a ranking. Emptied past this size (a profile has some 20,000 words).
_STEMS: dict[str, str] = {}
_STEMS_LIMIT = 200_000

# (label, text, weight) per field, as packet.select.text.item_fields returns them
Fields = Sequence[tuple[str, str, int]]


@dataclass
class Match:
    score: float = 0.0  # weighted BM25, not normalised
    terms: list[str] = field(default_factory=list)  # as the query wrote them, best first
    fields: list[str] = field(default_factory=list)  # labels of fields holding those terms


class _TokenIds(dict[str, int]):
    """Token id of each word, worked out the first time the word is seen.

    Ids 1..n are the query's stems in the forms the query wrote, n+1..2n the
    same stems in other forms; every other word shares one placeholder id; stop
    words get 0 (STOP), which filter(None, ...) drops.
    """

    def __init__(self, query: Query, asked: dict[str, int]) -> None:
        super().__init__()
        self.query = query
        self.asked = asked
        self.loose = len(asked)
        self.other = 2 * len(asked) + 1
        self.stop = stopwords()
        self.stem = stemmer().stemWord
        self.found = False

    def __missing__(self, word: str) -> int:
        if len(word) < 2 or word in self.stop:
            token = STOP
        else:
            stem = _STEMS.get(word)
            if stem is None:
                if len(_STEMS) >= _STEMS_LIMIT:
                    _STEMS.clear()
                stem = _STEMS[word] = self.stem(word)
            stem = self.query.canonical(stem)
            token = self.asked.get(stem, self.other)
            if token != self.other:
                self.found = True
                if light_form(word) not in self.query.forms.get(stem, ()):
                    token += self.loose
        self[word] = token
        return token


def match_documents(documents: Sequence[Fields], query: Query) -> list[Match]:
    """One Match per document, in the order given."""
    matches = [Match() for _ in documents]
    if not documents or not query:
        return matches

    asked = {stem: row for row, stem in enumerate(query.weights, start=1)}
    token_of = _TokenIds(query, asked)
    token = token_of.__getitem__
    mark = query.mark if query.acronyms else str
    # One pass per field: map() and filter() keep the per-word work in C, and
    # 2,000 abstracts are some 400,000 words.
    corpus: list[list[int]] = []
    field_tokens: list[list[tuple[str, list[int]]]] = []
    for doc in documents:
        tokens: list[int] = []
        per_field = []
        for label, text, weight in doc:
            ids = list(filter(None, map(token, split_words(mark(text)))))
            tokens += ids * weight if weight > 1 else ids
            per_field.append((label, ids))
        corpus.append(tokens)
        field_tokens.append(per_field)
    if not token_of.found:
        return matches

    stems_asked = list(asked)
    weights = [query.weights[stem] for stem in stems_asked]
    contributions = _term_scores(corpus, stems_asked, weights)  # rows: stems; columns: documents
    totals = contributions.sum(axis=0).tolist()
    counts = (contributions > 0).sum(axis=0).tolist()
    # Per document, the stems by contribution, largest first; a stable sort keeps
    # equal contributions in query order.
    ranked_rows = (-contributions).argsort(axis=0, kind="stable").T.tolist()
    for match, total, count, rows, fields in zip(
        matches, totals, counts, ranked_rows, field_tokens, strict=True
    ):
        if count == 0:
            continue
        found = rows[:count]
        match.score = total
        match.terms = query.labels([stems_asked[row] for row in found])
        hit_ids = {row + 1 for row in found} | {row + 1 + len(asked) for row in found}
        match.fields = [label for label, ids in fields if not hit_ids.isdisjoint(ids)]
    return matches


def _term_scores(
    corpus: list[list[int]], asked: list[str], weights: list[float]
) -> NDArray[np.float64]:
    """Weighted BM25 score of each asked stem (rows) in each document (columns): the
    same form's score plus LOOSE times the other forms' score."""
    import bm25s
    import numpy as np

    n = len(asked)
    vocab = {STOP_WORDS: STOP, **{stem: row for row, stem in enumerate(asked, start=1)}}
    vocab.update({f"{stem} (other forms)": row + n for row, stem in enumerate(asked, start=1)})
    vocab[OTHER_WORDS] = len(vocab)
    index = bm25s.BM25()
    index.index((corpus, vocab), show_progress=False)
    rows = [
        (index.get_scores_from_ids([row]).astype(np.float64)
         + LOOSE * index.get_scores_from_ids([row + n]).astype(np.float64)) * weight
        for row, weight in enumerate(weights, start=1)
    ]
    return np.vstack(rows)
