"""Closeness in meaning between items and a query, from a small static embedding model.

The model is WordLlama's "l2_supercat" (256 dimensions): a table of token vectors
taken from a large language model and trained to average into sentence vectors. Its
16 MB of weights and its tokenizer ship inside the `wordllama` wheel, so it works
offline right after `pip install`; a text's vector is the mean of its tokens'
vectors, which costs about a millisecond per abstract (docs/ranking.md has the
measurements and the models it was chosen over).

The files are read directly rather than through `WordLlama.load()`: that looks for
the tokenizer in a folder the wheel does not have and then tries to download it,
and importing the `wordllama` package configures the root logger.

Nothing is loaded until a ranking asks for vectors. Item vectors are cached by
content (model, text) in packet's cache when a `Cache` is given, and in memory for
the life of the process (the wizard ranks one profile several times).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from packet.cache import Cache, content_key
from packet.errors import Problem, UserError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from tokenizers import Tokenizer

MODEL = "wordllama l2_supercat 256"
DIMENSIONS = 256
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# A title and the first ~200 words of an abstract say what a paper is about; the
# rest costs time and, averaged in, dilutes the vector with method details.
MAX_TOKENS = 320
_BATCH = 64  # texts per tokenizer call: larger batches cost more in memory traffic than they save
_MEMORY_LIMIT = 50_000  # vectors kept in memory (50,000 x 1 KB), by text

_memory: dict[str, NDArray[np.float32]] = {}


class Model:
    """WordLlama's token table and tokenizer."""

    def __init__(self, table: NDArray[np.float32], tokenizer: Tokenizer) -> None:
        self.table = table
        self.tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit vectors, one row per text (zeros for a text with no tokens)."""
        import numpy as np

        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            batch = list(texts[start:start + _BATCH])
            encoded = self.tokenizer.encode_batch(batch, add_special_tokens=False)
            ids = [e.ids[:MAX_TOKENS] for e in encoded]
            lengths = np.array([len(i) for i in ids])
            flat = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=lengths.sum())
            np.clip(flat, 0, self.table.shape[0] - 1, out=flat)
            if not len(flat):
                continue
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            nonempty = lengths > 0
            sums = np.add.reduceat(self.table[flat], offsets[nonempty], axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            out[start + np.flatnonzero(nonempty)] = sums / norms
        return out


def _package_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")  # finds it without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise UserError("the ranking's language model is not installed", [Problem(
            "no package 'wordllama'", hint="Install packet's dependencies again: "
            "pip install wordllama")])
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def load_model() -> Model:
    """The model, read once per process (about 0.3 s)."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = _package_dir()
    try:
        table = load_file(str(root / _WEIGHTS))["embedding.weight"]
        tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
    except (OSError, KeyError, ValueError) as err:
        raise UserError(f"the ranking's language model in {root} cannot be read", [Problem(
            str(err), hint="Reinstall it: pip install --force-reinstall wordllama")]) from None
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Model(table.astype("float32", copy=False), tokenizer)


def _key(text: str) -> str:
    return content_key(MODEL, str(MAX_TOKENS), text)


def vectors(texts: Sequence[str], store: Cache | None = None) -> NDArray[np.float32]:
    """Unit vectors of `texts`: from memory, then the cache, then the model.

    In memory, vectors are found by the text itself (Python keeps a string's hash,
    so a warm ranking of 2,000 items hashes nothing). On disk, a whole list seen
    before is one entry (one read for 2,000 items), and each text is one more, so a
    list with a few new texts embeds only those.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    rows = [_memory.get(t) for t in texts]
    missing = [n for n, row in enumerate(rows) if row is None]
    if not missing:
        return np.stack(rows)  # type: ignore[arg-type]
    keys = [_key(t) for t in texts]
    bundle = content_key(MODEL, *keys)
    if store is not None:
        data = store.get(bundle)
        if data is not None and len(data) == len(texts) * DIMENSIONS * 4:
            out = np.frombuffer(data, dtype=np.float32).reshape(len(texts), DIMENSIONS).copy()
            _remember(texts, out)
            return out
        for n in missing:
            entry = store.get(keys[n])
            if entry is not None and len(entry) == DIMENSIONS * 4:
                rows[n] = np.frombuffer(entry, dtype=np.float32).copy()
        missing = [n for n in missing if rows[n] is None]
    if missing:
        fresh = load_model().embed([texts[n] for n in missing])
        for n, row in zip(missing, fresh, strict=True):
            rows[n] = row
            if store is not None:
                store.put(keys[n], row.tobytes())
    out = np.stack(rows)  # type: ignore[arg-type]
    if store is not None:
        store.put(bundle, out.tobytes())
    _remember(texts, out)
    return out


def _remember(texts: Sequence[str], rows: NDArray[np.float32]) -> None:
    for text, row in zip(texts, rows, strict=True):
        _memory[text] = row
    _trim()


def _trim() -> None:
    while len(_memory) > _MEMORY_LIMIT:
        del _memory[next(iter(_memory))]  # oldest first: dicts keep insertion order


def forget() -> None:
    """Empty the in-memory vectors (tests, benchmarks of a cold start)."""
    _memory.clear()
