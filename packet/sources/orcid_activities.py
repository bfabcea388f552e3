"""ORCID v3.0 affiliations and fundings: positions, education, awards, grants, service.

Each affiliation section of `activities-summary` is a list of `affiliation-group`s, each
holding `summaries` keyed by the section's singular name ("employment-summary"). A
summary has `role-title`, `department-name`, `start-date`/`end-date` (year, month, day,
each `{"value": ...}` or null) and an `organization` with a name and an address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from packet.sources.candidate import Candidate

# section of activities-summary -> (summary key, profile section, fixed fields)
AFFILIATIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "employments": ("employment-summary", "positions", {}),
    "invited-positions": ("invited-position-summary", "positions", {"kind": "visiting"}),
    "educations": ("education-summary", "education", {}),
    "qualifications": ("qualification-summary", "education", {}),
    "distinctions": ("distinction-summary", "awards", {}),
    "services": ("service-summary", "service", {"kind": "other"}),
}


def value(node: Any, *path: str) -> Any:
    """node[path[0]][path[1]]... where any level may be missing or null; a {"value": x} gives x."""
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    if isinstance(node, dict) and set(node) <= {"value", "transient"}:
        return node.get("value")
    return node


def fuzzy_date(node: Any) -> str | None:
    """ORCID's {year, month, day} as a PartialDate string: '2020', '2020-04', '2020-04-01'."""
    year = str(value(node, "year") or "")
    if not re.fullmatch(r"\d{4}", year):
        return None
    parts = [year]
    for key in ("month", "day"):
        part = str(value(node, key) or "")
        if not part.isdigit():
            break
        parts.append(f"{int(part):02d}")
    return "-".join(parts)


def affiliations(activities: dict[str, Any], origin: str) -> Iterator[Candidate]:
    for section_key, (summary_key, section, fixed) in AFFILIATIONS.items():
        groups = value(activities, section_key, "affiliation-group") or []
        for group in groups:
            for wrapped in value(group, "summaries") or []:
                summary = value(wrapped, summary_key)
                if isinstance(summary, dict):
                    yield _affiliation(summary, section, fixed, section_key, origin)


def _affiliation(
    summary: dict[str, Any], section: str, fixed: dict[str, Any], section_key: str, origin: str
) -> Candidate:
    role = value(summary, "role-title")
    org = value(summary, "organization", "name")
    department = value(summary, "department-name")
    start = fuzzy_date(value(summary, "start-date"))
    end = fuzzy_date(value(summary, "end-date"))
    fields: dict[str, Any] = dict(fixed)
    uncertain: list[str] = []
    if section == "positions":
        _put(fields, uncertain, "title", role)
        _put(fields, uncertain, "organization", org)
        if department:
            fields["department"] = department
        if location := _location(summary):
            fields["location"] = location
        # ORCID shows an employment with no end date as "to present".
        end = end or ("present" if section_key == "employments" and start else None)
    elif section == "education":
        _put(fields, uncertain, "degree", role)
        _put(fields, uncertain, "institution", org)
        if department:
            fields["details"] = [department]
        if location := _location(summary):
            fields["location"] = location
    elif section == "awards":
        _put(fields, uncertain, "title", role)
        if org:
            fields["issuer"] = org
        if start:
            fields["date"] = start
        start = end = None
    else:  # service
        if role:
            fields["role"] = role
        _put(fields, uncertain, "organization", org)
        if department:
            fields["details"] = [department]
    if start:
        fields["start"] = start
    if end:
        fields["end"] = end
    put_code = value(summary, "put-code")
    return Candidate(
        section, fields, origin=f"{origin} {section_key} {put_code}", uncertain=uncertain
    )


def fundings(activities: dict[str, Any], origin: str) -> Iterator[Candidate]:
    for group in value(activities, "fundings", "group") or []:
        summaries = value(group, "funding-summary") or []
        if not summaries:
            continue
        summary = summaries[0]  # one funding from several sources: they describe one grant
        fields: dict[str, Any] = {"status": "awarded"}
        uncertain: list[str] = []
        _put(fields, uncertain, "title", value(summary, "title", "title"))
        _put(fields, uncertain, "funder", value(summary, "organization", "name"))
        for key in ("start", "end"):
            date = fuzzy_date(value(summary, f"{key}-date"))
            if date:
                fields[key] = date
        numbers = [
            value(ext, "external-id-value")
            for ext in value(summary, "external-ids", "external-id") or []
            if value(ext, "external-id-type") == "grant_number"
        ]
        if numbers:
            fields["description"] = "Grant number " + ", ".join(str(n) for n in numbers)
        # The summary has no amount; the full funding record (/funding/{put-code}) does.
        uncertain.append("amount")
        put_code = value(summary, "put-code")
        yield Candidate(
            "grants", fields, origin=f"{origin} funding {put_code}", uncertain=uncertain
        )


def _location(summary: dict[str, Any]) -> str | None:
    address = value(summary, "organization", "address") or {}
    parts = [value(address, k) for k in ("city", "region", "country")]
    text = ", ".join(str(p) for p in parts if p)
    return text or None


def _put(fields: dict[str, Any], uncertain: list[str], key: str, raw: Any) -> None:
    if isinstance(raw, str) and raw.strip():
        fields[key] = raw.strip()
    else:
        uncertain.append(key)


def peer_reviews(activities: dict[str, Any], origin: str) -> Iterator[Candidate]:
    """One service item per venue reviewed for (an outer group), spanning its reviews' years.

    v3.0 nests them: `group[]` (one per review-group-id, i.e. per journal or conference)
    -> `peer-review-group[]` -> `peer-review-summary[]`, each with `reviewer-role`,
    `completion-date` and the `convening-organization`.
    """
    for group in value(activities, "peer-reviews", "group") or []:
        summaries = [
            summary
            for inner in value(group, "peer-review-group") or []
            for summary in value(inner, "peer-review-summary") or []
            if isinstance(summary, dict)
        ]
        if not summaries:
            continue
        fields: dict[str, Any] = {"kind": "referee"}
        uncertain: list[str] = []
        role = value(summaries[0], "reviewer-role")
        if isinstance(role, str) and role:
            fields["role"] = role.replace("-", " ").capitalize()
        _put(
            fields, uncertain, "organization", value(summaries[0], "convening-organization", "name")
        )
        dates = sorted(d for s in summaries if (d := fuzzy_date(value(s, "completion-date"))))
        if dates:
            fields["start"] = dates[0]
            if dates[-1] != dates[0]:
                fields["end"] = dates[-1]
        put_code = value(summaries[0], "put-code")
        yield Candidate(
            "service", fields, origin=f"{origin} peer-review {put_code}", uncertain=uncertain
        )
