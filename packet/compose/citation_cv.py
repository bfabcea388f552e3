"""CV conventions laid over any CSL style.

A reference list in a CV is read for one person: so the author list is never
cut before that person appears, a conference paper names its proceedings the
way the field does ("In *Proc. ICML* (PMLR 267)"), the item carries one link
(its DOI, else its arXiv id, else its URL), and a note such as "Oral (top
0.54%)" follows the venue on the same line. The CSL style keeps everything
else: name order and initials, punctuation, where the year goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from packet.compose import citation_markup as mk
from packet.model.profile import Publication

# Authors shown before a long list is shortened around the applicant; 0 never shortens.
DEFAULT_MAX_AUTHORS = 10
ELLIPSIS = "…"
TITLE_END = "\ue027"  # after the title, where a conference's venue clause goes

_CONFERENCE = frozenset({"conference", "workshop", "abstract"})


def is_cjk(text: str) -> bool:
    """Whether a name is written in Han, kana or hangul (no initials, no reordering)."""
    return any(unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
               for c in text)


def is_caseless(text: str) -> bool:
    """Whether a name is written in a script without capitals (Arabic, Hebrew, Devanagari,
    Thai, ...), where an initial means nothing to a reader."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.isupper() or c.islower() for c in letters)


def shown_authors(keep: Sequence[bool], limit: int) -> list[int | None]:
    """Indices of the authors to print, `None` where a run of them is left out.

    Every author in `keep` (the applicant, co-first authors) is printed, with the
    first three and the last, so the list never stops before the applicant.
    """
    n = len(keep)
    if limit <= 0 or n <= limit:
        return list(range(n))
    chosen = set(range(min(3, max(1, limit - 2)))) | {n - 1}
    chosen |= {i for i, k in enumerate(keep) if k}
    out: list[int | None] = []
    for i in sorted(chosen):
        if out and out[-1] is not None and i != out[-1] + 1:
            out.append(None)
        out.append(i)
    return out


def link_of(pub: Publication) -> tuple[str, str] | None:
    """The one (printed text, address) of an item: DOI, else arXiv, else its URL."""
    if pub.doi:
        return f"doi:{pub.doi}", f"https://doi.org/{pub.doi}"
    if pub.arxiv:
        return f"arXiv:{pub.arxiv}", f"https://arxiv.org/abs/{pub.arxiv}"
    if pub.url and re.match(r"https?://", pub.url, re.IGNORECASE):
        return pub.url, pub.url
    return None


def uses_venue_clause(pub: Publication) -> bool:
    return pub.kind in _CONFERENCE and bool(pub.venue or pub.venue_short)


def venue_clause(pub: Publication) -> str:
    """"In *Proc. ICML* (PMLR 267), pp. 1–9" in citeproc's marks, for `insert_venue`."""
    venue = (pub.venue or "").lower()
    if pub.venue_short and (venue.startswith(("proc", "advances")) or "conference" in venue):
        name = f"Proc. {pub.venue_short}"
    else:
        name = pub.venue or f"Proc. {pub.venue_short}"
    clause = f"In {mk.IT_ON}{name}{mk.IT_OFF}"
    series = " ".join(x for x in (pub.publisher, pub.volume) if x) if pub.volume else ""
    if series:
        clause += f" ({series if pub.publisher else 'vol. ' + series})"
    if pub.pages:
        clause += f", pp. {pub.pages.replace('--', '–').replace('-', '–')}"
    return clause


_AFTER_TITLE = re.compile(r"[\s.,:;\"'\u201d\u2019\ue000-\ue003]*")


def insert_venue(raw: str, clause: str) -> str:
    """The clause placed after the title and the style's punctuation after it.

    After a comma (IEEE's '"Title," ') it reads "in Proc. …"; it ends with the
    style's own separator before whatever the style prints next (IEEE's year),
    or with a full stop at the end of the entry.
    """
    at = raw.find(TITLE_END)
    if at < 0:
        return raw
    head, rest = raw[:at], raw[at + 1:]
    if rest.startswith(mk.IT_OFF) and mk.IT_ON in head:
        # A paper's title is upright when a venue follows (APA sets a stand-alone work's
        # title in italics).
        cut = head.rindex(mk.IT_ON)
        head, rest = head[:cut] + head[cut + 1:], rest[1:]
    punct = _AFTER_TITLE.match(rest)
    glue = punct[0] if punct else ""
    rest = rest[len(glue):]
    if not glue.strip(" \ue000\ue001\ue002\ue003"):
        glue += ". "
    if not glue.endswith(" "):
        glue += " "
    if "," in glue and "." not in glue:
        clause = "i" + clause[1:]
    tail = rest.strip()
    if not tail or tail in ".":
        return f"{head}{glue}{clause}."
    rest = rest.lstrip()
    return f"{head}{glue}{clause}{' ' if rest.startswith('(') else ', '}{rest}"


def notes_markdown(notes: Sequence[str], escape: object) -> str:
    """Notes after the entry on its line: a short distinction bold ("**Oral (top 0.54%)**"),
    a sentence as it is."""
    assert callable(escape)
    parts = []
    for note in notes:
        text = " ".join(note.split())
        if not text:
            continue
        short = len(text.split()) <= 6 and not text.endswith(".")
        parts.append(f"**{escape(text)}**." if short else escape(text if text.endswith(
            (".", "!", "?")) else text + "."))
    return " ".join(parts)
