"""The profile store: one person and every item of their academic record.

Every item carries a stable `id` so that applications can refer to it and
keep referring to it after the profile is edited or re-imported.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from packet.model.dates import PartialDate, Present, end_key

ItemId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", min_length=1, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `tittle` must not vanish silently."""

    # defer_build: a schema is built when a model is first used, not when packet starts;
    # the wizard shows its first question sooner.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class Link(Strict):
    label: Text
    url: Text


class Person(Strict):
    name: Text
    name_variants: list[Text] = Field(
        default_factory=list,
        description="How the name is printed in author lists, e.g. 'Favero, A.'; used to bold it.",
    )
    pronouns: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    orcid: Annotated[str | None, StringConstraints(pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")] = (
        None
    )
    links: list[Link] = Field(default_factory=list)
    position: str | None = Field(
        None, description="Current position, e.g. 'Postdoctoral researcher'."
    )
    affiliation: str | None = None
    address: list[str] = Field(default_factory=list, description="Postal address, one line each.")


class Item(Strict):
    id: ItemId
    tags: list[Text] = Field(default_factory=list)

    def when(self) -> PartialDate | None:
        """The date that places this item in time (for ordering and date windows)."""
        return None


class Dated(Item):
    date: PartialDate | None = None

    def when(self) -> PartialDate | None:
        return self.date


class Ranged(Item):
    start: PartialDate | None = None
    end: PartialDate | Present | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Ranged:
        if self.start is not None and self.end is not None and end_key(self.end) < self.start.key():
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self

    def when(self) -> PartialDate | None:
        if self.end == "present":
            return PartialDate.today()
        return self.end or self.start

    @property
    def current(self) -> bool:
        return self.end == "present"


class Interest(Item):
    area: Text
    topics: list[Text] = Field(default_factory=list)


class Education(Ranged):
    degree: Text
    field: str | None = None
    institution: Text
    location: str | None = None
    advisors: list[Text] = Field(default_factory=list)
    thesis: str | None = None
    honors: str | None = None
    details: list[Text] = Field(default_factory=list)


class Position(Ranged):
    kind: Literal["academic", "industry", "visiting", "other"] = "academic"
    title: Text
    organization: Text
    department: str | None = None
    location: str | None = None
    details: list[Text] = Field(default_factory=list)


PublicationKind = Literal[
    "journal", "conference", "workshop", "preprint", "abstract", "thesis", "book", "chapter"
]
PublicationStatus = Literal["published", "accepted", "to appear", "submitted", "in preparation"]


class Publication(Item):
    kind: PublicationKind
    authors: list[Text] = Field(min_length=1, description="In printed order, 'Family, Given'.")
    equal_contribution: list[Text] = Field(
        default_factory=list,
        description="Authors (as written in `authors`) who contributed equally; marked with *.",
    )
    title: Text
    venue: str | None = None
    venue_short: str | None = Field(None, description="Acronym such as ICML or PNAS.")
    year: int = Field(ge=1900, le=2100)
    date: PartialDate | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    number: str | None = Field(None, description="Article number, e.g. e2408799121.")
    publisher: str | None = None
    doi: Annotated[str | None, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] = None
    arxiv: Annotated[str | None, StringConstraints(pattern=r"^(\d{4}\.\d{4,5}|[a-z-]+/\d{7})$")] = (
        None
    )
    url: str | None = None
    abstract: str | None = None
    notes: list[Text] = Field(default_factory=list)
    status: PublicationStatus = "published"
    significance: str | None = Field(
        None, description="One line on why it matters (used by track-record documents)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Publication:
        unknown = [a for a in self.equal_contribution if a not in self.authors]
        if unknown:
            raise ValueError(
                f"equal_contribution names {', '.join(unknown)}, who is not in authors"
            )
        if self.date is not None and self.date.year != self.year:
            raise ValueError(f"date {self.date} does not fall in year {self.year}")
        return self

    def when(self) -> PartialDate | None:
        return self.date or PartialDate(self.year)


TalkKind = Literal["invited", "contributed", "seminar", "keynote", "poster", "panel"]


class Talk(Dated):
    kind: TalkKind
    title: Text
    event: str | None = None
    host: str | None = Field(None, description="Institution or organiser.")
    location: str | None = None
    url: str | None = None


class Award(Dated):
    title: Text
    issuer: str | None = None
    kind: Literal["award", "prize", "scholarship", "fellowship", "honor", "distinction"] = "award"
    amount: float | None = Field(None, ge=0)
    currency: Currency | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _currency_with_amount(self) -> Award:
        if self.amount is not None and self.currency is None:
            raise ValueError("amount needs a currency, e.g. currency: USD")
        return self


class Grant(Ranged):
    title: Text
    funder: Text
    role: str | None = None
    status: Literal["awarded", "pending", "submitted", "declined"] = "awarded"
    amount: float | None = Field(None, ge=0)
    currency: Currency | None = None
    description: str | None = None


class Teaching(Ranged):
    role: Text
    course: Text
    code: str | None = None
    institution: Text
    location: str | None = None
    terms: list[Text] = Field(default_factory=list)
    details: list[Text] = Field(default_factory=list)


class Mentoring(Dated):
    student: Text = Field(description="Name or initials.")
    level: Literal[
        "phd", "master-thesis", "master", "semester-project", "bachelor", "intern", "other"
    ]
    program: str | None = None
    institution: str | None = None
    project: str | None = None
    outcome: str | None = None


class Service(Ranged):
    kind: Literal["referee", "committee", "organizer", "editorial", "evaluator", "other"]
    role: str | None = None
    organization: Text
    date: PartialDate | None = None
    distinctions: list[Text] = Field(default_factory=list)
    details: list[Text] = Field(default_factory=list)

    def when(self) -> PartialDate | None:
        return self.date or super().when()


class Meeting(Dated):
    kind: Literal["school", "workshop", "conference", "meeting"] = "meeting"
    title: Text
    organizer: str | None = None
    location: str | None = None
    invited: bool = False


class Skill(Item):
    category: Text
    items: list[Text] = Field(min_length=1)


class Language(Item):
    name: Text
    level: str | None = None


SectionName = Literal[
    "interests",
    "education",
    "positions",
    "publications",
    "talks",
    "awards",
    "grants",
    "teaching",
    "mentoring",
    "service",
    "meetings",
    "skills",
    "languages",
]
# The sections in the order a CV usually presents them; the type above is the one list.
SECTIONS: tuple[str, ...] = get_args(SectionName)


class Coauthor(Item):
    """What the profile knows of another person it names (a co-author, an advisor): not
    an item of the record itself, so no call selects it; forms such as NSF's COA read it."""

    name: Text = Field(description="As it is best written, e.g. 'Matthieu Wyart'.")
    variants: list[Text] = Field(
        default_factory=list,
        description="Other spellings in author lists ('Wyart, M.'); the name matches them too.",
    )
    affiliation: str | None = Field(None, description="Their organization, as last known.")
    email: str | None = None
    orcid: Annotated[str | None, StringConstraints(pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")] = (
        None
    )
    last_active: PartialDate | None = Field(
        None, description="When the affiliation was last seen (the date of the work it is from)."
    )
    source: str | None = Field(
        None, description="Where the affiliation was read, e.g. 'crossref:10.1103/...'."
    )


class Profile(Strict):
    person: Person
    interests: list[Interest] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    talks: list[Talk] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    grants: list[Grant] = Field(default_factory=list)
    teaching: list[Teaching] = Field(default_factory=list)
    mentoring: list[Mentoring] = Field(default_factory=list)
    service: list[Service] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    # Not a section: the people the record names, for forms that list them (NSF's COA).
    coauthors: list[Coauthor] = Field(default_factory=list)

    def section(self, name: str) -> list[Item]:
        if name not in SECTIONS:
            raise KeyError(name)
        items: list[Item] = getattr(self, name)
        return items

    def items(self) -> dict[str, Item]:
        """Every item by id."""
        return {item.id: item for name in SECTIONS for item in self.section(name)}

    def section_of(self) -> dict[str, str]:
        return {item.id: name for name in SECTIONS for item in self.section(name)}


# Every list of id'd entries a profile file holds, in file order: the sections, then the
# people they name. Ids are unique across all of them; imports add to any of them.
STORED_LISTS: tuple[str, ...] = (*SECTIONS, "coauthors")
