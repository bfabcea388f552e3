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


_INITIAL = re.compile(r"\b[A-Z]\.")
_PLACE = re.compile(r"^[A-Z][\w'’. -]{1,30}(?:,\s*(?:[A-Z]{2}|[A-Z][\w'’. -]{1,30}))?$")


def read_author_led_talk(text: str) -> dict[str, Any] | None:
    """Talks listed like papers, speakers first and the year last: "**Rothenberg, D.**,
    Wang, C. Title. 96th Annual Meeting of the AMS, Eighth Symposium on X. New Orleans,
    LA. 2016". None when the entry does not start with a list of speakers (the CV's person
    in bold, or names with initials): a title such as "Scores and Classes" also reads as
    two names."""
    from packet.sources.refparse import parse_reference

    flat = re.sub(r"(?:\s*[|·•])+\s*$", "", plain(text))  # "... 2016. | PDF" once the label went
    ref = parse_reference(flat)
    authors = ref.fields.get("authors") or []
    lead = flat[: len(authors[0])] if authors else ""
    if not authors or not ref.fields.get("title") or not authors[0].startswith(lead[:6]):
        return None
    bold = next((sp for sp in emphasised(text) if sp[0] == "b"), None)
    bold_name = bold is not None and not plain(text[: bold[2]]).strip() and not is_org(bold[1])
    if (
        not flat.startswith(authors[0][:6])
        or any(is_org(a) for a in authors)
        or not (bold_name or _INITIAL.search(authors[0]))
    ):
        return None  # "**IBM Research**, Seminar, Zurich, 2024": a host, not a speaker
    fields: dict[str, Any] = {"title": ref.fields["title"]}
    if ref.fields.get("year"):
        fields["date"] = ref.fields["year"]
    # "(A34D-03)": the session's code
    venue = re.sub(r",?\s*\((?=[^)]*\d)(?=[^)]*[A-Z])[A-Z0-9]{2,8}[-–]\d{1,4}\)", "",
                   flat[flat.find(fields["title"]) :])  # fmt: skip
    venue = venue[len(fields["title"]) :]
    if fields.get("date"):
        venue = re.sub(rf"[.,]?\s*\(?{fields['date']}\)?\.?\s*$", "", venue.strip())
    sentences = _sentences(venue.strip(" .,"))
    if sentences and _PLACE.match(sentences[-1]) and len(sentences) > 1:
        fields["location"] = sentences.pop()
    if sentences:
        fields["event"] = ". ".join(sentences)
    return fields
