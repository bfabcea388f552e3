"""BM25 relevance of a profile section's items to one query, term by term.

Each query stem is scored on its own (a bm25s score query with one token), so
an item's score can be explained: the terms that contributed, largest first,
and the fields they were found in.

A word with a query stem but another form than the query wrote ("manipulators"
for "manipulation": one stem, two words) is its own token and counts LOOSE of a
word of the same form, so a shared stem no longer makes two topics one.

Two ways to the same scores. Usually from the section's word index
(packet.select.wordindex: every item's words counted once per content, so a query
is a few column sums). A query with an acronym that spells a word ("US", matched
in capitals only) reads the items again with the acronym marked, into an index
built for that one query, where every word that is not a query term becomes one
placeholder token: BM25 needs from such words only how many there are. Tests check
both against bm25s' own tokenise-and-index pipeline and against each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from packet.select.terms import Query, light_form, split_words, stopwords
from packet.select.wordindex import stem_of

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

OTHER_WORDS = "<other words>"
STOP_WORDS = "<stop words>"  # in the vocabulary only to hold id 0; no document has it
STOP = 0
# What a word that shares only the stem of a query word is worth, next to the same word.
LOOSE = 0.5

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
        self.found = False

    def __missing__(self, word: str) -> int:
        if len(word) < 2 or word in self.stop:
            token = STOP
        else:
            stem = self.query.canonical(stem_of(word))
            token = self.asked.get(stem, self.other)
            if token != self.other:
                self.found = True
                if light_form(word) not in self.query.forms.get(stem, ()):
                    token += self.loose
        self[word] = token
        return token


# BM25's constants, bm25s' defaults (the "lucene" variant), so both paths agree.
K1 = 1.5
B = 0.75


def match_documents(documents: Sequence[Fields], query: Query) -> list[Match]:
    """One Match per document, in the order given."""
    if not documents or not query:
        return [Match() for _ in documents]
    if query.acronyms:
        # "US" matches only in capitals: the items' words are read again with the
        # query's acronyms marked, which the case-blind index cannot do.
        return _match_by_tokens(documents, query)
    return _match_indexed(documents, query)


def _match_indexed(documents: Sequence[Fields], query: Query) -> list[Match]:
    """BM25 from the section's word index: a few column sums per query stem."""
    import numpy as np

    from packet.select.wordindex import word_index

    index = word_index(documents)
    matches = [Match() for _ in documents]
    stems_asked = list(query.weights)
    aliases: dict[str, list[str]] = {}
    for alias, stem in query.aliases.items():
        aliases.setdefault(stem, []).append(alias)
    n = len(documents)
    average = float(index.lengths.mean()) if n else 0.0
    norm = K1 * ((1 - B) + B * index.lengths / average) if average > 0 else np.full(n, K1)
    rows = []
    hit_columns: list[int] = []
    for stem in stems_asked:
        same: list[int] = []
        other: list[int] = []
        forms = query.forms.get(stem, set())
        for variant in (stem, *aliases.get(stem, ())):
            for column in index.by_stem.get(variant, ()):
                (same if light_form(index.words[column]) in forms else other).append(column)
        hit_columns += same + other
        row = np.zeros(n)
        for columns, share in ((same, 1.0), (other, LOOSE)):
            if not columns:
                continue
            tf = index.frequencies(columns)
            df = int(np.count_nonzero(tf))
            idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
            row += share * idf * tf / (norm + tf)
        rows.append(row * query.weights[stem])
    if not hit_columns:
        return matches
    contributions = np.vstack(rows)
    at = index.entries(hit_columns)
    in_field = np.zeros((len(index.labels), n), dtype=bool)
    in_field[index.field[at], index.item[at]] = True
    return _explain(matches, contributions, stems_asked, query,
                    lambda doc: [label for f, label in enumerate(index.labels) if in_field[f, doc]])


def _explain(matches: list[Match], contributions: NDArray[np.float64], stems_asked: list[str],
             query: Query, fields_of: Callable[[int], list[str]]) -> list[Match]:
    """Fill each Match from the (stems x documents) contributions."""
    totals = contributions.sum(axis=0).tolist()
    counts = (contributions > 0).sum(axis=0).tolist()
    # Per document, the stems by contribution, largest first; a stable sort keeps
    # equal contributions in query order.
    ranked_rows = (-contributions).argsort(axis=0, kind="stable").T.tolist()
    for doc, (match, total, count, rows) in enumerate(
        zip(matches, totals, counts, ranked_rows, strict=True)
    ):
        if count == 0:
            continue
        match.score = total
        match.terms = query.labels([stems_asked[row] for row in rows[:count]])
        match.fields = fields_of(doc)
    return matches


def _match_by_tokens(documents: Sequence[Fields], query: Query) -> list[Match]:
    """BM25 from a one-query bm25s index, for queries with case-kept acronyms."""
    matches = [Match() for _ in documents]

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
    hit_ids = set(range(1, 2 * len(asked) + 1))
    return _explain(matches, contributions, stems_asked, query, lambda doc: [
        label for label, ids in field_tokens[doc] if not hit_ids.isdisjoint(ids)])


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
