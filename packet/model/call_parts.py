"""Parts of a call spec that say how current its rules are, and the portal forms it asks for.

A grants office trusts a rule only as far as its source: so a call lists the
documents its rules were read from (`sources`), the cycle those rules belong to
(`cycle`, which the checker compares with the build date), and facts that no
document check can test, such as per-person limits (`facts`). Paste sheets
describe a portal's text boxes (`PasteField`), filled from the applicant's
answers, profile sections or person fields.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from packet.model.dates import PartialDate
from packet.model.profile import ItemId, SectionName, Strict, Text

Source = Literal["funder", "secondary", "unconfirmed"]
Count = Literal["chars", "chars-no-spaces", "words"]
PersonField = Literal["name", "orcid", "email", "position", "affiliation", "website"]


class SourceRead(Strict):
    """One document a call's rules were read from, and when."""

    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    read: PartialDate = Field(description="When this document was read.")
    status: Source = Field(
        description="funder: the funder's own document; secondary: a university guide or "
        "news report; unconfirmed: looked for and not found."
    )
    note: str | None = None


class Cycle(Strict):
    """The round of a call that the spec's rules were read for."""

    label: Text = Field(description="How the funder names it, e.g. '2026 call' or 'PAPPG 24-1'.")
    opens: PartialDate | None = None
    closes: PartialDate | None = Field(None, description="The deadline of this round.")
    check_by: PartialDate | None = Field(
        None, description="For rolling calls and guides: re-read the rules after this date."
    )
    next_label: str | None = Field(None, description="The next round, e.g. '2027 call'.")
    next_opens: PartialDate | None = None
    next_closes: PartialDate | None = None
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Cycle:
        if self.opens and self.closes and self.closes.key() < self.opens.key():
            raise ValueError(f"the cycle closes ({self.closes}) before it opens ({self.opens})")
        if self.next_opens and self.next_closes and self.next_closes.key() < self.next_opens.key():
            raise ValueError(
                f"the next cycle closes ({self.next_closes}) before it opens ({self.next_opens})"
            )
        return self


class CallFact(Strict):
    """A rule the funder sets that no document check can test (per-person caps, procedures)."""

    id: ItemId
    kind: Literal["per-person", "procedure", "eligibility", "timing"] = "procedure"
    text: Text
    source: Source = "funder"
    reference: str | None = Field(None, description="The notice or page it comes from.")


class PasteField(Strict):
    """One text box of a portal form (SciENcv, Research.gov, mySNF, the UKRI Funding Service).

    Its text comes from exactly one of: the answer to a prompt, the items of a
    profile section (one line each), or a field of the person.
    """

    id: ItemId
    label: Text
    prompt: ItemId | None = None
    section: SectionName | None = None
    person: PersonField | None = None
    count: Count = Field("chars", description="How the portal counts this box.")
    max_chars: int | None = Field(None, ge=1, description="Characters, spaces included.")
    max_chars_no_spaces: int | None = Field(None, ge=1)
    max_words: int | None = Field(None, ge=1)
    max_items: int | None = Field(None, ge=1, description="For a section: at most this many.")
    required: bool = True
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
    note: str | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> PasteField:
        origins = [x for x in (self.prompt, self.section, self.person) if x is not None]
        if len(origins) != 1:
            raise ValueError(
                f"paste field '{self.id}' needs exactly one of prompt, section or person"
            )
        if self.max_items is not None and self.section is None:
            raise ValueError(f"paste field '{self.id}': max_items applies to a section only")
        return self


class PartnerPages(Strict):
    """A page limit that grows with the partners: MSCA's capacity table, 1 page for the
    beneficiary and half a page per associated partner."""

    base: float = Field(gt=0, description="Pages for the beneficiary.")
    per_partner: float = Field(gt=0, description="Pages added per associated partner.")
    prompt: ItemId = Field(description="The prompt whose answer is the number of partners.")
    source: Source = "funder"
    ref: str | None = Field(
        None, description="Where the rule was read: the source, as `sources` names it, and "
        "its section, e.g. 'PAPPG 24-1, II.D.2.h(iii)'.")
