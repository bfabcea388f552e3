"""One record per real item: matching candidates to the items the profile (or this import) has.

Publications match by DOI or arXiv id first; then by normalised title (rapidfuzz),
but only with the year within one and at least one shared author family name: two
papers called "Introduction" by different people stay two papers. Other sections
match on their identifying fields (a talk's title with its year, an award's title,
a degree with its institution) and must not contradict on the fields that tell
items apart (host, issuer, organisation).

Everything is looked up in indexes (by identifier, by title key, by year), never
compared all against all, so a profile of thousands of items imports fast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from packet.sources.clean import fold
from packet.sources.names import family_key

TITLE_SCORE = 92.0  # rapidfuzz ratio (0-100) of folded titles: typos and punctuation, not rewording
# Fields that name an item in each section, and fields that must agree when both are present.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "interests": ("area",),
    "education": ("degree", "institution"),
    "positions": ("title", "organization"),
    "talks": ("title",),
    "awards": ("title",),
    "grants": ("title",),
    "teaching": ("course", "role"),
    "mentoring": ("student", "level"),
    "service": ("organization", "kind"),
    "meetings": ("title",),
    "skills": ("category",),
    "languages": ("name",),
}
TELLING_FIELDS: dict[str, tuple[str, ...]] = {
    "talks": ("host", "event", "kind"),
    "awards": ("issuer",),
    "grants": ("funder",),
    "positions": ("department",),
    "teaching": ("code", "institution"),
    "mentoring": ("program",),
    "service": ("role",),
    "meetings": ("organizer",),
}


@dataclass(eq=False)  # compared by identity: one record per real item
class Record:
    """An item as the merge sees it: the profile's, or one this import adds."""

    section: str
    id: str
    item: dict[str, Any]
    existing: bool
    origins: list[str] = field(default_factory=list)


ABSTRACT_SCORE = 90.0  # the same abstract typed twice, not two abstracts on one topic
# Two versions of one abstract (arXiv v1 against the published text) are rewritten in places
# but keep whole sentences: runs of this many words shared make them one text. Abstracts of
# two papers on one topic share phrases, rarely a fifth of their six-word runs.
RUN = 6
SHARED_RUNS = 0.2
# A title-less entry whose abstract uses the words of exactly one title (and that title's
# item uses no other entry's words) completes that item, listed for review. Short titles
# ("Deep learning") are too common to be evidence.
TITLE_WORDS = 4
TITLE_COVERED = 0.8
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "by", "can", "do", "does", "for", "from", "how", "in",
    "into", "is", "its", "of", "on", "or", "the", "to", "toward", "towards", "using", "via",
    "what", "when", "why", "with",
})  # fmt: skip


def abstract_key(abstract: str) -> str:
    """An abstract's opening, folded: long enough to tell papers apart, short enough that
    a revised ending (arXiv v2 against the published version) does not hide a match."""
    return fold(abstract)[:300]


def runs(abstract: str) -> set[str]:
    words = fold(abstract).split()
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words ("grounding" and "grounded" are one)."""
    from packet.sources.stems import stem

    return {stem(w) for w in fold(text).split() if len(w) > 2 and w not in _STOP}


def title_key(title: str) -> str:
    return fold(title)


def year_of(item: dict[str, Any]) -> int | None:
    for name in ("year", "date", "end", "start"):
        value = item.get(name)
        if value is not None and str(value)[:4].isdigit():
            return int(str(value)[:4])
    return None


def item_key(section: str, item: dict[str, Any]) -> str:
    return " | ".join(fold(str(item.get(f, ""))) for f in KEY_FIELDS.get(section, ("title",)))


class Index:
    def __init__(self) -> None:
        self.by_id: dict[str, Record] = {}
        self._doi: dict[str, Record] = {}
        self._arxiv: dict[str, Record] = {}
        self._title: dict[str, list[Record]] = defaultdict(list)
        self._year: dict[int | None, list[Record]] = defaultdict(list)
        self._year_titles: dict[int | None, list[str]] = defaultdict(list)
        self._key: dict[tuple[str, str], list[Record]] = defaultdict(list)
        self._titled: set[tuple[str, str]] = set()
        self._abstracts: dict[str, Record] = {}  # folded opening of the abstract -> record
        self._runs: dict[str, list[Record]] | None = None  # built when a filler first needs it

    def add(self, record: Record) -> None:
        self.by_id[record.id] = record
        self.reindex(record)

    def reindex(self, record: Record) -> None:
        """Index the record under its (possibly new) identifiers and keys."""
        item = record.item
        if record.section != "publications":
            named = (record.section, item_key(record.section, item))
            if all(r is not record for r in self._key[named]):
                self._key[named].append(record)
            return
        if item.get("doi"):
            self._doi.setdefault(str(item["doi"]).casefold(), record)
        if item.get("arxiv"):
            self._arxiv.setdefault(str(item["arxiv"]), record)
        if item.get("abstract"):
            self._abstracts.setdefault(abstract_key(str(item["abstract"])), record)
            if self._runs is not None:
                self._index_runs(record)
        key = title_key(item.get("title", ""))
        if (key, record.id) not in self._titled:
            self._titled.add((key, record.id))
            self._title[key].append(record)
            year = year_of(item)
            self._year[year].append(record)
            self._year_titles[year].append(key)

    def match(self, section: str, item: dict[str, Any]) -> Record | None:
        if section == "publications":
            return self._match_publication(item)
        found = self._key.get((section, item_key(section, item)), [])
        year = year_of(item)
        for record in found:
            other = year_of(record.item)
            if year is not None and other is not None and abs(year - other) > 1:
                continue
            if _successive(record.item, item) or _elsewhere(section, record.item, item, year):
                continue
            if all(
                _agree(record.item.get(f), item.get(f)) for f in TELLING_FIELDS.get(section, ())
            ):
                return record
        return None

    def _match_publication(self, item: dict[str, Any]) -> Record | None:
        hit = self._doi.get(str(item["doi"]).casefold()) if item.get("doi") else None
        if hit is not None and _same_work(hit.item, item):
            return hit
        if item.get("arxiv") and (hit := self._arxiv.get(str(item["arxiv"]))):
            return hit
        key = title_key(item.get("title", ""))
        year = year_of(item)
        for record in self._title.get(key, []):
            if _plausible(record.item, item, year):
                return record
        return self._fuzzy(key, item, year)

    def match_filler(self, item: dict[str, Any]) -> Record | None:
        """The publication a title-less candidate completes: the same DOI or arXiv id, or
        an abstract that is the same text (up to typography, edits and rewritten parts)."""
        for name, table in (("doi", self._doi), ("arxiv", self._arxiv)):
            value = str(item.get(name) or "")
            if value and (hit := table.get(value.casefold() if name == "doi" else value)):
                return hit
        if not item.get("abstract"):
            return None
        from rapidfuzz import fuzz, process

        found = process.extractOne(abstract_key(str(item["abstract"])), list(self._abstracts),
                                   scorer=fuzz.ratio, score_cutoff=ABSTRACT_SCORE)
        if found:
            return self._abstracts[found[0]]
        return self._shared_runs(str(item["abstract"]))

    def _index_runs(self, record: Record) -> None:
        assert self._runs is not None
        for run in runs(str(record.item["abstract"])):
            bucket = self._runs.setdefault(run, [])
            if all(r is not record for r in bucket):
                bucket.append(record)

    def _shared_runs(self, abstract: str) -> Record | None:
        if self._runs is None:
            self._runs = {}
            for record in self._abstracts.values():
                self._index_runs(record)
        mine = runs(abstract)
        counts: dict[int, int] = defaultdict(int)
        records: dict[int, Record] = {}
        for run in mine:
            for record in self._runs.get(run, ()):
                counts[id(record)] += 1
                records[id(record)] = record
        best = max(counts, key=counts.__getitem__, default=None)
        if best is None:
            return None
        theirs = runs(str(records[best].item["abstract"]))
        shorter = min(len(mine), len(theirs)) or 1
        return records[best] if counts[best] / shorter >= SHARED_RUNS else None

    def match_by_title_words(self, fillers: list[dict[str, Any]]) -> dict[int, Record]:
        """Fillers (by position) whose abstract holds the words of exactly one publication's
        title, a publication with no abstract or arXiv id of its own, within a year, whose
        title no other filler's abstract also holds: one-to-one, or no match at all."""
        bare = [r for rs in self._year.values() for r in rs
                if not r.item.get("abstract") and not r.item.get("arxiv")]
        stems = {id(r): content_stems(r.item.get("title", "")) for r in bare}
        records = {id(r): r for r in bare if len(stems[id(r)]) >= TITLE_WORDS}
        by_stem: dict[str, list[int]] = defaultdict(list)
        for key in records:
            for word in stems[key]:
                by_stem[word].append(key)
        pairs: list[tuple[int, Record]] = []
        for position, item in enumerate(fillers):
            hits: dict[int, int] = defaultdict(int)
            for word in content_stems(str(item.get("abstract") or "")):
                for key in by_stem.get(word, ()):
                    hits[key] += 1
            year = year_of(item)
            for key, count in hits.items():
                other = year_of(records[key].item)
                if count / len(stems[key]) < TITLE_COVERED:
                    continue
                if year is not None and other is not None and abs(year - other) > 1:
                    continue
                pairs.append((position, records[key]))
        per_filler: dict[int, int] = defaultdict(int)
        per_record: dict[int, int] = defaultdict(int)
        for position, record in pairs:
            per_filler[position] += 1
            per_record[id(record)] += 1
        return {p: r for p, r in pairs if per_filler[p] == 1 and per_record[id(r)] == 1}

    def _fuzzy(self, key: str, item: dict[str, Any], year: int | None) -> Record | None:
        from rapidfuzz import fuzz, process

        # A work with no year (in press) may be the one another source dates: undated
        # titles are looked at for every year, and every year's for an undated one
        years: list[int | None] = (
            list(self._year_titles) if year is None else [None, year - 1, year, year + 1]
        )
        best: tuple[float, Record] | None = None
        for y in years:
            titles = self._year_titles.get(y)
            if not titles:
                continue
            for _, score, index in process.extract(
                key, titles, scorer=fuzz.ratio, score_cutoff=TITLE_SCORE, limit=5
            ):
                record = self._year[y][index]
                if _plausible(record.item, item, year) and (best is None or score > best[0]):
                    best = (score, record)
        return best[1] if best else None


def _same_work(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """A DOI match is trusted unless the titles have nothing in common or the page ranges
    differ: real .bib files give several chapters of one volume the same DOI."""
    from rapidfuzz import fuzz

    if _differ(old, new, "pages"):
        return False
    a, b = title_key(old.get("title", "")), title_key(new.get("title", ""))
    return not a or not b or fuzz.token_set_ratio(a, b) >= 60


def _differ(old: dict[str, Any], new: dict[str, Any], name: str) -> bool:
    a, b = old.get(name), new.get(name)
    return a is not None and b is not None and fold(str(a)) != fold(str(b))


def _plausible(old: dict[str, Any], new: dict[str, Any], year: int | None) -> bool:
    """The year within one and at least one author family name in common; and no
    identifier or page range that tells them apart ("Shape optimization in steady /
    unsteady blood flow", same authors, same year, pages 127-137 and 201-212)."""
    other = year_of(old)
    if year is not None and other is not None and abs(year - other) > 1:
        return False
    if any(_differ(old, new, name) for name in ("doi", "arxiv", "pages")):
        return False
    families = {family_key(a) for a in old.get("authors", [])}
    return any(family_key(a) in families for a in new.get("authors", []))


def _successive(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Two spans of one title at one place, one ending when the other starts ("1999-2006" and
    "2006-present" as Associate Professor at SFU): two appointments, not one."""
    spans = []
    for item in (old, new):
        start, end = str(item.get("start") or "")[:4], str(item.get("end") or "")[:4]
        if not start.isdigit():
            return False
        spans.append((int(start), int(end) if end.isdigit() else 9999))
    (a0, a1), (b0, b1) = spans
    return a0 != b0 and (a1 <= b0 or b1 <= a0)


def _elsewhere(section: str, old: dict[str, Any], new: dict[str, Any], year: int | None) -> bool:
    """A talk given again: the same title in another year, or at another place (one CV line
    names the host, another the event: "Yale University", "Stanford GSB")."""
    if section != "talks":
        return False
    other = year_of(old)
    if year is not None and other is not None and year != other:
        return True
    places = [{fold(str(i[f])) for f in ("host", "event") if i.get(f)} for i in (old, new)]
    return bool(places[0] and places[1] and not places[0] & places[1])


def _agree(a: Any, b: Any) -> bool:
    if a is None or b is None or a == "" or b == "":
        return True
    return fold(str(a)) == fold(str(b))
