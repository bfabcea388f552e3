"""Works listed where no work belongs: the rest of a section that is a list of references.

A PDF page that opens in the middle of the publication list, a heading the text layer
lost, a CV that runs its papers on under "Teaching": the entries still say what they are.
An entry holding a DOI and reading as a reference (authors, year, title) is a scholarly
work; a course, a degree, a job or a prize has no DOI. When such entries make up the rest
of a section, that rest is read as publications, each listed for review with the heading
it was found under. Talks and grants are left alone: an abstract or a grant may have a DOI.
"""

from __future__ import annotations

import re

from packet.sources.cv.blocks import plain
from packet.sources.cv.sections import Section
from packet.sources.refparse import parse_reference

# sections whose own entries carry no DOI
_HOSTS = {"teaching", "education", "positions", "awards", "mentoring", "service"}
_DOI_RE = re.compile(r"\b10\.\d{4,9}/\S+")
_YEAR_LABEL_RE = re.compile(r"^(?:19|20)\d\d[:.]?\s+")


def _is_work(text: str) -> bool:
    if not _DOI_RE.search(text):
        return False
    fields = parse_reference(_YEAR_LABEL_RE.sub("", text)).fields
    return bool(fields.get("authors")) and "year" in fields and bool(fields.get("title"))


def split_works(section: Section) -> tuple[Section, Section | None]:
    """(the section without its trailing run of works, those works as publications)."""
    if section.name not in _HOSTS:
        return section, None
    entries = [i for i, b in enumerate(section.blocks) if b.kind != "heading"]
    works = [i for i in entries if _is_work(plain(section.blocks[i].text))]
    if len(works) < 2:
        return section, None
    tail = [i for i in entries if i >= works[0]]
    if len(works) * 3 < len(tail) * 2:  # a few cited papers among courses: not a list
        return section, None
    cut = works[0]
    kept = Section(section.name, section.heading, section.attrs, section.blocks[:cut],
                   section.line, section.level)  # fmt: skip
    moved = Section("publications", section.heading, {}, section.blocks[cut:],
                    section.blocks[cut].line, section.level)  # fmt: skip
    return kept, moved
