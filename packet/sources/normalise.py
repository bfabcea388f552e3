"""The one normalisation step: a reader's `Candidate` -> an item in the profile model's form.

Text is cleaned from its markup, names become "Family, Given", dates PartialDate
strings, identifiers their bare form. The result is checked against the section's
model: a field the model rejects is left out and listed as uncertain (never
repaired by guessing); an item missing what the model requires is skipped with why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from packet.model.dates import MONTHS, PartialDate
from packet.model.profile import SECTIONS, Profile
from packet.sources.candidate import Candidate
from packet.sources.clean import clean_text
from packet.sources.names import NameBook, normalise_authors

LIST_FIELDS = {
    "notes",
    "tags",
    "advisors",
    "details",
    "terms",
    "distinctions",
    "topics",
    "items",
    "address",
}
_VERBATIM = {"doi", "arxiv", "url", "email", "orcid", "website", "phone", "code", "currency"}
_DATE_FIELDS = {"date", "start", "end"}
_PRESENT = {"present", "current", "now", "ongoing", "today"}
# Month names and their usual abbreviations: "July", "Jul", "Sept", "Sep".
_MONTH_WORDS = {m.casefold(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_WORDS |= {m[:3].casefold(): i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ARXIV = re.compile(r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?", re.I)
_STATUS = {"in press": "to appear", "forthcoming": "to appear", "under review": "submitted"}
# Required literal fields with a neutral value to fall back on (listed as uncertain).
_FALLBACK = {
    "talks": {"kind": "contributed"},
    "service": {"kind": "other"},
    "mentoring": {"level": "other"},
}


@dataclass
class Normalised:
    """One candidate in profile form (no id yet), or the reason it could not be."""

    section: str
    item: dict[str, Any]
    origin: str
    uncertain: list[str] = field(default_factory=list)
    skipped: str | None = None
    # Too little to be an item of its own (an arXiv listing gives no title or authors), yet
    # enough to complete one that another source names: it is matched by identifier or
    # abstract only, after every full candidate, so the order of the sources does not matter.
    fill_only: bool = False
    equal_first: int | None = None  # "the first N authors contributed equally"
    # Author as in item["authors"] -> the affiliation the source printed with them.
    affiliations: dict[str, str] = field(default_factory=dict)


@cache
def item_model(section: str) -> type[BaseModel]:
    annotation = Profile.model_fields[section].annotation
    model: type[BaseModel] = get_args(annotation)[0]
    return model


def parse_date(value: Any, allow_present: bool = False) -> str | None:
    """A date as sources write it -> '2024', '2024-07' or '2024-07-15'; None if unclear."""
    if value is None:
        return None
    text = " ".join(str(value).split()).strip(" .")
    if allow_present and text.casefold() in _PRESENT:
        return "present"
    try:
        return str(PartialDate.parse(value if isinstance(value, int) else text[:10]))
    except ValueError:
        pass
    match = _MONTH_YEAR.match(text)
    if match and (month := _MONTH_WORDS.get(match.group(2).casefold())):
        day = match.group(1)
        try:
            return str(
                PartialDate.parse(
                    f"{match.group(3)}-{month:02d}" + (f"-{int(day):02d}" if day else "")
                )
            )
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        parts = [int(p) for p in text.split("-")]
        return parse_date("-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]))
    return None


def bare_doi(value: Any) -> str | None:
    match = _DOI.search(str(value))
    return match.group(0).rstrip(".,;") if match else None


def bare_arxiv(value: Any) -> str | None:
    match = _ARXIV.search(str(value))
    return match.group(1) if match else None


def _amount(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = re.sub(r"[\s,'’_]", "", str(value))
    try:
        return float(text)
    except ValueError:
        return None


def _value(name: str, raw: Any, markup: Any) -> Any:
    """One field's raw value -> its profile form (None when it cannot be read)."""
    if raw is None or raw == "" or raw == []:
        return None
    if name in LIST_FIELDS:
        values = raw if isinstance(raw, list) else [raw]
        cleaned = [clean_text(str(v), markup) for v in values if v is not None]
        return [c for c in cleaned if c] or None
    if name in _DATE_FIELDS:
        return parse_date(raw, allow_present=name == "end")
    if name == "doi":
        return bare_doi(raw)
    if name == "arxiv":
        return bare_arxiv(raw)
    if name == "year":
        match = re.search(r"\b(1[89]\d\d|20\d\d|2100)\b", str(raw))
        return int(match.group(1)) if match else None
    if name == "amount":
        return _amount(raw)
    if name == "invited":
        return raw if isinstance(raw, bool) else None
    if name in _VERBATIM:
        text = " ".join(str(raw).split())
        return text.upper() if name == "currency" else text
    text = clean_text(str(raw), "plain" if markup == "literal" else markup)
    if name == "status":
        text = _STATUS.get(text.casefold(), text.casefold())
    elif name == "kind" or (name == "level" and markup == "literal"):
        text = text.casefold()
    return text or None


def normalise(candidate: Candidate, book: NameBook | None = None) -> Normalised:
    """A candidate -> an item dict the section's model accepts (apart from its id)."""
    section = candidate.section
    result = Normalised(section, {}, candidate.origin, list(candidate.uncertain))
    if section not in SECTIONS:
        result.skipped = f"packet has no section '{section}'"
        return result
    model = item_model(section)
    item = result.item
    fields = candidate.fields
    first = fields.get("equal_contribution_first", fields.get("equal_contribution"))
    if isinstance(first, int) and not isinstance(first, bool) and first > 1:
        result.equal_first = first
    for name, raw in fields.items():
        if name in {"authors", "equal_contribution", "equal_contribution_first", "id"}:
            continue
        if name not in model.model_fields:
            result.uncertain.append(f"{name}: not a field of {section}, left out")
            continue
        # A mentoring level is one of the model's words; a language level is free text.
        literal = name == "level" and section == "mentoring"
        value = _value(name, raw, "literal" if literal else candidate.markup)
        if value is None:
            if raw not in (None, "", []):
                result.uncertain.append(f"{name}: could not read {str(raw)[:40]!r}")
            continue
        item[name] = value
    if "authors" in model.model_fields and fields.get("authors"):
        raw_authors = [clean_text(str(a), candidate.markup) for a in fields["authors"]]
        equal = fields.get("equal_contribution")
        if result.equal_first is not None:
            equal = fields["authors"][: result.equal_first]
        if isinstance(equal, list):
            equal = [clean_text(str(e), candidate.markup) for e in equal]
        authors, marked = normalise_authors(raw_authors, equal, book)
        if authors:
            item["authors"] = authors
        if candidate.affiliations and len(authors) == len(fields["authors"]):
            result.affiliations = {
                name: clean_text(candidate.affiliations[str(raw)], candidate.markup)
                for name, raw in zip(authors, fields["authors"], strict=True)
                if str(raw) in candidate.affiliations
            }
        if marked:
            item["equal_contribution"] = marked
    if section == "publications":
        _publication(item, result)
        write_out_venue(item)
    for name, value in _FALLBACK.get(section, {}).items():
        if name not in item:
            item[name] = value
            result.uncertain.append(f"{name}: not stated, set to '{value}'")
    if section == "publications" and not item.get("title") and (
            item.get("arxiv") or item.get("doi")) and (item.get("abstract") or item.get("arxiv")):
        result.fill_only = True
        return result
    _fit(model, result)
    return result


def _publication(item: dict[str, Any], result: Normalised) -> None:
    if "year" not in item and "date" in item:
        item["year"] = int(str(item["date"])[:4])
    if "date" in item and "year" in item and int(str(item["date"])[:4]) != item["year"]:
        result.uncertain.append(f"date: {item.pop('date')} is not in year {item['year']}")
    if "kind" not in item:
        if item.get("arxiv") and not item.get("venue"):
            item["kind"] = "preprint"
        else:
            item["kind"] = "journal" if item.get("venue") else "preprint"
            result.uncertain.append(f"kind: not stated, set to '{item['kind']}'")


def _fit(model: type[BaseModel], result: Normalised) -> None:
    """Leave out each field the model rejects; skip the item if a required one is missing."""
    item = result.item
    for _ in range(len(item) + 1):
        try:
            model.model_validate({"id": "candidate", **item})
            return
        except ValidationError as err:
            errors = err.errors()
        bad = {str(e["loc"][0]) for e in errors if e["loc"]}
        # A check across fields ("amount needs a currency") names the field it is about.
        for err_item in errors:
            if not err_item["loc"]:
                message = str(err_item["msg"])
                bad |= {n for n in item if re.search(rf"\b{n}\b", message)}
                if "before it starts" in message:
                    bad.add("end")
        droppable = {
            name for name in bad if name in item and not model.model_fields[name].is_required()
        }
        if not droppable:
            missing = ", ".join(sorted(bad)) or "the item"
            reason = errors[0]["msg"]
            result.skipped = f"{missing}: {reason}"
            return
        for name in sorted(droppable):
            result.uncertain.append(f"{name}: {item.pop(name)!r} rejected ({_why(errors, name)})")
    result.skipped = "the item does not fit the profile model"


def _why(errors: list[Any], name: str) -> str:
    for err in errors:
        if (err["loc"] and err["loc"][0] == name) or (not err["loc"] and name in err["msg"]):
            return str(err["msg"]).removeprefix("Value error, ")
    return "invalid"


_ACRONYM_VENUE = re.compile(r"^(?P<short>[A-Za-z]+)(?: Conference| \d{4})?$")


def add_venue_names(item: dict[str, Any]) -> None:
    """The acronym of a venue written out ("Physical Review X" -> PRX): only names packet
    knows for certain (`venue_names`), and only on a new item (the acronym is packet's, not
    a source's)."""
    from packet.sources.venue_names import FULL_NAMES

    venue = str(item.get("venue") or "").strip()
    short = FULL_NAMES.get(venue.casefold().rstrip(".")) if venue else None
    if short and not item.get("venue_short"):
        item["venue_short"] = short


def write_out_venue(item: dict[str, Any]) -> None:
    """A venue given by its acronym alone ("NeurIPS Conference") is the venue's usual
    written-out name, with the acronym as its short name: the source said both."""
    from packet.sources.venue_names import CANONICAL, WRITTEN_OUT

    alone = _ACRONYM_VENUE.match(str(item.get("venue") or "").strip())
    if alone and (name := CANONICAL.get(alone["short"])):
        item.setdefault("venue_short", name)
        if name in WRITTEN_OUT:
            item["venue"] = WRITTEN_OUT[name]
