"""Counting words and characters the way funders' forms do.

A word is a whitespace-separated token holding at least one letter or digit
(so "—" and "*" do not count, "state-of-the-art" counts once). Characters
include spaces, as NIH and SNSF count them; runs of blank lines count once.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")
_WORDLIKE = re.compile(r"\w")
_BLANKS = re.compile(r"\n\s*\n+")


def count_words(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text) if _WORDLIKE.search(token))


def count_chars(text: str) -> int:
    return len(_BLANKS.sub("\n", text.strip()))
