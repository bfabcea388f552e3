"""The venue part of a reference -> venue, acronym, volume, issue, pages, number, publisher.

"Proceedings of the 42nd International Conference on Machine Learning (ICML), PMLR
267" -> venue, venue_short ICML, publisher PMLR, volume 267; "Physical Review X,
14(3), p.031001" -> volume 14, issue 3, number 031001; "vol. 3, pp. 1-10" ->
volume 3, pages 1-10; "Viator 38:2 (2007): 339-349" -> volume 38, issue 2, pages.
"""

from __future__ import annotations

import re
from typing import Any

_PUBLISHER_VOLUME_RE = re.compile(r",?\s*\b(PMLR|JMLR W&CP|LIPIcs|LNCS|CEUR-WS|EPTCS)\s+(\d+)\b")
_PAGES_RE = re.compile(r",?\s*\b(?:pp?\.?|pages?)\s*(\d+\s*[-–—]+\s*\d+)")
_ARTICLE_RE = re.compile(r",?\s*\b(?:p\.|art(?:icle)?\.?(?: no\.?)?)\s*([A-Za-z]?\d+)\b")
_VOL_RE = re.compile(r",?\s*\bvol(?:ume)?\.?\s*(\w+)", re.I)
_NO_RE = re.compile(r",?\s*\b(?:no\.|num\.|number|issue)\s*(\w+)", re.I)
# "48(12)"; "15 (2020)" is a volume and its year, not an issue
_VOL_ISSUE_RE = re.compile(r",?\s*\b(\d{1,4})\s*\((?!(?:19|20)\d\d\))(\d{1,4}(?:[-–]\d{1,4})?)\)")
_COLON_RE = re.compile(r"\s*\b(\d{1,4})(?::(\d{1,3}))?\s*(?:\(\s*\)\s*)?:\s*(\d+\s*[-–]\s*\d+|\d+)")
_ENUMBER_RE = re.compile(r",?\s*\b(e\d{4,})\b")
# "147, 13, 11189–11198" after the journal: volume, issue, pages (the chemists' order)
_VOL_ISSUE_PAGES_RE = re.compile(r"(?:,|\s)\s*(\d{1,4}),\s*(\d{1,4}),\s*(\d+\s*[-–]\s*\d+)\s*$")
# "146, 1, 377–385, 146, 1, 377–385": the numbers copied twice are said once
_REPEATED_NUMBERS_RE = re.compile(r"(?<![\w–-])(\d[\w–-]*(?:,\s*[\w–-]+)+),\s*\1\s*$")
_TRAILING_VOL_RE = re.compile(r",\s*(\d{1,4})\s*$")
# "Cell Systems 6", "PNAS 116", "Physical Review E. 102": a number after the journal's name
# (a year there is the edition's, not a volume)
_BARE_VOL_RE = re.compile(r"(?<=[A-Za-z.])\.?\s+(?!(?:19|20)\d\d\b)(\d{1,4})\s*$")
_TRAILING_PAGES_RE = re.compile(r",\s*(\d+\s*[-–]\s*\d+)\s*$")
_SHORT_RE = re.compile(
    r"\s*\(([A-Z][A-Za-z0-9&/+-]{1,14}(?:\s\d{4})?)\)(?:,\s*[A-Z][^,()]*(?:\([^)]*\))?)?\s*$"
)
_PAGE_COUNT_RE = re.compile(r",?\s*\b(?:c\.\s*|ca\.\s*)?\d+\s+pages\b", re.I)
_MONTHS_RE = re.compile(
    r"[.,]?\s*\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|spring|summer|fall|autumn|winter)"
    r"(?:\s*[/–-]\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?\s*$",
    re.I,
)
_IN_RE = re.compile(r"^(?:in\s*:?\s+|published in\s+|appeared in\s+)", re.I)
_ARXIV_VENUE_RE = re.compile(r"^arxiv\s+preprint\b.*$", re.I)


# "Unemployment in the New Europe, edited by Nancy Bermeo. New York: Cambridge University
# Press, 121-144": the book, its editors, where and by whom it was published
_EDITED_RE = re.compile(
    r",?\s*\bedited by\s+(?P<editors>.+?)(?:\.\s+(?P<tail>[A-Z][^:.]{1,40}:.*)|\.?\s*$)"
)
_PLACE_PUBLISHER_RE = re.compile(r"^\s*[A-Z][^:,]{1,40}:\s*~?(?P<publisher>[^,]+?)\s*(?=,|$)")
_EDITION_RE = re.compile(r"\s*\((?P<edition>(?:\w+|\d+(?:st|nd|rd|th))\s+[Ee]dition)\)")


def _cut(text: str, m: re.Match[str]) -> str:
    return (text[: m.start()] + text[m.end() :]).strip(" ,.;")


def venue_details(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    text = _IN_RE.sub("", text.strip(" .,;"))
    text = _REPEATED_NUMBERS_RE.sub(r"\1", text)
    if _ARXIV_VENUE_RE.match(text):
        return {"venue": "arXiv preprint"}
    m = _EDITED_RE.search(text)
    if m:
        out["notes"] = [f"Edited by {m.group('editors').strip()}"]
        tail = m.group("tail") or ""
        placed = _PLACE_PUBLISHER_RE.match(tail)
        if placed:
            out["publisher"] = placed.group("publisher").strip(" .")
            tail = tail[placed.end() :]
        text = text[: m.start()] + tail
    m = _EDITION_RE.search(text)
    if m:
        out.setdefault("notes", []).append(m.group("edition"))
        text = _cut(text, m)
    text = _PAGE_COUNT_RE.sub("", text)
    text = _MONTHS_RE.sub("", text)
    m = _PUBLISHER_VOLUME_RE.search(text)
    if m:
        out["publisher"], out["volume"] = m.group(1), m.group(2)
        text = _cut(text, m)
    m = _PAGES_RE.search(text)
    if m:
        out["pages"] = re.sub(r"\s*[-–—]+\s*", "-", m.group(1))
        text = _cut(text, m)
    m = _ARTICLE_RE.search(text)
    if m:
        out["number"] = m.group(1)
        text = _cut(text, m)
    m = _ENUMBER_RE.search(text)
    if m:
        out["number"] = m.group(1)
        text = _cut(text, m)
    m = _VOL_RE.search(text)
    if m:
        out.setdefault("volume", m.group(1))
        text = _cut(text, m)
    m = _NO_RE.search(text)
    if m:
        out["issue"] = m.group(1)
        text = _cut(text, m)
    m = _VOL_ISSUE_RE.search(text)
    if m and "volume" not in out:
        out["volume"], out["issue"] = m.group(1), m.group(2)
        text = _cut(text, m)
    m = _VOL_ISSUE_PAGES_RE.search(text)
    if m and "volume" not in out and "pages" not in out:  # ACS: "Journal 2025, 147, 13, 1-9"
        out["volume"], out["issue"] = m.group(1), m.group(2)
        out["pages"] = re.sub(r"\s*[-–]\s*", "-", m.group(3))
        text = _cut(text, m)
    m = _COLON_RE.search(text)
    if m and "volume" not in out:
        out["volume"] = m.group(1)
        if m.group(2):
            out["issue"] = m.group(2)
        out.setdefault("pages", re.sub(r"\s+", "", m.group(3)).replace("–", "-"))
        text = _cut(text, m)
    m = re.search(r"\s*:\s*([A-Z]{0,3}\d+\s*[-–]\s*[A-Z]{0,3}\d+)\s*$", text)
    if m and "pages" not in out:  # "7(2): 150-161", "139(5):EL172–EL177"
        out["pages"] = re.sub(r"\s*[-–]\s*", "-", m.group(1))
        text = _cut(text, m)
    m = _TRAILING_PAGES_RE.search(text)
    if m and "pages" not in out:
        out["pages"] = re.sub(r"\s*[-–]\s*", "-", m.group(1))
        text = _cut(text, m)
    m = _TRAILING_VOL_RE.search(text)
    if m and "volume" not in out:
        out["volume"] = m.group(1)
        text = _cut(text, m)
    m = _BARE_VOL_RE.search(text)
    if m and "volume" not in out and len(text[: m.start()].split()) >= 1:
        out["volume"] = m.group(1)
        text = text[: m.start()]
    m = _SHORT_RE.search(text)
    if m:
        out["venue_short"] = m.group(1)
        text = text[: m.start()]
    text = text.strip(" ,.;:")
    if text:
        out["venue"] = text
    return out
