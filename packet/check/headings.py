"""Required headings, matched the way funders' templates name them.

A template's section goes by its official title ("3. Quality and Efficiency of
the Implementation"), its number and a short form ("Implementation"); an
applicant who keeps any of them has the section. So a required heading matches
a document heading that, once numbering and case are set aside, equals one of
its names, starts with one ("Impact and dissemination") or ends with one
("Expected Impact"); or that carries the required number and contains one of
its names ("3 Implementation plan").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from packet.model.call import RequiredHeading

# "1.", "2.3", "A)", "iv." before a heading's words: numbering is not part of its name.
_NUMBERING = re.compile(
    r"^(?P<number>\d+(?:\.\d+)*[.)]?|[a-z][.)]|[ivxlc]+[.)])\s+(?=\w)", re.IGNORECASE
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def split_heading(text: str) -> tuple[str | None, str]:
    """'3.1 Quality of X' -> ('3.1', 'quality of x'); numbering and punctuation set aside."""
    text = " ".join(text.split())
    match = _NUMBERING.match(text)
    number = match.group("number").rstrip(".)") if match else None
    return number, _words(text[match.end():] if match else text)


def names_of(required: str | RequiredHeading) -> tuple[str | None, list[str]]:
    """A required heading's number and the names it is known by (normalised)."""
    if isinstance(required, str):
        number, name = split_heading(required)
        return number, [name]
    number = required.number.rstrip(".)") if required.number else None
    names = [split_heading(required.title)[1], *(_words(s) for s in required.short)]
    return number, [n for n in dict.fromkeys(names) if n]


def label(required: str | RequiredHeading) -> str:
    if isinstance(required, str):
        return required
    return f"{required.number} {required.title}" if required.number else required.title


def heading_matches(required: str | RequiredHeading, heading: str) -> bool:
    wanted_number, names = names_of(required)
    number, text = split_heading(heading)
    padded = f" {text} "
    for name in names:
        if text == name or text.startswith(name + " ") or text.endswith(" " + name):
            return True
        if wanted_number and number == wanted_number and f" {name} " in padded:
            return True
    return False


def missing_headings(
    required: Iterable[str | RequiredHeading], headings: Iterable[str]
) -> list[str | RequiredHeading]:
    """The required headings that no document heading matches, in the call's order."""
    present = list(headings)
    return [r for r in required if not any(heading_matches(r, h) for h in present)]
