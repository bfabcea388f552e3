"""How close each item of a section is in meaning to what the call is about, and why.

The query's texts come in groups (packet.select.terms.Query.meanings): the focus,
the call's keywords, its title, its description. An item's closeness is a weighted
mean over the groups of its cosine to that group; within the keyword group it is
the cosine to the nearest keyword, so a paper on one keyword of a broad call is
not punished for being far from the others. The focus weighs most: it is what the
applicant says this application is about.

Cosines of a static embedding model do not mean much on their own (unrelated
abstracts sit around 0.1, close ones around 0.4), so scores are calibrated within
the section: the section's median reads 0 and its closest item 1.

In a section of CENTRE_MIN items or more, cosines are taken after the section's mean
vector is subtracted from the items and the query's texts alike. The mean is what all
of one researcher's papers share (their field: "seismic", "virus"); what is left is
what sets a paper apart, which is what a ranking inside one profile must compare
(judged cases: mean nDCG@10 0.822 to 0.832). Below MEANING_FLOOR of plain cosine
nothing counts: in a profile with no paper on the focus, the least unrelated one is
not "close in meaning".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packet.select.semantic import vectors

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from packet.cache import Cache
    from packet.select.terms import Query

GROUP_WEIGHTS = {
    "the focus": 3.0,
    "the query": 3.0,
    "the call's keyword": 2.0,
    "the call's description": 1.0,
    "the call's title": 0.5,
}
# Names of places and notes say where and how a paper appeared, not what it is about.
NOT_TOPICAL = frozenset({"venue", "host", "issuer", "funder", "organizer", "notes", "event"})
_SHOWN = 60  # characters of a query text quoted in a reason
MEANING_FLOOR = 0.2
_last_centred: list[object] = [None, None]  # [texts, (centred vectors, mean)]
# Of plain cosine, what a centred section's item needs to count at all: the floor
# above is for a median of plain cosines, this is for one item (0.2 here drops true
# matches of titles-only profiles: judged mean nDCG@10 0.832 at 0.15, 0.825 at 0.2).
ITEM_FLOOR = 0.15
CENTRE_MIN = 8  # below this, a section's mean is mostly its items themselves


@dataclass
class Closeness:
    score: float = 0.0  # 0..1 within the section
    cosine: float = 0.0  # weighted mean cosine to the query's groups
    nearest: str | None = None  # the reason, when the item is among the closer half


def item_text(fields: Sequence[tuple[str, str, int]]) -> str:
    """What an item is about, as the model reads it: of its fields (packet.select.text.
    item_fields), title, abstract, tags and the like."""
    return ". ".join(text for label, text, _ in fields if label not in NOT_TOPICAL)


def _quoted(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"


def closeness(texts: Sequence[str], query: Query, store: Cache | None = None) -> list[Closeness]:
    """One Closeness per text, in the order given."""
    import numpy as np

    if not texts or not query.meanings:
        return [Closeness() for _ in texts]
    items = vectors(texts, store)
    parts = vectors([words for _, words, _ in query.meanings])  # few: from memory or the model
    groups: dict[str, list[int]] = {}
    for column, (what, _, _) in enumerate(query.meanings):
        groups.setdefault(what, []).append(column)
    plain, _ = _weighted(items @ parts.T, groups)
    if len(texts) >= CENTRE_MIN:
        centred, mean = _centred(texts, items)
        cosines = centred @ _unit(parts - mean).T
        total, best_of_group = _weighted(cosines, groups)
        floor = float(np.median(total))
    else:
        cosines = items @ parts.T
        total, best_of_group = _weighted(cosines, groups)
        floor = max(float(np.median(total)), MEANING_FLOOR)
    top = float(total.max())
    span = top - floor
    scores = np.clip((total - floor) / span, 0.0, 1.0) if span > 1e-6 else np.zeros(len(texts))
    scores = np.where(plain >= ITEM_FLOOR, scores, 0.0)

    out = []
    for row, (score, cosine) in enumerate(zip(scores.tolist(), plain.tolist(), strict=True)):
        reason = None
        if score >= 0.5:
            # Named after the query text it is closest to, the focus first on ties.
            what, column = max(
                ((w, int(best_of_group[w][1][row])) for w in groups),
                key=lambda wc: (cosines[row, wc[1]], GROUP_WEIGHTS.get(wc[0], 1.0)),
            )
            text = query.meanings[column][2]
            reason = (f"close in meaning to {what}: {_quoted(text)}"
                      if what != "the call's description" else f"close in meaning to {what}")
        out.append(Closeness(round(score, 6), round(cosine, 6), reason))
    return out


def _centred(texts: Sequence[str], items: NDArray[np.floating]) -> tuple[
        NDArray[np.floating], NDArray[np.floating]]:
    """The section's unit vectors less their mean, and the mean; the last section's are
    kept, as feedback asks for them again (centring 2,000 vectors costs ~5 ms)."""
    key = tuple(texts)
    if _last_centred[0] != key:
        mean = items.mean(axis=0)
        _last_centred[:] = [key, (_unit(items - mean), mean)]
    return _last_centred[1]  # type: ignore[return-value]


def _unit(rows: NDArray[np.floating]) -> NDArray[np.floating]:
    import numpy as np

    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)


def _weighted(cosines: NDArray[np.floating], groups: dict[str, list[int]]) -> tuple[
        NDArray[np.float64], dict[str, tuple[NDArray[np.floating], NDArray[np.int64]]]]:
    """Per item, the weighted mean over the query's groups of its cosine to the group
    (to the nearest text of a group), with each group's best (cosine, column)."""
    import numpy as np

    total = np.zeros(cosines.shape[0])
    weight_sum = 0.0
    best_of_group = {}
    for what, columns in groups.items():
        block = cosines[:, columns]
        best_of_group[what] = (block.max(axis=1), np.asarray(columns)[block.argmax(axis=1)])
        weight = GROUP_WEIGHTS.get(what, 1.0)
        total += weight * best_of_group[what][0]
        weight_sum += weight
    return total / weight_sum, best_of_group


def centroid_closeness(texts: Sequence[str], best: Sequence[int],
                       weights: Sequence[float]) -> list[float]:
    """Per text, closeness (0..1 within the section, calibrated as `closeness` is) to
    the mean vector of the `best` texts, each weighted by its relevance: what the
    best matches are about, for pseudo-relevance feedback (packet.select.feedback).
    The vectors are those `closeness` just read, from memory."""
    import numpy as np

    if not texts or not len(best):
        return [0.0] * len(texts)
    items = vectors(texts)
    if len(texts) >= CENTRE_MIN:
        items = _centred(texts, items)[0]
    centre = (items[list(best)] * np.asarray(weights, dtype=np.float64)[:, None]).sum(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0:
        return [0.0] * len(texts)
    total = items @ (centre / norm)
    floor, top = float(np.median(total)), float(total.max())
    if top - floor <= 1e-6:
        return [0.0] * len(texts)
    return np.clip((total - floor) / (top - floor), 0.0, 1.0).round(6).tolist()
