"""A call: what a funder or employer asks for, and the rules it must obey.

Rules change from year to year, so a call records when its rules were read
(`rules_read`) and how sure we are of each rule (`source`): the report shows
rules read from secondary or unconfirmed sources as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from packet.model.call_parts import (
    CallFact,
    Cycle,
    PartnerPages,
    PasteField,
    Source,
    SourceRead,
)
from packet.model.dates import PartialDate
from packet.model.profile import ItemId, SectionName, Strict, Text

CallId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=60)]
DocumentKind = Literal["document", "paste-sheet", "coa"]
__all__ = ["CallFact", "Cycle", "PartnerPages", "PasteField", "Source", "SourceRead"]

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$")
_PER_POINT = {"pt": 1.0, "in": 72.0, "cm": 72.0 / 2.54, "mm": 72.0 / 25.4}

@dataclass(frozen=True)
class Paper:
    name: str  # as people say it
    width: float  # points, portrait
    height: float


# The papers a call can ask for, by the name a call spec uses: the one table of them.
PAPERS: dict[str, Paper] = {
    "a4": Paper("A4", 595.28, 841.89),
    "us-letter": Paper("US Letter", 612.0, 792.0),
}


def length_pt(text: str) -> float:
    """'2cm' -> 56.69: lengths in specs are written the way funders write them."""
    match = _LENGTH.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a length: write e.g. 1in, 2cm, 15mm or 72pt")
    return float(match.group(1)) * _PER_POINT[match.group(2)]


Length = Annotated[str, StringConstraints(pattern=r"^\s*\d+(\.\d+)?\s*(mm|cm|in|pt)\s*$")]


class Margins(Strict):
    top: Length = "2.5cm"
    bottom: Length = "2.5cm"
    left: Length = "2.5cm"
    right: Length = "2.5cm"

    def points(self) -> dict[str, float]:
        return {side: length_pt(getattr(self, side)) for side in ("top", "bottom", "left", "right")}


class Format(Strict):
    paper: Literal["a4", "us-letter"] = "a4"
    font_size: float = Field(11.0, ge=6, le=16, description="Body text size in points.")
    min_font_size: float = Field(10.0, ge=6, le=16, description="Nothing may be smaller.")
    fonts: list[Text] = Field(
        default_factory=list, description="Font families the funder allows; empty means any."
    )
    margins: Margins = Field(default_factory=Margins)
    min_margin: Length | None = Field(None, description="No text may come closer to the edge.")
    page_numbers: bool = True
    header: bool = True
    footer: str | None = Field(
        None,
        description="Footer text; {page} and {pages} are replaced, "
        "e.g. 'Part B - Page {page} of {pages}'.",
    )
    font_minimums: dict[Text, float] = Field(
        default_factory=dict,
        description="Minimum size per font family where the funder sets different minima "
        "(NSF: Arial 10 pt, Times New Roman 11 pt); fonts not named use min_font_size.",
    )
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None

    # -- page furniture a call prescribes (documents, issue 11) -------------------
    header_text: str | None = Field(
        None,
        description="Running header the call prescribes, on every page instead of the name and "
        "title: {name}, {last_name}, {document}, {part}, {acronym}, {page}, {pages} are "
        "replaced, e.g. '{last_name} | {part} | {acronym}'.",
    )
    # -- end of the page-furniture block ---------------------------------------------

    @model_validator(mode="after")
    def _room_for_text(self) -> Format:
        """Margins that leave less than 2 inches of text in either direction are a mistake
        in the spec (50cm for 5cm, or points for millimetres), said in the spec's units."""
        paper, sides = PAPERS[self.paper], self.margins
        for first, second, size, what in (("left", "right", paper.width, "wide"),
                                          ("top", "bottom", paper.height, "tall")):
            a, b = getattr(sides, first), getattr(sides, second)
            if length_pt(a) + length_pt(b) > size - 144:
                raise ValueError(
                    f"margins {first} {a.strip()} and {second} {b.strip()} leave less than 2in "
                    f"of text on {paper.name} ({size / 72 * 2.54:.1f}cm {what}): check the units")
        return self

    @model_validator(mode="after")
    def _size_not_below_minimum(self) -> Format:
        if self.font_size < self.min_font_size:
            raise ValueError(
                f"font_size {self.font_size} is below min_font_size {self.min_font_size}"
            )
        return self


class SectionRule(Strict):
    """Which items of a profile section a document may show."""

    section: SectionName
    max_items: int | None = Field(None, ge=0)
    since: PartialDate | None = Field(None, description="Only items from this date on.")
    within_years: int | None = Field(
        None, ge=0, description="Only items from the last N years before the deadline."
    )
    kinds: list[Text] = Field(default_factory=list, description="Allowed kinds; empty means all.")
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None

    def limits(self) -> list[str]:
        """The rule in words: ['at most 10', 'since 2020', 'last 5 years', 'kinds journal']."""
        terms = []
        if self.max_items is not None:
            terms.append(f"at most {self.max_items}")
        if self.since is not None:
            terms.append(f"since {self.since}")
        if self.within_years is not None:
            terms.append(f"last {self.within_years} years")
        if self.kinds:
            terms.append("kinds " + ", ".join(self.kinds))
        return terms


class RequiredHeading(Strict):
    """A heading the funder's template prescribes, matched by any of the names it goes by."""

    title: Text = Field(description="The official title, e.g. 'Quality and Efficiency of the "
                        "Implementation'.")
    number: str | None = Field(None, description="Its number in the template, e.g. '3'.")
    short: list[Text] = Field(default_factory=list, description="Common short forms.")


class DocumentSpec(Strict):
    id: ItemId
    title: Text
    kind: DocumentKind = Field(
        "document",
        description="document: typeset from a template; paste-sheet: text for a portal's boxes "
        "(documents/<id>.txt and .md); coa: NSF's Collaborators and Other Affiliations "
        "spreadsheet (documents/<id>.xlsx).",
    )
    template: str = Field("", description="Template name; required for kind 'document'.")
    fields: list[PasteField] = Field(default_factory=list, description="A paste sheet's boxes.")
    partner_pages: PartnerPages | None = Field(
        None, description="A page limit that grows with the number of associated partners."
    )
    max_pages: int | None = Field(None, ge=1)
    min_pages: int | None = Field(None, ge=1)
    max_words: int | None = Field(None, ge=1)
    max_chars: int | None = Field(None, ge=1)
    sections: list[SectionRule] = Field(default_factory=list)
    required_headings: list[Text | RequiredHeading] = Field(default_factory=list)
    prompts: list[ItemId] = Field(
        default_factory=list, description="Ids of the call's prompts answered in this document."
    )
    statement: str | None = Field(
        None, description="Name of the applicant's text in statements/ (default: the document id)."
    )
    optional: bool = False
    references_in_limit: bool = Field(
        True, description="False: the reference list does not count toward max_pages (ERC B1)."
    )
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None
    # -- page furniture a call prescribes (documents, issue 11) -------------------
    part: str | None = Field(
        None, description="The document's part name for a prescribed header, e.g. 'Part B1'."
    )
    # -- end of the page-furniture block ---------------------------------------------

    @model_validator(mode="after")
    def _kind_has_its_parts(self) -> DocumentSpec:
        if self.kind == "document" and not self.template.strip():
            raise ValueError(f"document '{self.id}' needs a template")
        if self.kind == "paste-sheet" and not self.fields:
            raise ValueError(f"paste sheet '{self.id}' needs fields")
        if self.kind != "paste-sheet" and self.fields:
            raise ValueError(f"document '{self.id}' has fields but is not a paste-sheet")
        ids = [f.id for f in self.fields]
        if len(set(ids)) != len(ids):
            raise ValueError(f"paste sheet '{self.id}' has two fields with the same id")
        return self

    def rule_for(self, section: str) -> SectionRule | None:
        return next((r for r in self.sections if r.section == section), None)


class Prompt(Strict):
    id: ItemId
    question: Text
    heading: str | None = Field(None, description="Heading printed above the answer in a document.")
    help: str | None = None
    max_words: int | None = Field(None, ge=1)
    max_chars: int | None = Field(None, ge=1)
    required: bool = True
    multiline: bool = True
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None


class AttachmentSpec(Strict):
    id: ItemId
    title: Text
    required: bool = False
    certified: bool = Field(
        False,
        description="A certified PDF (SciENcv Common Forms): its bytes are kept exactly, "
        "copied to documents/<id>.pdf and embedded in the packet as a file.",
    )
    description: str | None = None
    max_pages: int | None = Field(None, ge=1)
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None


class FileRules(Strict):
    max_size_mb: float | None = Field(None, gt=0)
    max_filename_length: int | None = Field(None, ge=8)
    forbidden_chars: str = ""
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None


class Eligibility(Strict):
    min_years_since_phd: float | None = Field(None, ge=0)
    max_years_since_phd: float | None = Field(None, ge=0)
    note: str | None = None
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")


class CallSpec(Strict):
    id: CallId
    extends: CallId | None = Field(
        None,
        description="A call whose spec this one starts from; only the differences are written.",
    )
    name: Text
    funder: Text
    kind: Literal["fellowship", "grant", "job", "prize", "other"]
    url: str | None = None
    deadline: PartialDate | None = None
    rules_read: PartialDate = Field(description="When these rules were read from the funder.")
    sources: list[SourceRead] = Field(
        default_factory=list, description="The documents the rules were read from."
    )
    cycle: Cycle | None = Field(None, description="The round these rules were read for.")
    facts: list[CallFact] = Field(
        default_factory=list, description="Rules no document check tests (per-person limits)."
    )
    description: str = ""
    keywords: list[Text] = Field(default_factory=list)
    style: str = Field("apa", description="Default CSL citation style.")
    theme: str = "classic"
    format: Format = Field(default_factory=Format)
    documents: list[DocumentSpec] = Field(min_length=1)
    prompts: list[Prompt] = Field(default_factory=list)
    attachments: list[AttachmentSpec] = Field(default_factory=list)
    files: FileRules = Field(default_factory=FileRules)
    eligibility: Eligibility | None = None
    note: str | None = Field(
        None, description="What the spec could not encode, or why it has no url."
    )

    @field_validator("documents")
    @classmethod
    def _unique_documents(cls, docs: list[DocumentSpec]) -> list[DocumentSpec]:
        seen: set[str] = set()
        for doc in docs:
            if doc.id in seen:
                raise ValueError(f"two documents have the id '{doc.id}'")
            seen.add(doc.id)
        return docs

    @model_validator(mode="after")
    def _prompts_exist(self) -> CallSpec:
        known = {p.id for p in self.prompts}
        if len(known) != len(self.prompts):
            raise ValueError("two prompts share an id")
        for doc in self.documents:
            missing = [p for p in doc.prompts if p not in known]
            missing += [f.prompt for f in doc.fields if f.prompt and f.prompt not in known]
            if doc.partner_pages and doc.partner_pages.prompt not in known:
                missing.append(doc.partner_pages.prompt)
            if missing:
                raise ValueError(
                    f"document '{doc.id}' uses prompt '{missing[0]}', "
                    "which the call does not define"
                )
        return self

    def document(self, doc_id: str) -> DocumentSpec:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        known = ", ".join(d.id for d in self.documents)
        raise KeyError(f"call '{self.id}' has no document '{doc_id}' (it has: {known})")

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)
