"""Publications, talks, awards, grants, service and meetings of a CV -> item fields."""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.apa_talks import read_apa_talk
from packet.sources.cv.blocks import emphasised, plain
from packet.sources.cv.common import (
    entries,
    first_emphasis,
    is_org,
    italic_or_quoted,
    last_date,
    parts,
    set_dates,
    tidy,
)
from packet.sources.cv.sections import Section
from packet.sources.dates import find_amount

Found = tuple[dict[str, Any], list[str], int]  # (fields, uncertain, line)

_EVENT_WORDS = re.compile(
    r"\b(?:workshop|conference|seminar|meeting|symposium|school|colloquium|congress|summit|series|"
    r"forum|lecture|session|day|days|retreat|convention)s?\b",
    re.I,
)


_SOCIETY_EVENT = re.compile(
    r"^(?P<host>(?:[A-Z][\w&.'-]*\s+){1,5}(?:Society|Association|Union|Federation|Academy)"
    r"(?:\s+(?:of|for)(?:\s+(?:the\s+)?[A-Z][\w'-]*)+?)?)\s+(?P<event>[A-Z].*)$"
)


def talks(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        fields: dict[str, Any] = {}
        uncertain: list[str] = []
        kind = entry.context.get("kind") or section.attrs.get("kind")
        if kind:
            fields["kind"] = kind
        else:
            uncertain.append("kind")
        text = entry.text.split("\n")[0]
        apa = read_apa_talk(" ".join(entry.text.split()), entry.context.get("year"))
        if apa is not None:
            apa = {**fields, **apa}
            if "kind" not in apa and (stated := _kind_stated(apa)):
                apa["kind"] = stated
            if "kind" in apa:
                uncertain = [u for u in uncertain if u != "kind"]
            found.append((apa, uncertain, entry.line))
            continue
        titled = italic_or_quoted(text)
        if titled:
            fields["title"], rest = titled
        else:
            rest = plain(text)
            uncertain.append("title")
        span, rest = last_date(rest)
        uncertain += set_dates(fields, span)
        if "start" in fields:  # a talk at a meeting of several days: the day it starts
            fields["date"] = fields.pop("start")
            fields.pop("end")
        rest = re.sub(
            r"\((?:with|joint with|session chair|chair|panelist|co-presented)[^)]*\)",
            "",
            rest,
            flags=re.I,
        )
        if re.search(r"\(?\binvited\b\)?", rest, re.I) and "kind" not in fields:
            fields["kind"] = "invited"
            uncertain.remove("kind")
        rest = re.sub(
            r"\((?:invited|forthcoming|virtual|online)\)|\bforthcoming\b", "", rest, flags=re.I
        )
        bits = _join_state(parts(tidy(rest)))
        if (
            bits
            and len(bits) > 1
            and len(bits[-1].split()) <= 3
            and not _EVENT_WORDS.search(bits[-1])
            and not is_org(bits[-1])
        ):
            fields["location"] = bits.pop()
        hosts = [b for b in bits if is_org(b) and not _EVENT_WORDS.search(b)]
        society = _SOCIETY_EVENT.match(bits[0]) if bits and not hosts else None
        if society and _EVENT_WORDS.search(society.group("event")):
            # "American Physical Society March Meeting": the society hosts its own meeting
            bits[0] = society.group("event")
            hosts = [society.group("host")]
            bits.insert(0, hosts[0])
        if bits and not hosts and not _EVENT_WORDS.search(bits[0]):
            hosts = [bits[0]]
        if hosts:
            fields["host"] = hosts[0]
            bits.remove(hosts[0])
        if bits:
            fields["event"] = ", ".join(bits)
        if "kind" not in fields and (kind := _kind_stated(fields)):
            fields["kind"] = kind  # still listed for review: the heading did not say
        found.append((fields, uncertain, entry.line))
    return found


_SEMINAR = re.compile(r"\b(?:seminars?|colloqui(?:um|a)|lecture series)\b", re.I)


def _kind_stated(fields: dict[str, Any]) -> str | None:
    """A talk's kind where the entry itself says it: a seminar series names itself, and a
    talk to an institution with no meeting named is a seminar there. Anything else (a
    conference, a workshop) could be invited or contributed: not said, so not set."""
    event = str(fields.get("event", ""))
    if _SEMINAR.search(event):
        return "seminar"
    if fields.get("host") and not event:
        return "seminar"
    return None


_REGIONS = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
    "Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
    "Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
    "New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
    "South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
    "Wisconsin|Wyoming|Ontario|Quebec|British Columbia|England|Scotland|Wales|"
    "Germany|France|Italy|Spain|Canada|Japan|China|India|Switzerland|Netherlands|Belgium|Austria|"
    "Sweden|Norway|Denmark|Finland|Poland|Portugal|Greece|Ireland|Israel|Australia|Brazil|Mexico"
)
_REGION_RE = re.compile(rf"[A-Z]{{2}}|USA|UK|U\.S\.A?\.?|{_REGIONS}")


def _join_state(bits: list[str]) -> list[str]:
    """'Portland', 'OR' -> 'Portland, OR': a state or a country stays with its city."""
    if len(bits) >= 2 and _REGION_RE.fullmatch(bits[-1]) and len(bits[-2].split()) <= 3:
        return [*bits[:-2], f"{bits[-2]}, {bits[-1]}"]
    return bits


def _amount(fields: dict[str, Any], text: str) -> str:
    amount = find_amount(text)
    if amount is None:
        return text
    fields["amount"], fields["currency"] = amount.amount, amount.currency
    return text[: amount.span[0]] + text[amount.span[1] :]


_AWARD_KINDS = [
    ("scholarship", "scholarship"),
    ("fellowship", "fellowship"),
    ("prize", "prize"),
    ("award", "award"),
    ("honou?r", "honor"),
    ("distinction", "distinction"),
]


# A parenthesis that says something about the award ("(among 8,000 applicants)", "(one of
# three)", "(awarded to ...)") is its description; one that names ("(ARNOVA)", "(Public
# Knowledge Project)", "(finalist: ...)") is part of the award's or issuer's name.
_DESCRIBES = re.compile(
    r"\s*(?:among|out of|one of|awarded|given|granted|for|to|with|top|selected|ranked|from|"
    r"in recognition|as|shared|jointly|declined|\d)",
    re.I,
)


def _italic_issuer(text: str) -> tuple[str, str] | None:
    """(name, issuer) of "Name: *Issuer*" or "Name, *Issuer*, 2024", the italic part last."""
    spans = [s for s in emphasised(text) if s[0] == "i"]
    if not spans:
        return None
    _, issuer, start, end = spans[-1]
    after, before = plain(text[end:]), plain(text[:start])
    if last_date(after)[1].strip(" .,;:()") or not re.search(r"[:,]\s*$", before):
        return None
    name = before.strip(" :,")
    return (name, issuer.strip(" .,")) if name else None


def awards(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        fields: dict[str, Any] = {}
        text = entry.text.split("\n")[0]
        bold = first_emphasis(text)
        rest = bold[1] if bold else plain(text)
        rest = _amount(fields, rest)
        span, rest = last_date(rest)
        uncertain = set_dates(fields, span)
        if "start" in fields:  # "2019-2021": awarded in its first year
            fields["date"] = fields.pop("start")
            fields.pop("end")
        described = next(
            (m for m in re.finditer(r"\(([^)]{3,})\)", rest) if _DESCRIBES.match(m.group(1))),
            None,
        )
        if described:
            fields["description"] = (
                described.group(1).strip()[:1].upper() + described.group(1).strip()[1:] + "."
            )
            rest = rest[: described.start()] + rest[described.end() :]
        bits = parts(tidy(rest))
        named = None if bold else _italic_issuer(text)
        if named and described is None:
            # "Impact Award (finalist: PKP): *Association of ... Publishers*": the name up to
            # the colon, whatever commas or brackets it holds; the italic part gives it
            fields["title"], fields["issuer"] = named
            bits = []
        elif bold:
            fields["title"] = bold[0].strip(" ,.")
        elif bits:
            fields["title"] = bits.pop(0)
        if bits:
            fields["issuer"] = ", ".join(bits)
        title = fields.get("title", "").lower()
        kind = next((k for p, k in _AWARD_KINDS if re.search(p, title)), None)
        if kind:
            fields["kind"] = kind
        if "title" in fields:
            found.append((fields, uncertain, entry.line))
    return found


_FUNDER_RE = re.compile(
    r"foundation|council|agency|\bnsf\b|\bnih\b|\berc\b|snsf|\bsnf\b|\bdfg\b|fund|ministry|"
    r"commission|trust|program|office|institutes? of|national|european|horizon",
    re.I,
)
_ROLE_RE = re.compile(
    r"\b(?:role:\s*)?(co-principal investigator|co-?pi|pi|principal investigator|co-?investigator"
    r"|co-?i|lead applicant|"
    r"co-applicant|applicant|participant|collaborator)\b",
    re.I,
)


def grants(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        fields: dict[str, Any] = {}
        text = entry.text.replace("\n", ", ")
        titled = italic_or_quoted(text) or first_emphasis(text)
        rest = titled[1] if titled else plain(text)
        rest = _amount(fields, rest)
        span, rest = last_date(rest)
        uncertain = set_dates(fields, span, single="start")
        role = _ROLE_RE.search(rest)
        if role:
            fields["role"] = role.group(1)
            rest = rest[: role.start()] + rest[role.end() :]
        bits = parts(tidy(rest))
        if titled:
            fields["title"] = titled[0]
        elif bits:
            fields["title"] = bits.pop(0)
        funder = next((b for b in bits if _FUNDER_RE.search(b)), bits[0] if bits else None)
        if funder:
            bits.remove(funder)
            number = re.search(
                r"\s+(?:grant|award|contract)\b\s*(?:no\.?\s*)?[A-Z]*\s*#?\s*[\w/-]*\d[\w/-]*",
                funder,
                re.I,
            )
            if (
                number
            ):  # "National Science Foundation Grant SBR #0648320": the number is not the funder
                bits.insert(0, number.group(0).strip())
                funder = funder[: number.start()]
            fields["funder"] = funder.strip(" .")
        else:
            uncertain.append("funder")
        if bits:
            fields["description"] = ", ".join(bits)
        found.append((fields, uncertain, entry.line))
    return found


_SERVICE_KINDS = [
    (r"review|referee", "referee"),
    (r"committee|panel|board", "committee"),
    (r"organi[sz]|chair", "organizer"),
    (r"editor", "editorial"),
    (r"evaluat", "evaluator"),
]


_ROLE_NOUNS = (
    r"reviewer|referee|member|chair|co-chair|vice-chair|organi[sz]er|co-organi[sz]er|editor|"
    r"associate editor|guest editor|evaluator|assessor|panelist|secretary|treasurer"
)
_ROLE_KINDS = [
    (r"review|referee", "referee"),
    (r"evaluat|assess", "evaluator"),
    (r"editor", "editorial"),
    (r"organi[sz]|chair", "organizer"),
    (r"member|panel|secretary|treasurer", "committee"),
]
# "ELLIS (European Lab ...) PhD Recruiting Committee": the body after the organisation's
# name (after its spelled-out parenthesis) is the committee the person sat on.
_BODY_AFTER_ORG = re.compile(
    r"^(?P<org>.+?\))\s+(?P<body>(?:[A-Z][\w&.'-]*\s+){0,5}"
    r"(?:Committee|Panel|Board|Council|Jury|Commission))$"
)


def _heading_role(section: Section) -> str | None:
    """A section headed "Referee" or "Reviewing" says what the person was for each entry."""
    heading = plain(section.heading).strip(" :").lower()
    if re.fullmatch(r"referee(?:ing)?|refereeing activit(?:y|ies)", heading):
        return "Referee"
    if re.fullmatch(r"review(?:er|ing)(?: activit(?:y|ies))?|reviewer service", heading):
        return "Reviewer"
    return None


def service(section: Section) -> list[Found]:
    found: list[Found] = []
    stated_role = _heading_role(section)
    for entry in entries(section):
        fields: dict[str, Any] = {}
        text = entry.text.split("\n")[0]
        italic = [m for m in re.finditer("\ue002(.*?)\ue003", text)]
        distinctions = [
            plain(m.group(1)).strip(" .")
            for m in italic
            if re.search(r"review|award|top|outstanding|notable|best", m.group(1), re.I)
        ]
        for m in reversed(italic):
            if plain(m.group(1)).strip(" .") in distinctions:
                text = text[: m.start()] + text[m.end() :]
        if distinctions:
            fields["distinctions"] = distinctions
        rest = plain(text)
        academic = re.search(r"\ba\.\s*y\.\s*((?:19|20)\d\d\s*[-–/]\s*\d{2,4})", rest)
        span, rest = last_date(rest)
        uncertain = set_dates(fields, span, single="date") if span else []
        if academic:
            year = re.sub(r"\s+", "", academic.group(1))
            fields["details"] = [f"Academic year {year}"]
        rest = tidy(re.sub(r"\(\s*a\.\s*y\.\s*\)|\ba\.\s*y\.", "", rest))
        role = re.match(rf"^({_ROLE_NOUNS})\s+(?:for|of|at)\s+", rest, re.I)
        bits = parts(rest)
        if role:
            fields["role"] = role.group(1).capitalize()
            rest = rest[role.end() :]
        elif len(bits) > 1 and re.search(rf"(?i)(?:{_ROLE_NOUNS})$", bits[0]):
            fields["role"] = bits[0]  # "Program Committee Member, African Ecology Congress"
            rest = ", ".join(bits[1:])
        elif len(bits) > 1 and re.fullmatch(rf"(?i)(?:{_ROLE_NOUNS})", bits[-1]):
            fields["role"] = bits[-1]  # "NSF Review Panel, Member"
            rest = ", ".join(bits[:-1])
            if body := _BODY_AFTER_ORG.match(rest):
                fields["role"] = f"{fields['role']}, {body.group('body')}"
                rest = body.group("org")
        elif stated_role:
            fields["role"] = stated_role
        fields["organization"] = rest.strip(" .")
        kind = entry.context.get("kind") or section.attrs.get("kind")
        if not kind and fields.get("role"):
            kind = next((k for p, k in _ROLE_KINDS if re.search(p, fields["role"], re.I)), None)
        kind = kind or next(
            (k for p, k in _SERVICE_KINDS if re.search(p, plain(entry.text), re.I)), None
        )
        fields["kind"] = kind or "other"
        if fields["organization"]:
            found.append((fields, uncertain, entry.line))
    return found


def meetings(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        fields: dict[str, Any] = {}
        rest = plain(entry.text.split("\n")[0])
        if re.search(r"\(\s*invited\s*\)", rest, re.I):
            fields["invited"] = True
            rest = re.sub(r"\(\s*invited\s*\)", "", rest, flags=re.I)
        span, rest = last_date(rest)
        uncertain = set_dates(fields, span)
        if "start" in fields:
            fields["date"] = fields.pop("start")
            fields.pop("end")
        bits = _join_state(parts(tidy(rest)))
        if not bits:
            continue
        fields["title"] = bits.pop(0)
        if bits and len(bits[-1].split()) <= 3:
            fields["location"] = bits.pop()
        if bits:
            fields["organizer"] = ", ".join(bits)
        kind = re.search(r"school|workshop|conference", fields["title"], re.I)
        if kind:
            fields["kind"] = kind.group(0).lower()
        found.append((fields, uncertain, entry.line))
    return found
