"""BibTeX and BibLaTeX files (bibtexparser v2), entry by entry.

bibtexparser splits the file into blocks and reports the ones it cannot parse with
the line where it stopped; a file with some bad entries still yields the good
ones, and the bad ones are listed. Field values are resolved here (`@string`
macros, `#` concatenation, month names) and handed on as LaTeX: the shared
normalisation decodes accents, dashes, math and case-protecting braces.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Candidate, Format, Skipped, SourceRead
from packet.sources.text_input import decode

# Entry type -> publication kind; None: the kind depends on the fields (see _kind).
KINDS: dict[str, str | None] = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "book": "book",
    "mvbook": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "techreport": "preprint",
    "report": "preprint",
    "unpublished": "preprint",
    "misc": None,
    "online": None,
    "electronic": None,
    "preprint": "preprint",
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SNIFF = re.compile(rb"(?m)^\s*@\s*[A-Za-z]+\s*[{(]")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_STATUS = {
    "forthcoming": "to appear",
    "inpress": "to appear",
    "in press": "to appear",
    "to appear": "to appear",
    "accepted": "accepted",
    "submitted": "submitted",
    "inpreparation": "in preparation",
    "in preparation": "in preparation",
}
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s<>\"{}]+")
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s/]*(?:abs/)?(\d{4}\.\d{4,5}|[a-z-]+/\d{7})", re.I)


def _split_top(value: str, sep: str) -> list[str]:
    """Split on `sep` where it is outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == sep and depth == 0 and not quoted:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return [p.strip() for p in parts]


# The longest field value: what one YAML string of a profile may hold (store.yaml_io's
# MAX_STRING). `@string{b = a # a}` doubles at each step: thirty steps are 10 GB.
MAX_VALUE = 200_000


class TooLong(ValueError):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} characters")
        self.size = size


def resolve(value: str, macros: dict[str, str]) -> str:
    """A raw field value -> its text: enclosing removed, macros and `#` resolved.
    TooLong past MAX_VALUE characters, counted before they are joined."""
    pieces = []
    for part in _split_top(value, "#") if "#" in value else [value.strip()]:
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            pieces.append(part[1:-1])
        elif part.isdigit():
            pieces.append(part)
        else:
            pieces.append(macros.get(part.casefold(), part))
    size = sum(map(len, pieces))
    if size > MAX_VALUE:
        raise TooLong(size)
    return "".join(pieces)


def _too_long(shown: str, line: int | None, what: str, err: TooLong) -> UserError:
    return UserError(f"{shown}: {what} is too long",
                     [Problem(f"{err.size:,} characters; packet takes at most {MAX_VALUE:,} "
                              "in one field", file=shown, line=line,
                              hint="Check the @string macros and # joins of this field.")])


def split_authors(value: str) -> list[str]:
    """`A and B and {The X Collaboration}` -> names (an "and" inside braces is part of a name)."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value, re.IGNORECASE):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _kind(entry_type: str, f: dict[str, str]) -> str | None:
    venue = f.get("journal") or f.get("journaltitle") or f.get("booktitle") or ""
    if "arxiv" in venue.casefold() or "preprint" in venue.casefold():
        return "preprint"
    kind = KINDS.get(entry_type)
    if kind is None:
        return "preprint" if f.get("eprint") or _ARXIV_IN_TEXT.search(f.get("url", "")) else None
    if kind == "conference" and "workshop" in venue.casefold():
        return "workshop"
    return kind


def _arxiv(f: dict[str, str]) -> str | None:
    prefix = (f.get("archiveprefix") or f.get("eprinttype") or "").casefold()
    if f.get("eprint") and prefix in ("arxiv", ""):
        return f["eprint"]
    for name in ("journal", "url", "note", "howpublished"):
        if match := _ARXIV_IN_TEXT.search(f.get(name, "")):
            return match.group(1)
    return None


def entry_fields(entry_type: str, f: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """BibTeX fields (resolved, lower-case names) -> publication fields, and uncertain ones."""
    out: dict[str, Any] = {}
    uncertain: list[str] = []
    kind = _kind(entry_type, f)
    if kind:
        out["kind"] = kind
    else:
        uncertain.append(f"kind: @{entry_type} says nothing of the kind, left to the default")
    people = f.get("author") or (f.get("editor") if kind == "book" else None)
    if people:
        out["authors"] = split_authors(people)
    simple = {
        "title": "title",
        "volume": "volume",
        "pages": "pages",
        "publisher": "publisher",
        "doi": "doi",
        "url": "url",
        "abstract": "abstract",
        "shortjournal": "venue_short",
        "eid": "number",
        "articleno": "number",
    }
    out.update({target: f[name] for name, target in simple.items() if f.get(name)})
    url = f.get("url", "")
    if "doi" not in out and (doi := _DOI_IN_TEXT.search(url)):
        out["doi"] = doi.group(0)
    if "<" in url or url.casefold().startswith("doi:") or "doi.org/" in url:
        out.pop("url", None)  # a DOI written as a link (sometimes as HTML): the DOI says it
    venue = f.get("journal") or f.get("journaltitle") or f.get("booktitle")
    if kind == "thesis":
        venue = f.get("school") or f.get("institution")
    elif entry_type in ("techreport", "report"):
        venue = venue or f.get("institution")
    if venue and kind != "preprint":
        out["venue"] = venue
    if f.get("number"):
        out["issue" if entry_type == "article" else "number"] = f["number"]
    _dates(f, out, uncertain)
    if arxiv := _arxiv(f):
        out["arxiv"] = arxiv
    note = f.get("note")
    status = _STATUS.get((f.get("pubstate") or "").casefold().strip(" ."))
    if note and not status and (status := _STATUS.get(note.casefold().strip(" ."))):
        note = None
    if status:
        out["status"] = status
    if note and not _ARXIV_IN_TEXT.fullmatch(note.strip()):
        out["notes"] = [note]
    if f.get("keywords"):
        out["tags"] = [k.strip() for k in re.split(r"[,;]", f["keywords"]) if k.strip()]
    return out, uncertain


def _dates(f: dict[str, str], out: dict[str, Any], uncertain: list[str]) -> None:
    date = f.get("date", "")
    year = f.get("year") or date[:4]
    if year:
        out["year"] = year
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date):
        out["date"] = date
        return
    month = f.get("month", "").strip().casefold()
    number = MONTHS.index(month[:3]) + 1 if month[:3] in MONTHS else None
    if month.isdigit() and 1 <= int(month) <= 12:
        number = int(month)
    if number and year.isdigit():
        day = f.get("day", "")
        out["date"] = f"{year}-{number:02d}" + (f"-{int(day):02d}" if day.isdigit() else "")
    elif month:
        uncertain.append(f"date: month {f['month']!r} not read")


def read_bibtex(data: bytes, shown: str) -> SourceRead:
    import bibtexparser
    from bibtexparser.model import Entry

    text = decode(data, shown)
    # bibtexparser logs each failure; they are reported below, per entry, instead.
    loggers = [logging.getLogger(n) for n in ("bibtexparser", "bibtexparser.splitter")]
    before = [lg.disabled for lg in loggers]
    for lg in loggers:
        lg.disabled = True
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    finally:
        for lg, was in zip(loggers, before, strict=True):
            lg.disabled = was
    macros = {m: m.capitalize() for m in MONTHS}
    for string in library.strings:
        try:
            macros[string.key.casefold()] = resolve(string.value, macros)
        except TooLong as err:
            line = (string.start_line or 0) + 1
            raise _too_long(shown, line, f"@string {string.key}", err) from None
    read = SourceRead(shown, "bibtex")
    entries: list[tuple[Any, list[str]]] = [(entry, []) for entry in library.entries]
    for block in library.failed_blocks:
        kept = getattr(block, "ignore_error_block", None)
        if type(block).__name__ == "DuplicateFieldKeyBlock" and isinstance(kept, Entry):
            # A field given twice (two isbn lines, as some exports write): the first counts.
            twice = sorted(
                {f.key for f in kept.fields if [g.key for g in kept.fields].count(f.key) > 1}
            )
            entries.append((kept, [f"{k}: given twice, the first value kept" for k in twice]))
            continue
        if type(block).__name__ == "DuplicateBlockKeyBlock" and isinstance(kept, Entry):
            # Two entries with one key (exports that key by author and year: Bartley_2019
            # twice): two works, both read; merging decides whether they are one
            entries.append((kept, []))
            continue
        line = _stop_line(text, block)
        read.skipped.append(Skipped(f"{shown}:{line}", _failure(block)))
    entries.sort(key=lambda pair: pair[0].start_line or 0)
    for entry, notes in entries:
        line = (entry.start_line or 0) + 1
        fields: dict[str, str] = {}
        for f in entry.fields:
            try:
                fields.setdefault(f.key.casefold(), resolve(str(f.value), macros))
            except TooLong as err:
                raise _too_long(shown, line, f"field {f.key} of {entry.key}", err) from None
        kind, uncertain = entry_fields(entry.entry_type.casefold(), fields)
        uncertain += notes
        read.candidates.append(
            Candidate("publications", kind, f"{shown}:{line} {entry.key}", "latex", uncertain)
        )
    if not read.candidates:
        first = read.skipped[0] if read.skipped else None
        raise UserError(
            f"{shown} holds no BibTeX entry packet can read",
            [
                Problem(
                    first.reason if first else "no @entry{...} found",
                    file=shown,
                    line=int(first.origin.rsplit(":", 1)[1]) if first else None,
                    hint="Fix the entry at that line (a missing '}' or ',' is the usual cause).",
                )
            ],
        )
    return read


def _stop_line(text: str, block: Any) -> int:
    error = getattr(block, "error", None)
    end = getattr(error, "end_index", None)
    if isinstance(end, int):
        return text.count("\n", 0, end) + 1
    return (block.start_line or 0) + 1


def _failure(block: Any) -> str:
    error = getattr(block, "error", None)
    start = (block.start_line or 0) + 1
    reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
    head = (block.raw or "").split(",", 1)[0].strip()[:60]
    return f"{head or 'entry'} (from line {start}) not read: {reason.strip()}"


def _sniff(head: bytes) -> bool:
    return bool(_SNIFF.search(head))


FORMATS = [
    Format(
        "bibtex",
        read_bibtex,
        (".bib", ".bibtex", ".biblatex"),
        _sniff,
        10,
        "BibTeX / BibLaTeX (.bib)",
    ),
]
