"""An arXiv comment line ("14 pages; accepted at ICML 2025 (oral)") turned into fields.

Authors write these lines freely, so only phrasings that say one thing plainly are
read: equal contribution, where the paper was accepted or published, presentation
honours (oral, spotlight, "top 1%"), a project page. Page, figure and table counts
are dropped; anything else is left alone rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from packet.sources.venue_names import (
    ACRONYM_RE,
    CANONICAL,
    KNOWN_VENUES,
    VENUE_RE,
    kind_from_words,
    known_name,
)

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_FIRST_N = re.compile(
    r"\b(?:the\s+)?(?:first\s+(\w+)|(\w+)\s+first)\s+authors?\b[^;.]*?\b(?:contributed|contribute|"
    r"equal|are\s+co-?first|joint)",
    re.IGNORECASE,
)
_EQUAL = re.compile(
    r"equal(?:ly)?\s+contribut|contributed\s+equally|co-?first\s+auth|joint\s+first\s+auth"
    r"|^\s*[*†‡]\s*(?:equal|these\s+authors)",
    re.IGNORECASE,
)
_HONOUR = re.compile(
    r"\b(oral|spotlight|contributed\s+talk|best\s+paper(?:\s+award)?|"
    r"outstanding\s+paper(?:\s+award)?|long\s+talk)(?:\s+(?:presentation|paper))?"
    r"(?:\s*[(,]?\s*(top\s*[\d.]+\s*%)[^)]*\)?)?",
    re.IGNORECASE,
)
_TOP = re.compile(r"\(\s*(top\s*[\d.]+\s*%[^)]*)\)", re.IGNORECASE)
_STATUS = re.compile(
    r"\b(?P<word>accepted(?:\s+for\s+publication)?|to\s+appear|to\s+be\s+published|published|in\s+press|"
    r"camera[- ]ready(?:\s+version)?|presented|submitted|under\s+review)\b"
    r"(?:\s+(?:at|in|to|for|by|as|on))*\s*(?:the\s+)?(?P<rest>.*)",
    re.IGNORECASE,
)
_STATUS_OF = {
    "accepted": "accepted",
    "to appear": "to appear",
    "to be published": "to appear",
    "published": "published",
    "in press": "accepted",
    "camera": "accepted",
    "presented": "published",
    "submitted": "submitted",
    "under review": "submitted",
}
_COUNTS = re.compile(
    r"\b\d+\s*(?:\+\s*\d+\s*)?(?:pages?|pp\.?|figures?|figs?\.?|tables?|appendi(?:x|ces)|"
    r"references?)\b|(?:\bwith\s+)?\b(?:an?\s+)?(?:appendix|appendices|supplementary(?:\s+material)?)\b",
    re.IGNORECASE,
)
_THESIS = re.compile(
    r"\b(?:ph\.?\s?d\.?|doctoral|master'?s?|m\.?sc\.?|bachelor'?s?|habilitation)\s+"
    r"(?:thesis|dissertation)\b",
    re.IGNORECASE,
)
_URL = re.compile(
    r"\\url\{([^}]*)\}|\\href\{([^}]*)\}\{[^}]*\}|(https?://[^\s,;)}]+|www\.[^\s,;)}]+)"
)
_PROJECT = re.compile(r"(project|web\s*site|home\s*page|web\s*page|demo)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")


@dataclass
class CommentFacts:
    """What a comment line says, in profile fields."""

    fields: dict[str, Any] = field(default_factory=dict)
    # "The first two authors contributed equally": resolved against the author list by
    # the caller, which has it (a listing without authors cannot resolve it).
    equal_first: int | None = None
    uncertain: list[str] = field(default_factory=list)


def read_comment(text: str) -> CommentFacts:
    facts = CommentFacts()
    text = _take_urls(text, facts)
    notes: list[str] = []
    for clause in _clauses(text):
        clause = _COUNTS.sub("", clause).strip(" ,:")
        if not clause:
            continue
        if _equal_contribution(clause, facts):
            continue
        if _THESIS.search(clause):
            facts.fields["kind"] = "thesis"
        clause = _take_honours(clause, notes)
        _venue(clause, facts)
    if notes:
        facts.fields["notes"] = notes
    return facts


def _take_urls(text: str, facts: CommentFacts) -> str:
    """Remove URLs before splitting into sentences (they contain dots); keep a project page."""
    project: str | None = None
    other: str | None = None
    for match in _URL.finditer(text):
        url = (match.group(1) or match.group(2) or match.group(3)).rstrip(".")
        before = text[max(0, match.start() - 40) : match.start()]
        if _PROJECT.search(before) and project is None:
            project = url
        elif other is None:
            other = url
    chosen = project or other
    if chosen:
        facts.fields["url"] = chosen if "://" in chosen else "https://" + chosen
    stripped = _URL.sub(" ", text)
    # The label that introduced a URL ("Project page:", "Code available at") says nothing more.
    return re.sub(
        r"(?:our\s+)?(?:project\s+(?:page|website)|web\s*site|home\s*page|code"
        r"(?:\s+(?:is\s+)?available)?(?:\s+at)?)\s*:?\s*(?=[;.,]|$)",
        "",
        stripped,
        flags=re.IGNORECASE | re.MULTILINE,
    )


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r";|\n|\.(?:\s+|$)", text) if c.strip()]


def _equal_contribution(clause: str, facts: CommentFacts) -> bool:
    first = _FIRST_N.search(clause)
    if first and (_EQUAL.search(clause) or "contribut" in clause.lower()):
        word = (first.group(1) or first.group(2) or "").lower()
        count = _NUMBERS.get(word) or (int(word) if word.isdigit() else None)
        if count is not None and count >= 2:
            facts.equal_first = count
            return True
    if _EQUAL.search(clause):
        # Who contributed equally is marked on the names (*, †), not in the comment.
        if "equal_contribution" not in facts.uncertain:
            facts.uncertain.append("equal_contribution")
        return True
    return False


def _take_honours(clause: str, notes: list[str]) -> str:
    def note(match: re.Match[str]) -> str:
        words = " ".join(match.group(1).split())
        text = words[0].upper() + words[1:].lower()
        if match.group(2):
            text += f" ({' '.join(match.group(2).split())})"
        if text not in notes:
            notes.append(text)
        return " "

    clause = _HONOUR.sub(note, clause)
    if notes and (top := _TOP.search(clause)) and "(" not in notes[-1]:
        notes[-1] += f" ({' '.join(top.group(1).split())})"
        clause = clause[: top.start()] + clause[top.end() :]
    return re.sub(r"\b(?:as|with)(?:\s+an?)?\s*$", "", _tidy(clause)).strip()


def _venue(clause: str, facts: CommentFacts) -> None:
    status_match = _STATUS.search(clause)
    if status_match:
        word = status_match.group("word").lower()
        status = next(v for k, v in _STATUS_OF.items() if word.startswith(k))
        facts.fields.setdefault("status", status)
        if status == "submitted":
            return  # a venue a paper was sent to is not where it appeared
        # "Accepted at ICML 2025" names the venue after the word, "NeurIPS 2023 camera-ready" before
        venue_text = status_match.group("rest") or clause[: status_match.start()]
    elif re.match(r"^(?:in\s+)?(?:the\s+)?proceedings\s+of\b", clause.strip(), re.I):
        venue_text = re.sub(r"^in\s+", "", clause.strip(), flags=re.I)
    elif VENUE_RE.match(bare := re.sub(r"^(?:at|in)\s+", "", clause.strip(), flags=re.I)):
        if not (_YEAR.search(bare) or VENUE_RE.match(bare).group(2)):  # type: ignore[union-attr]
            return
        venue_text = bare  # a bare "ICML 2025" or "NeurIPS 2024 Workshop on ..."
    else:
        return
    venue_text = _tidy(venue_text)
    if not venue_text or venue_text.lower() in {"arxiv", "preprint"}:
        return
    acronym = VENUE_RE.search(venue_text)
    if not (
        acronym or known_name(venue_text) or venue_text[:1].isupper() or venue_text[:1].isdigit()
    ):
        return  # "to appear as a part of an upcoming textbook": not a venue's name
    year = _YEAR.search(venue_text)
    if year:
        facts.fields["year"] = int(year.group(1))
    elif acronym and acronym.group(2):
        facts.fields["year"] = 2000 + int(acronym.group(2))
    workshop = "workshop" in venue_text.lower()
    if workshop:
        facts.fields["kind"] = "workshop"
        facts.fields["venue"] = venue_text
        return
    short = CANONICAL[acronym.group(1)] if acronym else known_name(venue_text)
    if short:
        facts.fields["venue_short"] = short
        facts.fields["kind"] = KNOWN_VENUES[short]
    else:
        kind = kind_from_words(venue_text)
        if kind:
            facts.fields["kind"] = kind
        elif "kind" not in facts.uncertain:
            facts.uncertain.append("kind")
        unknown = ACRONYM_RE.match(venue_text)
        if unknown and len(unknown.group(1)) <= 10:
            facts.fields["venue_short"] = unknown.group(1)
            if unknown.group(2) and "year" not in facts.fields:
                facts.fields["year"] = 2000 + int(unknown.group(2))
    # Only a venue written out is a venue; "ICML 2025" is an acronym and a year, and
    # expanding it would be packet's words, not the source's.
    rest = _YEAR.sub("", VENUE_RE.sub("", ACRONYM_RE.sub("", venue_text))).strip(" ,:()'")
    if len(rest.split()) >= 2:
        # The acronym and year are fields of their own: "X (ICML 2025)", "X, 2024" -> "X".
        written = re.sub(r"\(\s*(?:[A-Za-z]{2,8}\s*)?(?:19|20)?\d{0,2}\s*\)", "", venue_text)
        written = re.sub(r",?\s*\b(?:19|20)\d{2}$", "", _tidy(written))
        facts.fields["venue"] = _tidy(written)


def _tidy(text: str) -> str:
    """Whitespace collapsed, empty brackets and dangling punctuation gone, brackets balanced."""
    text = re.sub(r"\(\s*[,;]?\s*\)", "", " ".join(text.split()))
    text = text.strip(" ,:;")
    while text.endswith("(") or text.startswith(")"):
        text = text.strip("()").strip(" ,:;")
    opened = text.count("(") - text.count(")")
    if opened > 0:
        text += ")" * opened
    elif opened < 0 and text.endswith(")"):
        text = text[:-1].rstrip()
    return text


_JOURNAL_REF = re.compile(
    r"^(?P<venue>.*?[A-Za-z.)])\s+(?P<volume>\d+)\s*(?:\((?P<issue>[\w-]+)\))?\s*[,:]\s*"
    r"(?:pp?\.?\s*)?(?P<pages>[A-Za-z]?\d+(?:\s*[-–]+\s*[A-Za-z]?\d+)?)\s*"
    r"\((?P<year>(?:19|20)\d{2})\)\.?$"
)


def read_venue(journal_ref: str) -> CommentFacts:
    """arXiv's journal-ref ("Phys. Rev. X 14, 031001 (2024)", "CVPR 2024") as fields."""
    facts = CommentFacts()
    text = " ".join(journal_ref.split())
    match = _JOURNAL_REF.match(text)
    if match:
        pages = re.sub(r"\s*[-–]+\s*", "-", match.group("pages"))
        facts.fields.update(
            venue=match.group("venue").strip(" ,"),
            volume=match.group("volume"),
            year=int(match.group("year")),
            kind="journal",
        )
        facts.fields["pages" if "-" in pages else "number"] = pages
        short = known_name(facts.fields["venue"])
        if short:
            facts.fields["venue_short"] = short
            facts.fields["kind"] = KNOWN_VENUES[short]
        if match.group("issue"):
            facts.fields["issue"] = match.group("issue")
        return facts
    # "Journal of X, Vol. 42, No. 3, pp. 1-10": the labelled parts are fields of their own
    for label, key in (
        (r"vol(?:ume)?\.?", "volume"),
        (r"no\.|issue", "issue"),
        (r"pp?\.", "pages"),
    ):
        part = re.search(rf",?\s*\b(?:{label})\s*(\d+(?:\s*[-–]+\s*\d+)?)", text, re.I)
        if part:
            facts.fields[key] = re.sub(r"\s*[-–]+\s*", "-", part.group(1))
            text = (text[: part.start()] + text[part.end() :]).strip()
    _venue(text if _STATUS.search(text) else f"published in {text}", facts)
    return facts
