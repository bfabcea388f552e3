"""ORCID public API v3.0 JSON: a record (`/v3.0/{id}/record`), its works (`/works`) or
work details (`/works/{put-codes}`), read from a file or fetched by `remote.py`.

The person block fills the profile's person; works are read by `orcid_works.py`,
affiliations, fundings and peer reviews by `orcid_activities.py`.
"""

from __future__ import annotations

import re
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.candidate import Format, Skipped, SourceRead
from packet.sources.json_source import load_json
from packet.sources.orcid_activities import affiliations, fundings, peer_reviews, value
from packet.sources.orcid_works import work_group

_PROFILE_SITES = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:linkedin\.com|twitter\.com|x\.com|scholar\.google\.[a-z.]+|"
    r"researchgate\.net|github\.com|orcid\.org|semanticscholar\.org|bsky\.app|mastodon\.\w+)/",
    re.IGNORECASE,
)


def read_orcid_file(data: bytes, name: str) -> SourceRead:
    return read_orcid(load_json(data, name, "an ORCID record"), name)


def read_orcid(doc: Any, name: str, details: dict[int, dict[str, Any]] | None = None) -> SourceRead:
    """Candidates from a record, an activities summary, a works list or a bulk of details.

    `details` maps put-codes to full works (from `/works/{put-codes}`): their contributors
    and descriptions fill what the summaries lack.
    """
    if not isinstance(doc, dict):
        raise UserError(f"{name} is JSON but not an ORCID record (it is not an object)")
    read = SourceRead(source=name, format="orcid")
    orcid = value(doc, "orcid-identifier", "path")
    origin = f"orcid:{orcid}" if orcid else name
    if isinstance(doc.get("person"), dict):
        read.person = person(doc["person"], orcid)
    activities = doc.get("activities-summary", doc)
    details = dict(details or {})
    for entry in doc.get("bulk") or []:  # a saved /works/{put-codes} response
        work = value(entry, "work")
        if isinstance(work, dict) and value(work, "put-code") is not None:
            details[int(value(work, "put-code"))] = work
    groups = value(activities, "works", "group") or value(activities, "group") or []
    if not groups and details:
        groups = [{"work-summary": [w]} for w in details.values()]
    for number, group in enumerate(groups, start=1):
        item = work_group(group, details, f"{origin} work group {number}")
        if isinstance(item, Skipped):
            read.skipped.append(item)
        else:
            read.candidates.append(item)
    read.candidates.extend(affiliations(activities, origin))
    read.candidates.extend(fundings(activities, origin))
    read.candidates.extend(peer_reviews(activities, origin))
    if not (read.person or read.candidates or read.skipped):
        raise UserError(
            f"{name} is JSON but holds no ORCID record, works or activities",
            [
                Problem(
                    "expected keys such as 'orcid-identifier', 'activities-summary' or 'group'",
                    file=name,
                )
            ],
        )
    current = [
        c
        for c in read.candidates
        if c.section == "positions"
        and c.fields.get("end") == "present"
        and c.fields.get("kind") != "visiting"
    ]
    if read.person and current:
        read.person.setdefault("affiliation", current[0].fields.get("organization"))
        if "title" in current[0].fields:
            read.person.setdefault("position", current[0].fields["title"])
    read.person = {k: v for k, v in read.person.items() if v}
    return read


def person(block: dict[str, Any], orcid: str | None) -> dict[str, Any]:
    given = value(block, "name", "given-names")
    family = value(block, "name", "family-name")
    credit = value(block, "name", "credit-name")
    found: dict[str, Any] = {"orcid": orcid}
    full = " ".join(p for p in (given, family) if p)
    found["name"] = credit or full or None
    variants = [value(o, "content") for o in value(block, "other-names", "other-name") or []]
    if credit and full and full != credit:
        variants.insert(0, full)
    found["name_variants"] = [v for v in variants if v]
    emails = value(block, "emails", "email") or []
    primary = [e for e in emails if value(e, "primary")] or emails
    if primary:
        found["email"] = value(primary[0], "email")
    links = [
        {"label": value(u, "url-name") or value(u, "url", "value"), "url": value(u, "url", "value")}
        for u in value(block, "researcher-urls", "researcher-url") or []
        if value(u, "url", "value")
    ]
    # The website is the first link that is not a profile on a social or citation site;
    # the others stay links, as a profile keeps them (LinkedIn, Scholar, ...).
    own = [link for link in links if not _PROFILE_SITES.search(link["url"])]
    if own:
        found["website"] = own[0]["url"]
    found["links"] = [link for link in links if link["url"] != found.get("website")]
    return found


def _sniff(head: bytes) -> bool:
    if head.lstrip()[:1] != b"{":
        return False
    keys = (
        b'"orcid-identifier"',
        b'"activities-summary"',
        b'"work-summary"',
        b'"affiliation-group"',
    )
    return any(k in head for k in keys) or (b'"bulk"' in head and b'"put-code"' in head)


FORMATS = (
    Format(
        name="orcid",
        read=read_orcid_file,
        extensions=(".json",),
        sniff=_sniff,
        priority=20,
        description="ORCID public API v3.0 JSON: a record, its works, or work details",
    ),
)


_ORCID_ID = re.compile(
    r"^(?:https?://(?:www\.|sandbox\.)?orcid\.org/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$",
    re.IGNORECASE,
)


def check_orcid(text: str) -> str:
    """The iD as 0000-0002-1825-0097, or a UserError if it is malformed or its check digit
    is wrong (ISO 7064 MOD 11-2, as ORCID computes it)."""
    match = _ORCID_ID.match(text.strip())
    if not match:
        raise UserError(
            f"{text!r} is not an ORCID iD",
            [Problem("an ORCID iD is 16 characters in four groups: 0000-0002-1825-0097")],
        )
    groups = [g.upper() for g in match.groups()]
    digits = "".join(groups)
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    expected = "X" if result == 10 else str(result)
    if digits[-1] != expected:
        raise UserError(
            f"{text!r} is not a valid ORCID iD: its check digit is {digits[-1]}, "
            f"but the other digits give {expected}",
            [Problem("copy the iD again from the ORCID record; a digit is probably mistyped")],
        )
    return "-".join(groups)
