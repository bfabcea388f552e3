"""Sources named by identifier: `orcid:…`, `arxiv:…`, `doi:…`, `arxiv-author:"Last, First"`.

`read_identifier` fetches through the one HTTP client and hands the response to the
same reader a saved file would go to, so a fetched record and a downloaded one import
alike.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from packet.errors import Problem, UserError
from packet.sources.arxiv import parse_feed, read_atom, read_feed, total_results
from packet.sources.arxiv_ids import split_id
from packet.sources.candidate import Skipped, SourceRead
from packet.sources.crossref import read_crossref
from packet.sources.http import HttpClient, Service
from packet.sources.json_source import load_json
from packet.sources.orcid import check_orcid, read_orcid
from packet.sources.orcid_works import ARXIV_DOI, put_codes

ORCID_API = "https://pub.orcid.org/v3.0"
ARXIV_API = "https://export.arxiv.org/api/query"
CROSSREF_API = "https://api.crossref.org/works"
ORCID_BULK = 100  # the most put-codes ORCID returns details for in one request
ARXIV_PAGE = 100
SCHEMES = ("orcid", "arxiv", "doi", "arxiv-author")
_URLS = (
    (re.compile(r"^https?://(?:www\.)?orcid\.org/(.+)$", re.I), "orcid"),
    (re.compile(r"^https?://(?:dx\.)?doi\.org/(.+)$", re.I), "doi"),
    (re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+)$", re.I), "arxiv"),
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def is_identifier(spec: str) -> bool:
    """Whether `spec` names a remote source rather than a file."""
    scheme = spec.split(":", 1)[0].lower()
    return scheme in SCHEMES or any(pattern.match(spec) for pattern, _ in _URLS)


def read_identifier(
    spec: str, client: HttpClient | None = None, *, profile: str = "P", max_results: int = 200
) -> SourceRead:
    """Fetch what `spec` names and read it. `profile` goes into the offline hint."""
    scheme, rest = _split(spec)
    with _client(client) as http:
        if scheme == "orcid":
            return _orcid(spec, check_orcid(rest), http, profile)
        if scheme == "arxiv":
            ids = [split_id(part) for part in rest.split(",") if part.strip()]
            if not ids:
                raise UserError(f"{spec!r} names no arXiv id", [Problem("e.g. arxiv:2506.07899")])
            return _arxiv_ids(spec, ids, http, profile)
        if scheme == "doi":
            doi = _doi(rest)
            arxiv_doi = ARXIV_DOI.match(doi)
            if arxiv_doi:  # arXiv's DOIs are DataCite's, not Crossref's: ask arXiv
                return _arxiv_ids(spec, [split_id(arxiv_doi.group(1))], http, profile)
            return _crossref(spec, doi, http, profile)
        return _arxiv_author(spec, rest.strip().strip("\"'"), http, profile, max_results)


def _split(spec: str) -> tuple[str, str]:
    text = spec.strip()
    for pattern, scheme in _URLS:
        match = pattern.match(text)
        if match:
            return scheme, match.group(1)
    scheme, sep, rest = text.partition(":")
    scheme = scheme.lower()
    if not sep or scheme not in SCHEMES:
        raise UserError(
            f"{spec!r} is not an identifier packet can fetch",
            [
                Problem(
                    "use orcid:0000-0002-1825-0097, arxiv:2506.07899, doi:10.1103/PhysRevX.14."
                    '031001 or arxiv-author:"Last, First"'
                )
            ],
        )
    if not rest.strip():
        raise UserError(f"{spec!r} names nothing after '{scheme}:'")
    return scheme, rest.strip()


@contextmanager
def _client(client: HttpClient | None) -> Iterator[HttpClient]:
    if client is not None:
        yield client
        return
    # The CLI passes a client built from the settings; this default reads the same variable.
    with HttpClient(contact=os.environ.get("PACKET_CONTACT")) as own:
        yield own


def _orcid(spec: str, orcid: str, http: HttpClient, profile: str) -> SourceRead:
    service = Service(
        "the ORCID API",
        "import the record from a file instead (save "
        f"{ORCID_API}/{orcid}/record as JSON): packet import record.json --profile {profile}",
    )
    response = http.get(
        f"{ORCID_API}/{orcid}/record",
        service,
        accept="application/json",
        what=f"record for the ORCID iD {orcid}",
    )
    name = f"orcid:{orcid}"
    record = load_json(response.content, name, "an ORCID record")
    if not isinstance(record, dict):
        raise UserError(f"the ORCID API sent {name} as something other than a JSON object")
    details: dict[int, dict[str, Any]] = {}
    skipped: list[Skipped] = []
    codes = put_codes(record)
    for start in range(0, len(codes), ORCID_BULK):
        chunk = ",".join(str(c) for c in codes[start : start + ORCID_BULK])
        try:
            bulk = http.get(
                f"{ORCID_API}/{orcid}/works/{chunk}",
                service,
                accept="application/json",
                what="works of this record",
            )
        except UserError as err:
            # The summaries still import; only their authors and abstracts are missing.
            skipped.append(Skipped(name, f"work details (authors) not fetched: {err.summary}"))
            continue
        for entry in _bulk(load_json(bulk.content, name, "ORCID work details")):
            work = entry.get("work") if isinstance(entry, dict) else None
            if isinstance(work, dict) and work.get("put-code") is not None:
                details[int(work["put-code"])] = work
    read = read_orcid(record, name, details)
    read.source = spec
    read.skipped.extend(skipped)
    return read


def _bulk(doc: Any) -> list[Any]:
    """The entries of a `/works/{put-codes}` answer: each a {"work": ...} or an {"error": ...}."""
    entries = doc.get("bulk") if isinstance(doc, dict) else None
    return entries if isinstance(entries, list) else []


def _arxiv_service(profile: str) -> Service:
    return Service(
        "the arXiv API",
        f"import a saved arXiv listing or Atom file instead: packet import listing.txt "
        f"--profile {profile}",
    )


def _arxiv_ids(
    spec: str, ids: list[tuple[str, int | None]], http: HttpClient, profile: str
) -> SourceRead:
    service = _arxiv_service(profile)
    wanted = [f"{i}v{v}" if v else i for i, v in ids]
    read = SourceRead(source=spec, format="arxiv-atom")
    for start in range(0, len(wanted), ARXIV_PAGE):
        chunk = wanted[start : start + ARXIV_PAGE]
        params = {"id_list": ",".join(chunk), "max_results": str(len(chunk))}
        response = http.get(ARXIV_API, service, params=params, what="such paper")
        page = read_atom(response.content, f"arxiv:{','.join(chunk)}")
        read.candidates.extend(page.candidates)
        read.skipped.extend(page.skipped)
    found = {c.fields.get("arxiv") for c in read.candidates}
    for ident, _version in ids:
        if ident not in found and not any(ident in s.reason for s in read.skipped):
            read.skipped.append(Skipped(f"arxiv:{ident}", "arXiv returned no paper for this id"))
    return read


def _arxiv_author(
    spec: str, name: str, http: HttpClient, profile: str, max_results: int
) -> SourceRead:
    if not name:
        raise UserError(f"{spec!r} names no author", [Problem('e.g. arxiv-author:"Favero, A"')])
    query = author_query(name)
    service = _arxiv_service(profile)
    read = SourceRead(source=spec, format="arxiv-atom")
    total: int | None = None
    start = 0
    while start < max_results and (total is None or start < total):
        size = min(ARXIV_PAGE, max_results - start)
        params = {
            "search_query": query,
            "start": str(start),
            "max_results": str(size),
            "sortBy": "submittedDate",
            "sortOrder": "descending",
        }
        response = http.get(ARXIV_API, service, params=params)
        where = f"{spec} (results {start + 1}-{start + size})"
        root = parse_feed(response.content, where)
        total = total_results(root) or 0
        page = read_feed(root, where)
        read.candidates.extend(page.candidates)
        read.skipped.extend(page.skipped)
        if not page.candidates and not page.skipped:
            break  # arXiv sometimes reports more results than it then returns
        start += size
    if total and total > max_results:
        read.skipped.append(
            Skipped(
                spec,
                f"arXiv lists {total} papers for this name; only the newest {max_results} "
                "were read",
            )
        )
    return read


def author_query(name: str) -> str:
    """arXiv's `au:` query for "Last, First", "Last, F." or "Last".

    arXiv holds names as printed ("Alessandro Favero"): a quoted phrase matches a full name
    in order, so "Last, First" is turned around; with only an initial, arXiv's own
    surname_initial form (au:del_maestro_a) matches every given name with that initial.
    """
    family, _, given = (part.strip() for part in name.partition(","))
    if not given:
        return f'au:"{family}"'
    if re.fullmatch(r"[^\W\d_]\.?", given):
        return f"au:{family.replace(' ', '_')}_{given[0]}"
    return f'au:"{given} {family}"'


def _doi(text: str) -> str:
    doi = re.sub(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", "", text.strip(), flags=re.I)
    if not _DOI.match(doi):
        raise UserError(
            f"{text!r} is not a DOI",
            [Problem("a DOI starts with 10. and a registrant code: 10.1103/PhysRevX.14.031001")],
        )
    return doi


def _crossref(spec: str, doi: str, http: HttpClient, profile: str) -> SourceRead:
    service = Service(
        "the Crossref API",
        f"import the work from a file instead (BibTeX, RIS or CSL-JSON): packet import "
        f"work.bib --profile {profile}",
    )
    response = http.get(
        f"{CROSSREF_API}/{quote(doi, safe='/:;()')}",
        service,
        accept="application/json",
        what=f"work with the DOI {doi}",
    )
    name = f"doi:{doi}"
    read = read_crossref(load_json(response.content, name, "a Crossref work"), name)
    read.source = spec
    return read
