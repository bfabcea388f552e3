"""The words of a section's items, counted once per content, for every query after.

BM25 needs, of each item, how often each query word occurs (weighted by field) and
how many words it has; neither depends on the query. A `WordIndex` holds those
counts as sparse matrices (items x distinct words), built the first time a list of
items is ranked and kept in memory by content, so the wizard and `packet rank`
ranking one profile against several focus texts tokenise it once, and a query is
a few column sums (packet.select.relevance.match_documents).

Counting matches the token pipeline of packet.select.relevance exactly: the same
split, the same stop words, the same stems; a test compares the scores with a full
bm25s index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packet.select.terms import marker, split_words, stemmer, stopwords

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# (label, text, weight) per field, as packet.select.text.item_fields returns them
Fields = Sequence[tuple[str, str, int]]

# A word written in capitals: "MCMC", "US", "GPUs" (the plural's s is dropped).
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+s?\b")
# Indexes kept in memory: a process ranks one or two profiles' sections (publications,
# talks, ...) over and over; a few entries cover that without growing without bound.
_KEEP = 8
_indexes: dict[tuple[tuple[tuple[str, str, int], ...], ...], WordIndex] = {}
# Stems of the words seen in this process (stemming 12,000 distinct words is a fifth
# of building an index); emptied past this size.
_STEMS: dict[str, str] = {}
_STEMS_LIMIT = 200_000


@dataclass
class WordIndex:
    """Occurrences grouped by word (a compressed-column layout in plain numpy): the
    entries of column c are entries[starts[c]:starts[c + 1]], each an (item, field,
    count) triple."""

    words: list[str]  # distinct words, by column
    by_stem: dict[str, list[int]]  # stem -> columns of the words with that stem
    starts: NDArray[np.int64]  # len(words) + 1 offsets into the entry arrays
    item: NDArray[np.int64]  # per entry: the item
    field: NDArray[np.int64]  # per entry: the field (an index into `labels`)
    count: NDArray[np.float64]  # per entry: occurrences of the word in that field
    labels: list[str]  # field labels, in the order first seen
    weights: NDArray[np.float64]  # per field: how many times its words count
    lengths: NDArray[np.float64]  # weighted number of words of each item (stop words left out)
    pair_keys: NDArray[np.int64]  # sorted: first column * len(words) + second column, per pair
    pair_item: NDArray[np.int64]  # the item of each pair of words side by side
    _stems: tuple[NDArray[np.int64], list[str], NDArray[np.int64]] | None = None

    def entries(self, columns: Sequence[int]) -> NDArray[np.int64]:
        """Indexes of the entries of `columns`."""
        import numpy as np

        if not columns:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([np.arange(self.starts[c], self.starts[c + 1]) for c in columns])

    def pair_items(self, first: int, second: int) -> NDArray[np.int64]:
        """The items where the word of column `first` is followed by that of `second`."""
        key = first * max(1, len(self.words)) + second
        lo, hi = self.pair_keys.searchsorted([key, key + 1])
        return self.pair_item[lo:hi]

    def stem_table(self) -> tuple[NDArray[np.int64], list[str], NDArray[np.int64]]:
        """Per entry, the number of its word's stem; the stems; per stem, how many
        items have it (for feedback, packet.select.feedback). Built once per index."""
        if self._stems is None:
            import numpy as np

            stems = list(self.by_stem)
            of_column = np.zeros(len(self.words), dtype=np.int64)
            for n, stem in enumerate(stems):
                of_column[self.by_stem[stem]] = n
            per_column = np.diff(self.starts)
            of_entry = np.repeat(of_column, per_column)
            n_items = max(1, len(self.lengths))
            pairs = np.unique(of_entry * n_items + self.item)
            df = np.bincount(pairs // n_items, minlength=len(stems))
            self._stems = (of_entry, stems, df)
        return self._stems

    def frequencies(self, columns: Sequence[int]) -> NDArray[np.float64]:
        """Per item, the weighted occurrences of the words of `columns`."""
        import numpy as np

        at = self.entries(columns)
        weighted = self.count[at] * self.weights[self.field[at]]
        return np.bincount(self.item[at], weights=weighted, minlength=len(self.lengths)).astype(
            np.float64)


def stem_of(word: str) -> str:
    stem = _STEMS.get(word)
    if stem is None:
        if len(_STEMS) >= _STEMS_LIMIT:
            _STEMS.clear()
        stem = _STEMS[word] = stemmer().stemWord(word)
    return stem


class _Columns(dict[str, int]):
    """Column of each word, from 1 (0 is a stop word, which filter(None, ...) drops)."""

    def __init__(self) -> None:
        super().__init__()
        self.stop = stopwords()
        self.words: list[str] = []

    def __missing__(self, word: str) -> int:
        if len(word) < 2 or word in self.stop:
            column = 0
        else:
            self.words.append(word)
            column = len(self.words)
        self[word] = column
        return column


def word_index(documents: Sequence[Fields]) -> WordIndex:
    """The index of `documents`, from memory when the same texts were indexed before."""
    key = tuple(tuple(doc) for doc in documents)
    found = _indexes.get(key)
    if found is None:
        found = _build(documents)
        if len(_indexes) >= _KEEP:
            del _indexes[next(iter(_indexes))]  # the oldest: dicts keep insertion order
        _indexes[key] = found
    return found


def _build(documents: Sequence[Fields]) -> WordIndex:
    import numpy as np

    columns = _Columns()
    column = columns.__getitem__
    label_ids: dict[str, int] = {}
    weights: list[float] = []
    flat: list[int] = []  # every field's columns in turn, each field closed by a 0
    spans: list[tuple[int, int, int]] = []  # per field: item, field label, length in `flat`
    shadows: list[tuple[int, int, list[str]]] = []
    for n, doc in enumerate(documents):
        for label, text, weight in doc:
            field = label_ids.setdefault(label, len(label_ids))
            if field == len(weights):
                weights.append(float(weight))
            elif weights[field] != weight:  # one label, two weights: the counts would mix
                raise ValueError(f"field {label!r} has weights {weights[field]} and {weight}")
            # map() keeps the per-word work in C: 2,000 abstracts are some 400,000
            # words. Stop words stay as 0, so "radial velocity" is a pair and
            # "velocity of light" is not.
            before = len(flat)
            flat.extend(map(column, split_words(text)))
            flat.append(0)
            spans.append((n, field, len(flat) - before))
            # Words in capitals ("MCMC", "US") also count once more as themselves,
            # so an acronym the query means in capitals finds them; such shadows
            # count in no item's length and form no pair.
            capitals = _CAPITALS.findall(text)
            if capitals:
                shadows.append((n, field, [marker(w.removesuffix("s")) for w in capitals]))
    first_shadow = len(flat)
    for n, field, marked in shadows:
        flat.extend(map(column, marked))
        flat.append(0)
        spans.append((n, field, len(marked) + 1))
    n_items, n_fields = len(documents), max(1, len(weights))
    col_all = np.array(flat, dtype=np.int64)
    span = np.array(spans, dtype=np.int64).reshape(-1, 3)
    item_all = np.repeat(span[:, 0], span[:, 2])
    field_all = np.repeat(span[:, 1], span[:, 2])
    in_shadow = np.zeros(len(col_all), dtype=bool)
    in_shadow[first_shadow:] = True
    words = col_all > 0
    col_at, item_at, field_at = col_all[words] - 1, item_all[words], field_all[words]
    # one key per (word, item, field): sorted, its runs group by word and count
    keys, count = _runs((col_at * n_items + item_at) * n_fields + field_at)
    field_of, rest = keys % n_fields, keys // n_fields
    item_of, col_of = rest % n_items, rest // n_items
    starts = np.searchsorted(col_of, np.arange(len(columns.words) + 1))
    field_weights = np.asarray(weights or [1.0], dtype=np.float64)
    shadow_columns = np.zeros(len(columns.words), dtype=bool)
    shadow_columns[col_all[in_shadow & words] - 1] = True
    # an item's length counts its words, not the shadows of its capitals
    real = ~shadow_columns[col_of]
    lengths = np.bincount(item_of[real], weights=count[real] * field_weights[field_of[real]],
                          minlength=n_items).astype(np.float64)
    by_stem: dict[str, list[int]] = {}
    for n, word in enumerate(columns.words):
        by_stem.setdefault(stem_of(word), []).append(n)
    # Two words side by side: the key of the pair (by column), with its item.
    side = (col_all[:-1] > 0) & (col_all[1:] > 0) & ~in_shadow[:-1]
    first, second = col_all[:-1][side] - 1, col_all[1:][side] - 1
    width = max(1, len(columns.words))
    pairs, _ = _runs((first * width + second) * n_items + item_all[:-1][side])
    return WordIndex(columns.words, by_stem, starts.astype(np.int64), item_of, field_of,
                     count, list(label_ids), field_weights, lengths,
                     pairs // n_items, pairs % n_items)


def _runs(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The distinct keys, sorted, and how often each occurs (np.unique by sorting: its
    hash-based path is several times slower on 400,000 keys)."""
    import numpy as np

    if not len(keys):
        return keys, np.zeros(0, dtype=np.float64)
    keys = np.sort(keys, kind="stable")
    first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(first, len(keys))).astype(np.float64)
    return keys[first], counts


def forget() -> None:
    """Empty the in-memory indexes (tests, benchmarks of a cold start)."""
    _indexes.clear()
