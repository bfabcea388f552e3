"""A tiny BibTeX -> Profile converter for the ranking evaluation (benchmarks/eval_rank.py).

Only what ranking reads: title, authors, venue, year, abstract, keywords. packet's
real importer lives in packet/sources/; this one exists so the harness runs on its
own, and so a judged profile is built the same way every time. Entries it cannot
read (no title, no year) are skipped and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packet.model.profile import Person, Profile, Publication

_LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHcrbdk]\s*\{?\\?([A-Za-z])\}?")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s*")
_KINDS = {
    "article": "journal", "inproceedings": "conference", "conference": "conference",
    "incollection": "chapter", "inbook": "chapter", "book": "book", "phdthesis": "thesis",
    "mastersthesis": "thesis", "techreport": "preprint", "unpublished": "preprint",
    "misc": "preprint",
}
_ACCENTED = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
             "c": "\u0327", "v": "\u030c", "u": "\u0306", "=": "\u0304", ".": "\u0307"}


@dataclass
class Entry:
    kind: str
    key: str
    fields: dict[str, str]


def _value(text: str, at: int) -> tuple[str, int]:
    """One field value starting at `at` ({...}, "..." or a bare word); returns (raw, end)."""
    if text[at] == "{":
        depth, i = 0, at
        while i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                return text[at + 1:i], i + 1
            i += 1
        raise ValueError(f"unbalanced braces from offset {at}")
    if text[at] == '"':
        depth, i = 0, at + 1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
            elif text[i] == '"' and depth == 0:
                return text[at + 1:i], i + 1
            i += 1
        raise ValueError(f"unclosed quote from offset {at}")
    match = re.compile(r"[^,}\s#]+").match(text, at)
    if match is None:
        raise ValueError(f"no value at offset {at}")
    return match.group(0), match.end()


def parse_bibtex(text: str) -> list[Entry]:
    entries = []
    for start in re.finditer(r"@(\w+)\s*[{(]", text):
        kind = start.group(1).lower()
        if kind in ("string", "preamble", "comment"):
            continue
        pos = start.end()
        comma = text.find(",", pos)
        if comma < 0:
            break
        key = text[pos:comma].strip()
        fields: dict[str, str] = {}
        pos = comma + 1
        field = re.compile(r"\s*(\w[\w-]*)\s*=\s*")
        while True:
            found = field.match(text, pos)
            if found is None:
                break
            parts = []
            pos = found.end()
            while True:
                raw, pos = _value(text, pos)
                parts.append(raw)
                after = re.compile(r"\s*#\s*").match(text, pos)
                if after is None:
                    break
                pos = after.end()
            fields[found.group(1).lower()] = "".join(parts)
            tail = re.compile(r"\s*,?").match(text, pos)
            pos = tail.end() if tail else pos
        entries.append(Entry(kind, key, fields))
    return entries


def plain(text: str) -> str:
    """LaTeX to plain text: accents composed, commands and braces dropped."""
    import unicodedata

    def accent(match: re.Match[str]) -> str:
        mark = _ACCENTED.get(match.group(0)[1])
        letter = match.group(1)
        return unicodedata.normalize("NFC", letter + mark) if mark else letter

    text = re.sub(r"<[^>]+>", "", text)  # <i>Drosera</i>: HTML some sites put in titles
    text = _LATEX_ACCENT.sub(accent, text)
    text = text.replace("\\&", "&").replace("--", "–").replace("~", " ")
    text = _LATEX_COMMAND.sub("", text)
    text = text.replace("{", "").replace("}", "").replace("$", "")
    return " ".join(text.split())


def _authors(raw: str) -> list[str]:
    names = [plain(n) for n in re.split(r"\s+and\s+", raw) if plain(n)]
    return names or ["Unknown"]


def _id(key: str, seen: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._:-]+", "-", key).strip("-._:")[:70] or "entry"
    ident, n = base, 2
    while ident in seen:
        ident, n = f"{base}-{n}", n + 1
    seen.add(ident)
    return ident


def to_profile(entries: list[Entry], person: str, *, abstracts: bool = True) -> Profile:
    """Publications of `entries`, newest first as a CV lists them; abstracts kept or not."""
    seen: set[str] = set()
    pubs = []
    for entry in entries:
        f = entry.fields
        year = re.search(r"\d{4}", f.get("year", ""))
        title = plain(f.get("title", ""))
        if not title or year is None:
            continue
        venue = plain(f.get("journal") or f.get("booktitle") or f.get("publisher") or "") or None
        keywords = [plain(k) for k in re.split(r"[,;]", f.get("keywords", "")) if plain(k)]
        pubs.append(Publication(
            id=_id(entry.key, seen), kind=_KINDS.get(entry.kind, "preprint"),  # type: ignore[arg-type]
            authors=_authors(f.get("author", "")), title=title, venue=venue,
            year=int(year.group(0)), tags=keywords,
            abstract=(plain(f["abstract"]) or None) if abstracts and "abstract" in f else None,
        ))
    pubs.sort(key=lambda p: -p.year)
    return Profile(person=Person(name=person), publications=pubs)
