"""Talks written as APA presentations: "Speaker, A. B. (2024, October 23). Title. *Event*.
City, Country." and the year-less "(Oct 23)" of a CV that groups talks under a year line.

The speakers come first, then the date in parentheses; the rest is the title, the event
and the place, told apart by the one italic span (APA sets either the title or the event
in italics) or, without one, by sentences.
"""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import emphasised, plain
from packet.sources.cv.common import is_org, parts
from packet.sources.dates import parse_date

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WHEN = re.compile(
    rf"\((?:(?P<y1>(?:19|20)\d\d)(?:,\s*(?P<m1>{_MONTH})(?:\s+(?P<d1>\d{{1,2}})"
    rf"(?:\s*[-–]\s*\d{{1,2}})?)?)?|(?P<m2>{_MONTH})(?:\s+(?P<d2>\d{{1,2}})"
    rf"(?:\s*[-–]\s*\d{{1,2}})?)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)\)\.?\s*"
)
# "Alperin, J.P.", "Fleerackers, A., Shores, K. & Alperin, J. P.": a family name, initials.
_SPEAKER = re.compile(r"[^\W\d][\w'’-]+,\s*(?:[A-Z]\.\s*-?\s*){1,3}")
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[\w¿¡\"“])")


def read_apa_talk(text: str, year: str | None) -> dict[str, Any] | None:
    """The fields of one talk in the APA form, or None when `text` is not one. `text`
    keeps the reader's emphasis marks; `year` is the year line above, if any."""
    trailing = re.search(r",\s*((?:19|20)\d\d)\s*$", text)  # a year line joined to the entry
    if trailing:
        text, year = text[: trailing.start()], year or trailing.group(1)
    when = _WHEN.search(text)  # the marks of emphasis are never inside the date
    speakers = plain(text[: when.start()]).strip(" •-") if when else ""
    label = re.match(r"^(?:[\[(][^\])]*[\])]\s*)+", speakers)  # "[invited] Alperin, J.P."
    if label:
        speakers = speakers[label.end() :]
    if when is None or not _SPEAKER.match(speakers):
        return None
    if len(_SPEAKER.findall(speakers)) * 4 < len(speakers.split()):
        return None  # words before the date that are not a list of names
    fields: dict[str, Any] = {}
    if label and re.search(r"\binvited\b", label.group(0), re.I):
        fields["kind"] = "invited"
    year = when["y1"] or when["y2"] or year
    month, day = when["m1"] or when["m2"], when["d1"] or when["d2"]
    if year:
        written = f"{month} {day}, {year}" if day else f"{month} {year}"
        date = parse_date(written) if month else year
        if date:
            fields["date"] = date
    rest = text[when.end() :]
    italic = next((s for s in emphasised(rest) if s[0] == "i" and len(s[1]) > 1), None)
    if italic is not None:
        before = plain(rest[: italic[2]]).strip(" .,")
        after = plain(rest[italic[3] :]).strip(" .,")
        if before:  # "Title. *Event*. Place."
            fields["title"], fields["event"], place = before, italic[1].strip(" .,"), after
        else:  # "*Title*. Event. Place."
            fields["title"] = italic[1].strip(" .,")
            sentences = _sentences(after)
            if sentences:
                fields["event"] = sentences.pop(0)
            place = ". ".join(sentences)
    else:
        sentences = _sentences(plain(rest))
        if len(sentences) < 2:
            return None
        fields["title"], fields["event"] = sentences[0], sentences[1]
        place = ". ".join(sentences[2:])
    _place(fields, place)
    return fields if fields.get("title") else None


def _sentences(text: str) -> list[str]:
    """Sentences, each without its closing full stop (a title's "?" is kept)."""
    return [s.strip().rstrip(".").strip() for s in _SENTENCE.split(text) if s.strip(" .")]


def _place(fields: dict[str, Any], place: str) -> None:
    """"Universidad Nacional de La Plata, Argentina. Online" -> host and location."""
    bits = [b for b in parts(place.replace(". ", ", ")) if b]
    if bits and is_org(bits[0]):
        fields["host"] = bits.pop(0)
    if bits:
        fields["location"] = ", ".join(bits)
