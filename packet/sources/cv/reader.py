"""Blocks of any CV format -> a SourceRead: the one recogniser all CV formats share."""

from __future__ import annotations

import re
from collections.abc import Callable

from packet.errors import Problem
from packet.sources.candidate import Candidate, NotRecognised, Skipped, SourceRead
from packet.sources.cv import classed, dated, items, publications, roles
from packet.sources.cv.blocks import Block, plain
from packet.sources.cv.sections import UNPLACED, Section, split_sections
from packet.sources.cv.stray_works import split_works

_HANDLERS: dict[str, Callable[[Section], list[items.Found]]] = {
    "publications": publications.publications,
    "talks": items.talks,
    "awards": items.awards,
    "grants": items.grants,
    "service": items.service,
    "meetings": items.meetings,
    "education": dated.education,
    "positions": dated.positions,
    "teaching": roles.teaching,
    "mentoring": roles.mentoring,
    "interests": roles.labelled_lists,
    "skills": roles.labelled_lists,
    "languages": roles.languages,
}
EXPECTED = "headings such as Education, Positions, Publications, Talks, Awards, Teaching or Service"


def _person_name(preamble: list[Block]) -> str | None:
    for block in preamble[:3]:
        text = plain(block.text).strip("# ")
        text = re.sub(r"^(?:name|curriculum vitae|cv)\s*:?\s*", "", text, flags=re.I).strip()
        words = text.split()
        if (
            2 <= len(words) <= 5
            and not re.search(r"[\d@:/|]", text)
            and all(w[:1].isupper() for w in words)
        ):
            return text.title() if text.isupper() else text
    return None


def read_blocks(blocks: list[Block], source: str, fmt: str) -> SourceRead:
    """Recognise the sections of a CV and read each section's entries."""
    preamble, sections = split_sections(blocks)
    if not any(s.name for s in sections):
        raise NotRecognised(
            f"{source}: no CV section was recognised",
            hint_problems(source, f"expected {EXPECTED}, as headings, bold or capitalised lines"),
        )
    read = SourceRead(source=source, format=fmt)
    name = _person_name(preamble)
    if name:
        read.person["name"] = name
    rest = [plain(b.text) for b in preamble if plain(b.text).strip("# ") != name and plain(b.text)]
    if rest:  # the address, a tagline: kept for the user to place
        read.unplaced["(top of the CV)"] = rest
    person = Section("person", "", {}, preamble)
    read.person.update({k: v for k, v in roles.person(person).items() if k not in read.person})
    for section in sections:
        origin = f"{source}:{section.line}" if section.line else source
        if section.name == "person":
            read.person.update(roles.person(section))
            continue
        handler = _HANDLERS.get(section.name)
        if handler is None or section.name in UNPLACED:
            lines = [plain(b.text) for b in section.blocks if plain(b.text)]
            read.unplaced.setdefault(section.heading, []).extend(lines)
            continue
        section, works = split_works(section)
        if works is not None:
            where = f"{source}:{works.line}" if works.line else source
            for fields, uncertain, line in publications.publications(works):
                note = f"section: listed under '{section.heading}', read as a work (it has a DOI)"
                origin_line = f"{source}:{line}" if line else where
                read.candidates.append(
                    Candidate(
                        "publications",
                        fields,
                        origin_line,
                        markup="plain",
                        uncertain=sorted({*uncertain, note}),
                    )
                )
        found = _read_section(section, handler)
        if not found and section.blocks:
            read.skipped.append(
                Skipped(
                    origin, f"section '{section.heading}': no {section.name} entry could be read"
                )
            )
        for fields, uncertain, line in found:
            where = f"{source}:{line}" if line else origin
            read.candidates.append(
                Candidate(
                    section.name, fields, where, markup="plain", uncertain=sorted(set(uncertain))
                )
            )
    _owner_as_author(read)
    return read


def _owner_as_author(read: SourceRead) -> None:
    """A CV leaves its owner's name out of the works only they wrote ("\\llap{``}Title,''
    Venue"): when the CV names its owner, they are the author, listed for review."""
    owner = read.person.get("name")
    if not owner:
        return
    for cand in read.candidates:
        if cand.section == "publications" and not cand.fields.get("authors"):
            cand.fields["authors"] = [owner]
            cand.uncertain = sorted(
                {u for u in cand.uncertain if u != "authors"}
                | {"authors: the CV names none; its owner is taken as the author"}
            )


def _read_section(
    section: Section, handler: Callable[[Section], list[items.Found]]
) -> list[items.Found]:
    """The section's entries: those a CV-class macro split into parts read from their parts,
    the others by the section's text reader; in the order of the CV."""
    if section.name not in classed.SECTIONS or not any(b.parts for b in section.blocks):
        return handler(section)
    own = []
    for block in section.blocks:
        if block.parts:
            alone = Section(section.name, section.heading, section.attrs, [block], block.line)
            text = handler(alone)
            found = classed.read(section.name, block, text[0][0] if text else None)
            if found:
                own.append(found)
    rest = Section(
        section.name,
        section.heading,
        section.attrs,
        [b for b in section.blocks if not b.parts],
        section.line,
        section.level,
    )
    return sorted(own + (handler(rest) if rest.blocks else []), key=lambda f: f[2])


def hint_problems(source: str, hint: str) -> list[Problem]:
    return [
        Problem(
            "the file reads as a CV, but none of its headings is a CV section",
            file=source,
            hint=hint,
        )
    ]
