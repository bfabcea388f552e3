"""ORCID works: a group of versions of one work -> one publication (or talk) candidate.

ORCID puts in one group every version of a work that shares an identifier (a DOI, an
arXiv id), each as it came from one source (Crossref, arXiv, the researcher). A group
holding a preprint and its journal version becomes one item, with both identifiers and
the published venue. Work summaries carry no authors; work details do.
"""

from __future__ import annotations

import re
from typing import Any

from packet.sources.arxiv_ids import find_id
from packet.sources.candidate import Candidate, Skipped
from packet.sources.orcid_activities import fuzzy_date, value

# ORCID work types (v3.0 vocabulary) -> the profile's publication kinds.
KINDS = {
    "journal-article": "journal",
    "conference-paper": "conference",
    "conference-proceedings": "conference",
    "preprint": "preprint",
    "working-paper": "preprint",
    "book": "book",
    "edited-book": "book",
    "book-chapter": "chapter",
    "dissertation-thesis": "thesis",
    "dissertation": "thesis",
    "conference-abstract": "abstract",
}
# Works that are talks in a profile, with the talk kind the type says (None: not said).
TALKS: dict[str, str | None] = {"conference-poster": "poster", "lecture-speech": None}
# Works a profile has no section for: listed as skipped, with their type, never dropped.
NOT_PUBLICATIONS = frozenset(
    [
        "data-set",
        "data-management-plan",
        "software",
        "patent",
        "invention",
        "license",
        "trademark",
        "registered-copyright",
        "disclosure",
        "spin-off-company",
        "physical-object",
        "research-tool",
        "research-technique",
        "website",
        "online-resource",
        "standards-and-policy",
        "technical-standard",
        "artistic-performance",
        "cartographic-material",
        "design",
        "image",
        "moving-image",
        "musical-composition",
        "sound",
        "clinical-study",
        "learning-object",
        "test",
    ]
)
_PUBLISHED_FIRST = ("journal", "conference", "chapter", "book", "thesis", "abstract")
_NOT_AUTHORS = {"editor", "chair-or-translator", "chair", "translator"}
ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)


def work_group(
    group: dict[str, Any], details: dict[int, dict[str, Any]], origin: str
) -> Candidate | Skipped:
    summaries = [s for s in value(group, "work-summary") or [] if isinstance(s, dict)]
    if not summaries:
        return Skipped(origin, "work group with no work in it")
    # The published version states the venue; a preprint only says "arXiv".
    summaries.sort(key=lambda s: _rank(KINDS.get(str(value(s, "type")), "")))
    main = summaries[0]
    work = details.get(int(value(main, "put-code") or -1), main)
    fields: dict[str, Any] = {}
    uncertain: list[str] = []
    title = value(work, "title", "title")
    if not title:
        return Skipped(origin, "work with no title")
    work_type = str(value(work, "type"))
    if work_type in NOT_PUBLICATIONS:
        return Skipped(origin, f"{title!r} is a {work_type} (ORCID's type), not a publication")
    if work_type in TALKS:
        return _talk(work, title, TALKS[work_type], origin)
    fields["title"] = title
    kind = KINDS.get(work_type)
    if kind:
        fields["kind"] = kind
    else:
        uncertain.append("kind")
    ids = _ids([group, *summaries, work])
    fields.update(ids)
    venue = value(work, "journal-title")
    if venue and not (kind == "preprint" and venue.strip().lower() in {"arxiv", "arxiv.org"}):
        fields["venue"] = venue
    elif kind == "preprint":
        fields["venue"] = "arXiv preprint" if "arxiv" in ids else None
    date = fuzzy_date(value(work, "publication-date"))
    if date:
        fields["year"] = int(date[:4])
        if len(date) > 4:
            fields["date"] = date
    else:
        uncertain.append("year")
    url = value(work, "url")
    if url:
        fields["url"] = url
    authors = _contributors(work)
    if authors:
        fields["authors"] = authors
    else:
        uncertain.append("authors")  # summaries never list them; details may not either
    abstract = value(work, "short-description")
    if abstract:
        fields["abstract"] = abstract
    fields = {k: v for k, v in fields.items() if v is not None}
    put_codes = ",".join(str(value(s, "put-code")) for s in summaries)
    return Candidate(
        "publications", fields, origin=f"{origin} (put-code {put_codes})", uncertain=uncertain
    )


def _talk(work: dict[str, Any], title: str, kind: str | None, origin: str) -> Candidate:
    fields: dict[str, Any] = {"title": title}
    uncertain: list[str] = []
    if kind:
        fields["kind"] = kind
    else:
        uncertain.append("kind")  # invited, contributed, keynote: ORCID does not say
    event = value(work, "journal-title")
    if event:
        fields["event"] = event
    date = fuzzy_date(value(work, "publication-date"))
    if date:
        fields["date"] = date
    url = value(work, "url")
    if url:
        fields["url"] = url
    return Candidate(
        "talks",
        fields,
        origin=f"{origin} (put-code {value(work, 'put-code')})",
        uncertain=uncertain,
    )


def put_codes(doc: dict[str, Any]) -> list[int]:
    """The put-code of the work each group is read from (the one to fetch details for)."""
    activities = doc.get("activities-summary", doc)
    codes = []
    for group in value(activities, "works", "group") or value(activities, "group") or []:
        summaries = [s for s in value(group, "work-summary") or [] if isinstance(s, dict)]
        if summaries:
            summaries.sort(key=lambda s: _rank(KINDS.get(str(value(s, "type")), "")))
            code = value(summaries[0], "put-code")
            if code is not None:
                codes.append(int(code))
    return codes


def _rank(kind: str) -> int:
    return _PUBLISHED_FIRST.index(kind) if kind in _PUBLISHED_FIRST else len(_PUBLISHED_FIRST)


def _ids(nodes: list[Any]) -> dict[str, str]:
    """DOI and arXiv id from every version in the group (`part-of` ids name a journal)."""
    found: dict[str, str] = {}
    for node in nodes:
        for ext in value(node, "external-ids", "external-id") or []:
            if value(ext, "external-id-relationship") == "part-of":
                continue
            kind = str(value(ext, "external-id-type") or "").lower()
            raw = value(ext, "external-id-value") or value(ext, "external-id-normalized")
            if not isinstance(raw, str):
                continue
            raw = re.sub(r"^https?://(dx\.)?doi\.org/", "", raw.strip(), flags=re.I)
            arxiv_doi = ARXIV_DOI.match(raw) if kind == "doi" else None
            if kind == "arxiv" or arxiv_doi:
                parsed = find_id(arxiv_doi.group(1) if arxiv_doi else raw)
                if parsed:
                    found.setdefault("arxiv", parsed[0])
            elif kind == "doi" and raw.startswith("10."):
                found.setdefault("doi", raw)
    return found


def _contributors(work: dict[str, Any]) -> list[str]:
    """Credit names in the order given; editors and translators are not authors."""
    names = []
    for contributor in value(work, "contributors", "contributor") or []:
        role = str(value(contributor, "contributor-attributes", "contributor-role") or "")
        name = value(contributor, "credit-name")
        if name and role.lower() not in _NOT_AUTHORS:
            names.append(name)
    return names
