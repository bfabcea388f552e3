"""Author lists as printed -> one raw string per author, in order.

Recognises "Last, F., Last, F. and Last, F." (pairs), "F. Last, G. Last, and H.
Last", "First Last & First Last", "Last F, Last G" and "et al.". Names are kept as
printed, marks included ("Favero*, A."): splitting them into family and given
names is the normalisation step's job. Marks that mean equal contribution (*, †,
‡, unless the CV says otherwise) put the author in `equal_contribution`.
"""

from __future__ import annotations

import re

EQUAL_MARKS = "*†‡"
_MARK_CHARS = "*†‡§¶#"
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "del",
    "della",
    "dos",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "bin",
    "al",
    "el",
    "y",
    "zu",
    "af",
}
_INITIALS_RE = re.compile(r"^(?:[A-Z]\.?[\s-]?|[A-Z][a-z]\.[\s-]?){1,4}$")
_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’À-ÿ.-]*|[a-z]{1,4})$")
_SPLIT_RE = re.compile(r"\s*(?:,\s*(?:and|&)\s+|;\s*|\s+and\s+|\s*&\s*|,\s*)\s*")
_ETAL_RE = re.compile(r",?\s*\bet\.?\s*al\.?|…+\.*\s*&?|(?<=,)\s*\.{3,}\s*&?", re.I)


def _strip_marks(name: str) -> str:
    # "Kiessling*." ends its sentence after the mark: the period is no part of the name
    name = re.sub(r"(?<=[*†‡§¶#^])\.$", "", name.strip())
    return name.strip(_MARK_CHARS + "^ ").strip()


def _is_initials(chunk: str) -> bool:
    return bool(_INITIALS_RE.match(_strip_marks(chunk).replace(" ", " ")))


# Short lower-case words that are particles of no name: "Analysis with Language Models"
_FUNCTION_WORDS = {"a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "into", "is",
                   "of", "on", "or", "the", "to", "via", "with"}  # fmt: skip


def _is_name(chunk: str) -> bool:
    words = _strip_marks(chunk).split()
    if not 1 <= len(words) <= 5:
        return False
    if not all(_NAME_WORD_RE.match(w) or w.lower() in _PARTICLES for w in words):
        return False
    if any(w in _FUNCTION_WORDS for w in words):
        return False
    return any(w[:1].isupper() for w in words)


def _chunks(text: str) -> list[str]:
    text = _ETAL_RE.sub("", text.strip().rstrip(",;"))
    return [c for c in _SPLIT_RE.split(text) if c.strip()]


def looks_like_authors(text: str) -> bool:
    """Is this text an author list (names, initials, separators and nothing else)?"""
    text = text.strip()
    if not text or len(text) > 600 or re.search(r"\d{2}|[:?!\"“”]", text):
        return False
    chunks = _chunks(text)
    if not chunks:
        return False
    good = sum(1 for c in chunks if _is_name(c) or _is_initials(c))
    words = len(text.split())
    # One bare name ("Smith, J." or "John Smith") is an author list; a long sentence
    # of capitalised words is a title.
    if len(chunks) == 1:
        return (
            _is_name(chunks[0]) and (len(chunks[0].split()) <= 3) and "," not in text[:-1]
        ) or bool(re.match(r"^[\w'’-]+[*†‡]*,\s*(?:[A-Z]\.\s?)+$", text))
    return good == len(chunks) and words <= 4 * len(chunks)


_INITIALS_THEN_NAME_RE = re.compile(r"^((?:[A-Z]\.\s?-?){1,4})\s*([A-ZÀ-Ö][\w'’-]+[*†‡]*)$")


def _lost_commas(chunks: list[str]) -> list[str]:
    """'Alperin, J.P. Maggio, L.': in a list of 'Last, F.' pairs, a chunk 'J.P. Maggio' is the
    initials of one author and the family name of the next, their comma lost."""
    if len(chunks) < 4 or not all(_is_initials(c) for c in chunks[1:3:2]):
        return chunks
    out: list[str] = []
    for chunk in chunks:
        m = _INITIALS_THEN_NAME_RE.match(chunk)
        if m and len(out) % 2 == 1:
            out += [m.group(1).strip(), m.group(2)]
        else:
            out.append(chunk)
    return out


def split_authors(text: str, marks: str = EQUAL_MARKS) -> tuple[list[str], list[str]]:
    """(authors as printed, those marked as contributing equally)."""
    chunks = _lost_commas([c.strip() for c in _chunks(text)])
    names: list[str] = []
    i = 0
    # "Last, F." pairs: a name followed by initials (or given names) that are not a name alone
    paired = (
        len(chunks) >= 2
        and all(_is_initials(chunks[k]) for k in range(1, len(chunks), 2))
        and not any(_is_initials(chunks[k]) for k in range(0, len(chunks), 2))
    )
    # "Hammel, Eugene A. and Aaron Gullickson", "Gullickson, Aaron": the first author inverted
    chicago = (
        not paired
        and len(chunks) >= 2
        and len(_strip_marks(chunks[0]).split()) == 1
        and not _is_initials(chunks[0])
        and 1 <= len(chunks[1].split()) <= 3
        and (len(chunks) == 2 or re.search(r"\band\b|&", text) is not None)
    )
    if chicago:
        names.append(f"{chunks[0]}, {chunks[1]}")
        i = 2
    while i < len(chunks):
        chunk = chunks[i]
        if paired and i + 1 < len(chunks):
            names.append(f"{chunk}, {chunks[i + 1]}")
            i += 2
            continue
        names.append(chunk)
        i += 1
    names = [
        re.sub(r"(?<=\w\w)([*†‡§¶#^]*)\.$", r"\1", n) for n in names
    ]  # "B. Jones." ends a sentence, not a name
    equal = [n for n in names if any(m in n for m in marks)]
    return names, equal
