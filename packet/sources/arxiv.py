"""arXiv: the export API's Atom feed (a file, or fetched by id) and the listing-page layout.

The feed is parsed with defusedxml, which refuses any DTD: an Atom file from elsewhere
cannot expand entities (billion laughs) or make the parser read local files or URLs
(external entities). arXiv's own feeds never carry a DTD, so nothing real is lost.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET

from packet.errors import Problem, UserError
from packet.sources.arxiv_comments import read_comment, read_venue
from packet.sources.arxiv_ids import find_id
from packet.sources.candidate import Candidate, Format, Skipped, SourceRead

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def parse_feed(data: bytes, name: str) -> ET.Element:
    """The feed's root element, or a UserError naming the file and where the XML broke."""
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=True)
    except ET.ParseError as err:
        line, column = getattr(err, "position", (None, None))
        raise UserError(
            f"{name} is not well-formed XML, so it cannot be read as an arXiv Atom feed",
            [Problem(_expat_message(err), file=name, line=line, column=(column or 0) + 1)],
        ) from None
    except defusedxml.DefusedXmlException as err:
        raise UserError(
            f"{name} declares a DTD or entities, which packet does not read in an Atom feed",
            [Problem(str(err), file=name, hint="arXiv's own feeds have none: fetch it again")],
        ) from None
    if root.tag != f"{ATOM}feed":
        raise UserError(f"{name} is XML but not an Atom feed (its root element is {root.tag})")
    return root


def total_results(root: ET.Element) -> int | None:
    text = root.findtext(f"{OPENSEARCH}totalResults")
    return int(text) if text and text.strip().isdigit() else None


def read_atom(data: bytes, name: str) -> SourceRead:
    return read_feed(parse_feed(data, name), name)


def read_feed(root: ET.Element, name: str) -> SourceRead:
    """The candidates of a parsed feed (its root element, from `parse_feed`)."""
    read = SourceRead(source=name, format="arxiv-atom")
    for number, entry in enumerate(root.iter(f"{ATOM}entry"), start=1):
        entry_id = _text(entry, f"{ATOM}id")
        if "/api/errors" in entry_id:
            summary = _text(entry, f"{ATOM}summary") or entry_id
            raise UserError(f"the arXiv API rejected the query: {summary}")
        origin = f"{name}: entry {number}"
        candidate = _entry(entry, origin)
        if isinstance(candidate, Skipped):
            read.skipped.append(candidate)
        else:
            read.candidates.append(candidate)
    return read


def _entry(entry: ET.Element, origin: str) -> Candidate | Skipped:
    found = find_id(_text(entry, f"{ATOM}id"))
    title = _text(entry, f"{ATOM}title")
    affiliations: dict[str, str] = {}
    authors = []
    for node in entry.iter(f"{ATOM}author"):
        author = _text(node, f"{ATOM}name")
        if author:
            authors.append(author)
            where = _text(node, f"{ARXIV}affiliation")
            if where:
                affiliations[author] = where
    if found is None or not (title or authors):
        # id_list with an unknown id gives an entry with no title and no authors.
        return Skipped(origin, f"arXiv returned no paper for {_text(entry, f'{ATOM}id')!r}")
    arxiv_id, _version = found
    fields: dict[str, Any] = {"arxiv": arxiv_id}
    uncertain: list[str] = []
    if title:
        fields["title"] = title
    else:
        uncertain.append("title")
    if authors:
        fields["authors"] = authors
    else:
        uncertain.append("authors")
    summary = _text(entry, f"{ATOM}summary")
    if summary:
        fields["abstract"] = summary
    doi = _text(entry, f"{ARXIV}doi")
    if doi:
        fields["doi"] = doi
    primary = entry.find(f"{ARXIV}primary_category")
    if primary is not None and primary.get("term"):
        fields["tags"] = [primary.get("term")]
    describe(
        fields,
        uncertain,
        published=_text(entry, f"{ATOM}published")[:10],
        journal_ref=_text(entry, f"{ARXIV}journal_ref"),
        comment=_text(entry, f"{ARXIV}comment"),
    )
    return Candidate(
        "publications", fields, origin=f"arxiv:{arxiv_id}", markup="latex", uncertain=uncertain,
        affiliations=affiliations,
    )


def describe(
    fields: dict[str, Any],
    uncertain: list[str],
    *,
    published: str,
    journal_ref: str,
    comment: str,
) -> None:
    """Fill kind, venue, year, date, notes, ... from what arXiv says besides the abstract.

    A paper with no journal reference and no venue in its comment is a preprint, dated by
    its first version; a published paper takes its year from the venue, and the arXiv date
    is not its publication date, so it gets none.
    """
    facts = read_comment(comment) if comment else None
    venue = read_venue(journal_ref) if journal_ref else None
    if facts is not None:
        for key in ("url", "notes"):
            if key in facts.fields:
                fields[key] = facts.fields[key]
        if facts.equal_first is not None:
            authors = fields.get("authors")
            if authors:
                fields["equal_contribution"] = authors[: facts.equal_first]
            else:
                # No author list to point into (a listing page): the count travels alone.
                fields["equal_contribution_first"] = facts.equal_first
        uncertain.extend(u for u in facts.uncertain if u not in uncertain)
    # The journal reference is arXiv's field for where it was published: it wins.
    for source in (venue, facts):
        if source is None:
            continue
        for key in ("venue", "venue_short", "year", "status", "volume", "issue", "pages", "number"):
            if key in source.fields:
                fields.setdefault(key, source.fields[key])
        if "kind" in source.fields and fields.get("kind") in (None, "thesis"):
            fields["kind"] = source.fields["kind"]
        elif "kind" in source.uncertain and "kind" not in fields:
            uncertain.append("kind")
    has_venue = any(k in fields for k in ("venue", "venue_short")) or "kind" in uncertain
    if not has_venue and fields.get("kind") in (None, "preprint"):
        fields["kind"] = "preprint"
        fields["venue"] = "arXiv preprint"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) and "year" not in fields:
        fields["year"] = int(published[:4])
        if fields.get("kind") in ("preprint", "thesis"):
            fields["date"] = published
        else:
            uncertain.append("year")  # the preprint's year: the venue named none of its own
    if "kind" in uncertain and "kind" in fields:
        uncertain.remove("kind")


def _text(element: ET.Element, tag: str) -> str:
    """An element's text, whitespace collapsed (arXiv wraps titles and abstracts)."""
    found = element.find(tag)
    if found is None or found.text is None:
        return ""
    return " ".join(found.text.split())


def _expat_message(err: ET.ParseError) -> str:
    return re.sub(r": line \d+, column \d+$", "", str(err))


def _sniff_atom(head: bytes) -> bool:
    return b"http://www.w3.org/2005/Atom" in head and b"arxiv.org" in head


def _read_listing(data: bytes, name: str) -> SourceRead:
    from packet.sources.arxiv_listing import read_listing

    return read_listing(data, name)


def _sniff_listing(head: bytes) -> bool:
    from packet.sources.arxiv_listing import sniff_listing

    return sniff_listing(head)


FORMATS = (
    Format(
        name="arxiv-atom",
        read=read_atom,
        extensions=(".atom",),
        sniff=_sniff_atom,
        priority=20,
        description="arXiv API response (Atom XML), e.g. saved from export.arxiv.org/api/query",
    ),
    Format(
        name="arxiv-listing",
        read=_read_listing,
        sniff=_sniff_listing,
        priority=30,
        description="arXiv listing text: abstract, comments, 'arXiv:ID', 'Created: ...' blocks",
    ),
)
