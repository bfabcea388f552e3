"""English word stems for matching words across texts ("grounding" in a title, "grounded"
in an abstract). PyStemmer is already packet's stemmer for ranking; one instance is made
on first use because building it costs more than stemming a profile."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))
