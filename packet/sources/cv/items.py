"""Publications, talks, awards, grants, service and meetings of a CV -> item fields."""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import BOLD_ON, plain
from packet.sources.cv.common import (
    Entry, entries, first_emphasis, is_org, italic_or_quoted, last_date, parts, set_dates, tidy,
)  # fmt: skip
from packet.sources.cv.sections import Section
from packet.sources.dates import find_amount
from packet.sources.refnames import EQUAL_MARKS
from packet.sources.refparse import notes_fields, parse_reference

Found = tuple[dict[str, Any], list[str], int]  # (fields, uncertain, line)

_NUMBERED_RE = re.compile(r"(?:^|\s)(\[\d{1,3}\])\s+")
_LEGEND_RE = re.compile(r"([*†‡§¶#]+)\s*(?:denotes|indicates|=|:|marks)\s*([^.]*)", re.I)
_EQUAL_WORDS = re.compile(r"equal|co-?first|joint", re.I)
_EVENT_WORDS = re.compile(
    r"\b(?:workshop|conference|seminar|meeting|symposium|school|colloquium|congress|summit|series|"
    r"forum|lecture|session|day|days|retreat|convention)s?\b",
    re.I,
)
_VENUE_KIND = [
    (r"\bworkshop\b", "workshop"),
    (r"arxiv|preprint|biorxiv|medrxiv|ssrn|working paper", "preprint"),
    (r"national academy|\bpnas\b", "journal"),
    (r"proceedings|conference|symposium|\bproc\b|neurips|icml|iclr|cvpr|iccv|eccv|aaai|ijcai|acl\b|emnlp", "conference"),
    (r"journal|review|letters|transactions|annals|quarterly|bulletin|magazine|nature|science|pnas", "journal"),
]


def _legend_marks(section: Section) -> str:
    """Which marks mean equal contribution here: a legend says so, else * † ‡."""
    marks = EQUAL_MARKS
    for block in section.blocks:
        for mark, meaning in _LEGEND_RE.findall(plain(block.text)):
            if not _EQUAL_WORDS.search(meaning):
                marks = "".join(c for c in marks if c not in mark)
    return marks


def _split_numbered(entry: Entry) -> list[Entry]:
    """'... profiles. [1] A ... [2] B ...' in one paragraph -> one entry per number."""
    first = entry.text.split("\n")[0]
    cuts = [m.start(1) for m in _NUMBERED_RE.finditer(first)]
    if not cuts or (len(cuts) == 1 and cuts[0] == 0):
        return [entry]
    pieces = [first[a:b] for a, b in zip([0, *cuts], [*cuts, len(first)])]
    rest = entry.text[len(first) :]
    out = [Entry(p.strip(), entry.line, entry.context, kind="text") for p in pieces if plain(p)]
    if out and rest:
        out[-1].text += rest
    return out


def publications(section: Section) -> list[Found]:
    marks = _legend_marks(section)
    found: list[Found] = []
    numbered = False
    context: dict[str, Any] = {}
    for entry in [e for raw in entries(section) for e in _split_numbered(raw)]:
        raw_lines = [piece for ln in entry.text.split("\n") for piece in re.split(f"(?<=\\.)\\s+(?={BOLD_ON})", ln)]
        lines = [plain(ln) for ln in raw_lines if plain(ln)]  # "... Deep Learning. **Oral**.": two notes
        head = lines[0]
        if re.fullmatch(r"\d+", head):
            continue  # the widest-label argument of thebibliography
        is_numbered = bool(re.match(r"^\s*(?:\[\d+\]|\(\d+\)|\d{1,3}\.)\s", head))
        numbered = numbered or is_numbered
        if _LEGEND_RE.search(head) and len(head) < 200 and not is_numbered:
            continue
        ref = parse_reference(head, marks=marks)
        looks_like_ref = "authors" in ref.fields and "year" in ref.fields
        same_group = entry.context == context
        context = entry.context
        continues = (numbered and not is_numbered and entry.kind == "text") or (
            not looks_like_ref and "year" not in ref.fields
        )
        if found and same_group and continues and len(head) < 400:
            notes_fields(lines, found[-1][0])  # a line under the reference above: its note
            continue
        if not looks_like_ref and not found and ("authors" in ref.uncertain and "title" not in ref.fields):
            continue  # "See also my Google Scholar profile."
        fields, uncertain = ref.fields, list(ref.uncertain)
        notes_fields(lines[1:], fields)
        kind = entry.context.get("kind") or section.attrs.get("kind")
        if not kind:
            venue = f"{fields.get('venue', '')} {fields.get('venue_short', '')}".lower()
            kind = next((k for p, k in _VENUE_KIND if re.search(p, venue)), None)
        if kind:
            fields["kind"] = kind
        else:
            uncertain.append("kind")
        found.append((fields, uncertain, entry.line))
    return found


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
        titled = italic_or_quoted(text)
        if titled:
            fields["title"], rest = titled
        else:
            rest = plain(text)
            uncertain.append("title")
        span, rest = last_date(rest)
        uncertain += set_dates(fields, span)
        if re.search(r"\(?\binvited\b\)?", rest, re.I) and "kind" not in fields:
            fields["kind"] = "invited"
            uncertain.remove("kind")
        rest = re.sub(r"\((?:invited|forthcoming|virtual|online)\)|\bforthcoming\b", "", rest, flags=re.I)
        bits = parts(tidy(rest))
        if bits and len(bits) > 1 and len(bits[-1].split()) <= 3 and not _EVENT_WORDS.search(bits[-1]) and not is_org(bits[-1]):
            fields["location"] = bits.pop()
        hosts = [b for b in bits if is_org(b) and not _EVENT_WORDS.search(b)]
        if bits and not hosts and not _EVENT_WORDS.search(bits[0]):
            hosts = [bits[0]]
        if hosts:
            fields["host"] = hosts[0]
            bits.remove(hosts[0])
        if bits:
            fields["event"] = ", ".join(bits)
        found.append((fields, uncertain, entry.line))
    return found


def _amount(fields: dict[str, Any], text: str) -> str:
    amount = find_amount(text)
    if amount is None:
        return text
    fields["amount"], fields["currency"] = amount.amount, amount.currency
    return text[: amount.span[0]] + text[amount.span[1] :]


_AWARD_KINDS = [("scholarship", "scholarship"), ("fellowship", "fellowship"), ("prize", "prize"),
                ("award", "award"), ("honou?r", "honor"), ("distinction", "distinction")]  # fmt: skip


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
        described = re.search(r"\(([^)]{3,})\)", rest)
        if described:
            fields["description"] = described.group(1).strip()[:1].upper() + described.group(1).strip()[1:] + "."
            rest = rest[: described.start()] + rest[described.end() :]
        bits = parts(tidy(rest))
        if bold:
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


_FUNDER_RE = re.compile(r"foundation|council|agency|\bnsf\b|\bnih\b|\berc\b|snsf|\bsnf\b|\bdfg\b|fund|ministry|"
                        r"commission|trust|program|office|institutes? of|national|european|horizon", re.I)  # fmt: skip
_ROLE_RE = re.compile(r"\b(?:role:\s*)?(co-?pi|pi|principal investigator|co-?investigator|co-?i|lead applicant|"
                      r"co-applicant|applicant|participant|collaborator)\b", re.I)  # fmt: skip


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
            fields["funder"] = funder
            bits.remove(funder)
        else:
            uncertain.append("funder")
        if bits:
            fields["description"] = ", ".join(bits)
        found.append((fields, uncertain, entry.line))
    return found


_SERVICE_KINDS = [(r"review|referee", "referee"), (r"committee|panel|board", "committee"),
                  (r"organi[sz]|chair", "organizer"), (r"editor", "editorial"), (r"evaluat", "evaluator")]  # fmt: skip


def service(section: Section) -> list[Found]:
    found: list[Found] = []
    for entry in entries(section):
        fields: dict[str, Any] = {}
        text = entry.text.split("\n")[0]
        italic = [m for m in re.finditer("\ue002(.*?)\ue003", text)]
        distinctions = [plain(m.group(1)).strip(" .") for m in italic if re.search(r"review|award|top|outstanding|notable|best", m.group(1), re.I)]
        for m in reversed(italic):
            if plain(m.group(1)).strip(" .") in distinctions:
                text = text[: m.start()] + text[m.end() :]
        if distinctions:
            fields["distinctions"] = distinctions
        rest = plain(text)
        span, rest = last_date(rest)
        uncertain = set_dates(fields, span, single="date") if span else []
        rest = tidy(re.sub(r"\(\s*a\.\s*y\.\s*\)|\ba\.\s*y\.", "", rest))
        role = re.match(r"^(reviewer|referee|member|chair|co-chair|organi[sz]er|editor|associate editor)\s+(?:for|of|at)\s+", rest, re.I)
        bits = parts(rest)
        if role:
            fields["role"] = role.group(1).capitalize()
            rest = rest[role.end() :]
        elif len(bits) > 1 and re.search(r"(?i)(?:member|chair|reviewer|referee|editor|organi[sz]er|evaluator)$", bits[0]):
            fields["role"] = bits[0]  # "Program Committee Member, African Ecology Congress"
            rest = ", ".join(bits[1:])
        fields["organization"] = rest.strip(" .")
        kind = entry.context.get("kind") or section.attrs.get("kind")
        kind = kind or next((k for p, k in _SERVICE_KINDS if re.search(p, plain(entry.text), re.I)), None)
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
        bits = parts(tidy(rest))
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
