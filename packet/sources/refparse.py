"""One printed reference -> its parts, whatever their order.

Handles "Authors, Year. Title. Venue.", "Authors (Year) Title, Venue", "Authors.
Title. In Proc. X, pages, Year.", "Title. Authors. Venue, Year.", IEEE-like
'A. B. Last, C. Last, "Title," Venue, vol. 3, pp. 1-10, 2020.' and humanities
'"Title," Venue 38:2 (2007): 339-349'. The reference is cut into sentences (not at
initials or abbreviations); the author list is the sentence made of names, the
title a quoted part or the sentence after the authors, the venue what follows.
A part the parser cannot place is reported in `uncertain`, never guessed.

Chosen over refextract after measuring both (see docs in the report of issue 10):
refextract is built to find references in the body of papers and resolve them
against INSPIRE's journal lists; on CV entries it rarely separates authors from
titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from packet.sources.refnames import EQUAL_MARKS, looks_like_authors, split_authors
from packet.sources.refvenue import venue_details

_YEAR = r"(?:19|20)\d{2}[a-z]?"
_DOI_RE = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/[^\s\"<>,;]+[^\s\"<>,;.)])", re.I
)
_ARXIV_RE = re.compile(
    r"(?:arxiv(?:\s+preprint)?(?:\s+arxiv)?\s*:?\s*(?:abs/)?|arxiv\.org/(?:abs|pdf)/)\s*(\d{4}\.\d{4,5}|[a-z-]+/\d{7})(?:v\d+)?",
    re.I,
)
_URL_RE = re.compile(r"https?://[^\s<>\")\]]+[^\s<>\")\].,;]")
_QUOTED_RE = re.compile(r"[\"“”„]([^\"“”]{6,}?)[,.]?[\"“”](?:,|\.)?")
# A sentence ends at ". " unless the period follows an initial or a usual abbreviation.
_ABBREV = {
    "proc",
    "vol",
    "no",
    "pp",
    "ed",
    "eds",
    "al",
    "inc",
    "univ",
    "dept",
    "intl",
    "int",
    "conf",
    "symp",
    "trans",
    "j",
    "jr",
    "sr",
    "st",
    "dr",
    "prof",
    "vs",
    "cf",
    "mr",
    "ms",
    "mrs",
    "rev",
    "lett",
    "phys",
    "sci",
    "natl",
    "acad",
    "soc",
    "am",
    "ann",
    "math",
    "ph.d",
    "m.s",
    "b.s",
    # words journals abbreviate ("J. Atmos. Sci.", "Atmos. Chem. Phys.", "Earth Syst. Dynam.")
    "atmos",
    "chem",
    "meas",
    "tech",
    "technol",
    "syst",
    "dynam",
    "geophys",
    "res",
    "biol",
    "med",
    "ecol",
    "evol",
    "environ",
    "eng",
    "appl",
    "comput",
    "stat",
    "theor",
    "mol",
    "neurosci",
    "psychol",
    "sociol",
    "econ",
    "philos",
    "commun",
    "mater",
    "nucl",
    "opt",
    "astron",
    "astrophys",
    "mech",
    "geol",
    "meteorol",
    "clim",
    "assoc",
    "bull",
    "quart",
    "rep",
    "educ",
    "anal",
}
_SENT_END_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"“‘(\[]|(?i:arxiv|biorxiv|medrxiv|ssrn)\b)")
_STATUS = [
    (r"\bto appear(?: in)?\b", "to appear"),
    (r"\bforthcoming(?: in)?\b", "to appear"),
    (r"\bin press\b", "to appear"),
    (r"\baccepted(?: at| in| to| for publication in)?\b", "accepted"),
    (r"\b(?:under|in) review(?: at| in)?\b|\bsubmitted(?: to)?\b", "submitted"),
    (r"\bin preparation\b|\bin prep\b", "in preparation"),
]


def _status(word: str) -> str:
    return next(status for pattern, status in _STATUS if re.search(pattern, word, re.I))


_CO_FIRST_RE = re.compile(
    r"contributed equally|equal contribution|co-?first|joint(?:ly)? first", re.I
)


@dataclass
class Reference:
    fields: dict[str, Any] = field(default_factory=dict)
    uncertain: list[str] = field(default_factory=list)


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _SENT_END_RE.finditer(text):
        word = re.search(r"([\w.]+)[.?!]$", text[max(0, m.start() - 40) : m.start()])
        token = word.group(1).lower() if word else ""
        if text[m.start() - 1] == "." and (
            len(token) == 1 or token in _ABBREV or re.fullmatch(r"(?:\w\.)+\w", token)
        ):
            continue  # "A. Favero", "Proc. ICML", "U.M. Tomasini"
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip(" .")]


def _ids(text: str, out: dict[str, Any]) -> str:
    m = _ARXIV_RE.search(text)
    if m:
        out["arxiv"] = m.group(1)
        if re.match(r"arxiv\s+preprint", m.group(0), re.I):
            out["venue"] = "arXiv preprint"
        text = (text[: m.start()] + text[m.end() :]).strip()
    m = _DOI_RE.search(text)
    if m:
        # "10.1103/PhysRevE.102.022404(https://doi.org/...)": a DOI holds no address
        doi = re.split(r"\(?https?:", m.group(1))[0]
        out["doi"] = doi
        end = m.start(1) + len(doi)
        link = re.match(r"\(?https?://\S*?(?:\)|(?=\s)|$)", text[end:])
        text = text[: m.start()] + text[end + (link.end() if link else 0) :]
    for url in _URL_RE.findall(text):
        if "doi.org" not in url and "arxiv.org" not in url:
            out.setdefault("url", url)
    return _URL_RE.sub("", text).strip()


_VENUE_WORDS_RE = re.compile(
    r"\b(?:journal|proc|proceedings|conference|review|letters|transactions|symposium|workshop|press|"
    r"bulletin|annals|quarterly|magazine|in\b)|\d",
    re.I,
)


def _title_venue(text: str, ref: Reference) -> tuple[str, str]:
    """'Title, Venue 12:3-9' with no period between them: cut at the comma before a venue."""
    commas = list(re.finditer(r",\s+(?=[A-Z])", text))
    for m in commas:
        # "Connecting the Dots Between X, Osmotic Shock, and Survival, Journal of Bacteriology
        # 200": the venue is the part that names one, or is followed by numbers only
        tail = text[m.end() :]
        first, *rest = tail.split(",")
        named = re.search(r"\b(?:journal|proc|proceedings|conference|review|letters|"
                          r"transactions|symposium|workshop|bulletin|annals|quarterly|magazine)",
                          first, re.I)  # fmt: skip
        numbers = bool(rest) and all(re.fullmatch(r"\s*[\d()–-]+\s*", r) for r in rest)
        if named or numbers:
            return text[: m.start()], tail
    for m in commas:
        tail = text[m.end() :]
        if _VENUE_WORDS_RE.search(tail):
            return text[: m.start()], tail
    ref.uncertain.append("venue")
    return text, ""


def _author_prefix(text: str) -> tuple[str, str] | None:
    """'Smith, J. and Doe, A. Nature, 2020': the longest author list ending at an initial
    (or at "et al.")."""
    best = None
    for m in re.finditer(r"(?:(?<=\b[A-Z]\.)|(?<=\bet al\.)|(?<=\bet\.al\.))\s+(?=[A-Z])", text):
        if looks_like_authors(text[: m.start()]):
            best = (text[: m.start()], text[m.end() :])
    return best


# Where the year goes, a work not yet out says so instead: "Authors (in press). Title."
_STATUS_WORDS = (
    r"in press|forthcoming|to appear|under review|in review|submitted|in preparation|in prep"
)


def _year_after_authors(text: str) -> tuple[str, str, str] | None:
    """'Authors, 2025. Rest' or 'Authors (2025) Rest' or 'Authors. 2025. Rest'; the year
    may be a status ("Authors (in press). Rest")."""
    for m in re.finditer(
        rf"(?:,\s*|\s*\(|\.\s+)({_YEAR}|(?i:{_STATUS_WORDS}))\)?[.,:]?\s+(?=\S)", text
    ):
        if looks_like_authors(text[: m.start()]):
            return text[: m.start()], m.group(1), text[m.end() :]
        if m.group(1)[:1].isdigit():
            return None
    return None


def _take_year(text: str) -> tuple[str | None, str]:
    """The publication year in venue text: the last year standing alone, removed."""
    found = list(re.finditer(rf"(?<![\d(/.-])\(?({_YEAR})\)?(?![\d)]*[-–/]\d)(?![\d(])", text))
    if not found:
        return None, text
    m = found[-1]
    # "(October, 2002)", "(Winter 2003)": the date in parentheses goes whole
    dated = re.search(rf"\(\s*(?:[A-Za-z]+\.?,?\s+)?{re.escape(m.group(1))}\s*\)", text)
    if dated:
        return m.group(1)[:4], (text[: dated.start()] + text[dated.end() :]).strip(" ,.")
    rest = (text[: m.start()].rstrip(" ,(") + " " + text[m.end() :].lstrip(" ,)")).strip()
    return m.group(1)[:4], re.sub(r"\s+(?=[.,;])", "", rest)


def _undecorate(text: str) -> str:
    """Marks some CVs put on names that say nothing the profile holds: "..Chtena, N...^"
    (a student, the corresponding author), "~~Morales, E.~~" (a postdoc)."""
    text = re.sub(r"~~", "", text)
    text = re.sub(r"(?<![\w.])\.{2,}(?=[A-ZÀ-Ö])", "", text)  # "..Chtena"
    text = re.sub(r"(?<=\b[A-Z])\.{2,}", ".", text)  # "N..." -> "N."
    return re.sub(r"(?<=[\w.])\^+(?=[\s,;&]|$)", "", text)  # "J.P.^"


def _quoted_title(text: str, m: re.Match[str]) -> tuple[str, str]:
    """(title, what follows) for a title in quotes; '"It's messy": How has ...?' continues
    after the quote with its subtitle, up to the end of that sentence."""
    after = text[m.end() :]
    if re.match(r"\s*:\s+\S", after):
        sentence = _sentences(text[m.start() :])[0]
        return sentence.rstrip(" ."), text[m.start() + len(sentence) :]
    return m.group(1), after


def parse_reference(text: str, *, marks: str = EQUAL_MARKS) -> Reference:
    """Parse one reference (plain text, one line); `marks`: the signs that mean co-first."""
    ref = Reference()
    f = ref.fields
    text = re.sub(r"^\s*(?:\[\d+\]|\(\d+\)|\d{1,3}\.)\s+", "", _undecorate(text.strip()))
    text = re.sub(r"(?:\s*[|·•])+\s*$", "", text)  # "... 2016. | PDF" once the label went
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?!\w)", r"\1", text)  # "*PNAS*" left as typed
    text = re.sub(r"(?<=[a-z]),(?=[A-Z][a-z])", ", ", text)  # "Bar-On,Ron Milo"
    text = _ids(text, f)
    authors = title = venue = None
    colon = re.match(r"^([^:]{3,600}?):\s+(?=\S)", text)
    if colon and looks_like_authors(colon.group(1)):
        # "Rothenberg, D., Wang, C., and Avramov, A.: Title, Venue, 3, 1-9, 2012" (EGU style)
        authors, text = colon.group(1), text[colon.end() :]
    head = None if authors else _year_after_authors(text)
    quoted = _QUOTED_RE.search(text)
    if head:
        authors, when, rest = head
        if when[:1].isdigit():
            f["year"] = when[:4]
        else:
            f["status"] = _status(when)
        parts = _sentences(rest)
        if quoted and quoted.start() >= len(text) - len(rest) - 1:
            title, venue = _quoted_title(text, quoted)
        elif len(parts) == 1:
            title, venue = _title_venue(parts[0], ref)
        elif parts:
            title, venue = parts[0], " ".join(parts[1:])
    elif authors:
        parts = _sentences(text)
        if quoted and quoted.start() == 0:
            title, venue = _quoted_title(text, quoted)
        elif len(parts) == 1:
            title, venue = _title_venue(parts[0], ref)
        elif parts:
            title, venue = parts[0], " ".join(parts[1:])
            if "," in title and not _VENUE_WORDS_RE.search(venue):
                title, lead = _title_venue(title, ref)
                venue = f"{lead} {venue}".strip()
    elif quoted:
        before = text[: quoted.start()].strip(" ,.")
        title, venue = _quoted_title(text, quoted)
        if before and looks_like_authors(before):
            authors = before
        elif before:
            ref.uncertain.append("authors")
            venue = venue  # the unplaced lead-in is reported, not put anywhere
    else:
        parts = _sentences(text)
        if parts and not looks_like_authors(parts[0]) and _author_prefix(parts[0]):
            # "Shi, J., Nason, M. & Alperin, J.P. Identifying ...": no sentence break after
            # the last initial, but the names end there
            lead, rest = _author_prefix(parts[0]) or ("", "")
            parts[0:1] = [lead, rest]
        if len(parts) >= 2 and not looks_like_authors(parts[1]) and _author_prefix(parts[1]):
            lead, rest = _author_prefix(parts[1]) or ("", "")
            parts[1:2] = [lead, rest]
        if len(parts) >= 2 and looks_like_authors(parts[0]):
            authors, title, venue = parts[0], parts[1], " ".join(parts[2:])
        elif len(parts) >= 2 and looks_like_authors(parts[1]):
            title, authors, venue = parts[0], parts[1], " ".join(parts[2:])
        elif parts:
            title, venue = parts[0], " ".join(parts[1:])
            ref.uncertain.append("authors")
    if authors:
        names, equal = split_authors(authors, marks)
        if re.search(r"\bet\.?\s*al\b", authors):
            ref.uncertain.append("authors: the source ends the list with 'et al.': add the others")
        if names:
            f["authors"] = names
            if equal:
                f["equal_contribution"] = equal
        else:
            ref.uncertain.append("authors")
    if "authors" not in f and "authors" not in ref.uncertain:
        ref.uncertain.append("authors")  # a CV's own works often leave the author out
    if title:
        f["title"] = title.strip(" .,")
    else:
        ref.uncertain.append("title")
    venue = (venue or "").strip(" .,;")
    for pattern, status in _STATUS:
        m = re.search(pattern, venue, re.I)
        if m:
            f["status"] = status
            venue = (venue[: m.start()] + venue[m.end() :]).strip(" .,;:")
            venue = re.sub(r"\(\s*\)|^manuscript\b", "", venue, flags=re.I).strip(" .,;:")
            break
    if "year" not in f and "status" in f and not re.search(_YEAR, venue):
        pass  # not out yet: no year to look for, and none missing
    elif "year" not in f:
        year, venue = _take_year(venue)
        if year is None and title:
            year, title_rest = _take_year(f["title"])
            if year:
                f["title"] = title_rest.strip(" .,")
        if year:
            f["year"] = year
        else:
            ref.uncertain.append("year")
    if f.get("year"):  # "Monumenta Nipponica, 2020" once the year is known
        venue = re.sub(rf"[.,]?\s*\(?{f['year']}\)?$", "", venue).strip(" .,;")
    server = re.match(
        r"^(?:(?:a |available as a )?pre-?print|posted)\s+(?:available\s+)?(?:on|at|in)\s+"
        r"(arxiv|biorxiv|medrxiv|chemrxiv|psyarxiv|socarxiv|edarxiv|ssrn|research square|"
        r"osf preprints|preprints\.org|zenodo)\b\.?$",
        venue,
        re.I,
    )
    if server:  # "preprint on bioRxiv": the server is the venue, the work a preprint
        venue = server.group(1)
        f.setdefault("kind", "preprint")
    if venue:
        f.update(venue_details(venue))
    if f.get("arxiv") and "venue" not in f:
        f["venue"] = "arXiv preprint"
    return ref


def notes_fields(notes: list[str], fields: dict[str, Any]) -> None:
    """Lines under a reference: notes; "the first two authors contributed equally" marks them."""
    kept = []
    for note in notes:
        note = note.strip()
        if not note:
            continue
        if len(note.split()) <= 4:
            note = note.rstrip(".")
        m = _CO_FIRST_RE.search(note)
        if m and fields.get("authors"):
            count = re.search(r"first (two|three|four|2|3|4)", note, re.I)
            n = {"two": 2, "three": 3, "four": 4}.get(count.group(1).lower(), 0) if count else 0
            n = n or (int(count.group(1)) if count and count.group(1).isdigit() else 0)
            if n:
                fields["equal_contribution"] = fields["authors"][:n]
                continue
        kept.append(note)
    if kept:
        fields.setdefault("notes", []).extend(kept)
