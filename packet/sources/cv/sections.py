"""Which block is a section heading, and which profile section it names.

Headings are recognised by their usual names and synonyms in any case, whatever
marks them: a heading of the format (HTML <h2>, Markdown ##, LaTeX \\section, a
tab-separated first column), an ALL-CAPS line, a bold line, or a short line that
is exactly a section name. The first rule that matches a heading wins, so the
more specific names come first ("Teaching Experience" is teaching, not positions;
"Conference Abstracts" is publications of kind abstract).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from packet.sources.cv.blocks import Block, is_all_emphasised, plain

# (pattern on the lower-cased heading, section, attributes the heading implies)
_RULES: list[tuple[str, str, dict[str, Any]]] = [
    (r"contact|personal (?:info|details|data)|^address", "person", {}),
    (
        r"invited (?:lecture|talk|presentation|seminar)s?|keynote|guest lecture",
        "talks",
        {"kind": "invited"},
    ),
    (r"interest", "interests", {}),
    (r"poster", "talks", {"kind": "poster"}),
    (r"teaching|courses? taught|instruction|lecturing", "teaching", {}),
    (r"mentor|supervis|advis|students|^theses supervised", "mentoring", {}),
    (r"abstract", "publications", {"kind": "abstract"}),
    # what is not out yet, by where it stands: its entries have no year to require
    (r"under review|submitted|revise and resubmit", "publications",
     {"kind": "preprint", "status": "submitted"}),
    (r"in preparation|in progress|work in progress", "publications",
     {"kind": "preprint", "status": "in preparation"}),
    (r"in press|forthcoming|to appear", "publications", {"status": "to appear"}),
    (r"accepted (?:papers|articles|publications)", "publications", {"status": "accepted"}),
    (r"pre-?prints?|working papers?|manuscripts?", "publications", {"kind": "preprint"}),
    # writing that is not a paper (columns, blog posts, op-eds) and software: kept as notes,
    # never read as references ("Writings" alone is how humanities CVs head their papers)
    (r"op-?eds?|blogs?(?: posts?)?|columns|newspaper|magazine (?:articles|pieces)"
     r"|popular (?:writing|press|articles|essays)|public writing|other writing"
     r"|writing for (?:the )?(?:public|general)|non-?academic writing|^writing$|^journalism$",
     "writing", {}),
    (r"^software$|software (?:packages|developed|releases|tools)|^code$|^(?:open[- ]source|"
     r"research|scientific|statistical) software|^software and data", "software", {}),
    (
        r"book chapters?|chapters? in (?:books|edited)|^chapters",
        "publications",
        {"kind": "chapter"},
    ),
    (r"^(?:\w+ )?books?$|monographs?|edited volumes?|books? and", "publications", {"kind": "book"}),
    (
        r"journal|peer[- ]reviewed articles|^articles|refereed articles",
        "publications",
        {"kind": "journal"},
    ),
    (
        r"conference (?:papers?|proceedings|publications)|proceedings|refereed conference",
        "publications",
        {"kind": "conference"},
    ),
    (r"workshop (?:papers?|publications)", "publications", {"kind": "workshop"}),
    (
        r"^(?:phd |doctoral |master'?s? )?(?:thesis|theses|dissertations?)$",
        "publications",
        {"kind": "thesis"},
    ),
    (r"seminars?|colloqui", "talks", {"kind": "seminar"}),
    (r"contributed (?:talk|presentation)s?|oral presentations?", "talks", {"kind": "contributed"}),
    (r"talks?|presentations?|lectures?|speaking|conference activity", "talks", {}),
    (r"grants?|funding|research support|external support|sponsored research", "grants", {}),
    (
        r"awards?|honou?rs?|fellowships?|scholarships?|prizes?|distinctions?|recognition|achievements",
        "awards",
        {},
    ),
    (r"\breferee(?:ing|s)?\b|reviewing|reviewer|peer review", "service", {"kind": "referee"}),
    (r"committees?", "service", {"kind": "committee"}),
    (r"organi[sz]", "service", {"kind": "organizer"}),
    (r"editorial", "service", {"kind": "editorial"}),
    (r"service|professional activit|academic activit", "service", {}),
    (r"outreach|public engagement|science communication|media|press", "outreach", {}),
    (
        r"meetings|schools|conferences attended|workshops attended|participation|attended",
        "meetings",
        {},
    ),
    (
        r"education|academic background|degrees|academic training|qualifications|studies",
        "education",
        {},
    ),
    (r"industry|industrial|corporate|non-academic", "positions", {"kind": "industry"}),
    (
        r"academic (?:experience|positions|appointments|employment)"
        r"|research (?:experience|positions)",
        "positions",
        {"kind": "academic"},
    ),
    (r"visiting", "positions", {"kind": "visiting"}),
    (
        r"experience|employment|positions?|appointments?|career|work history|professional"
        r"|^work$|^jobs$",
        "positions",
        {},
    ),
    (
        r"publications?|papers|articles|bibliography|refereed|selected works|research output"
        r"|writings",
        "publications",
        {},
    ),
    (r"languages?", "languages", {}),
    (r"skills?|computer|programming|technical|software|tools|competenc", "skills", {}),
    (r"memberships?|affiliations?|societies", "memberships", {}),
    (r"references|referees", "references", {}),
]
# Every name starts a word: "expression" is not "press", "Advisor: X" is not a heading.
_COMPILED = [(re.compile(p if p.startswith("^") else rf"\b(?:{p})"), s, a) for p, s, a in _RULES]

# Sub-headings that stay inside a section and say something about its entries.
_SUB_RULES: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "mentoring": [
        (r"semester", {"level": "semester-project"}),
        (r"master'?s? thes", {"level": "master-thesis"}),
        (r"ph\.?d|doctoral", {"level": "phd"}),
        (r"master", {"level": "master"}),
        (r"bachelor|undergrad", {"level": "bachelor"}),
        (r"intern", {"level": "intern"}),
    ],
    "service": [
        (r"referee|review", {"kind": "referee"}),
        (r"committee", {"kind": "committee"}),
        (r"organi[sz]", {"kind": "organizer"}),
        (r"editor", {"kind": "editorial"}),
    ],
    "teaching": [(r"assistant|lecturer|instructor|courses|guest", {})],
    "positions": [
        (r"industry", {"kind": "industry"}),
        (r"academic|research", {"kind": "academic"}),
    ],
}
# Profile sections with no place in the model: recognised, kept in `unplaced`.
UNPLACED = {"outreach", "memberships", "references", "writing", "software"}


@dataclass
class Section:
    name: str  # a profile section, "person", one of UNPLACED, or "" for an unknown heading
    heading: str
    attrs: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    line: int = 0
    level: int = 99  # the heading level that opened it: deeper headings stay inside


# "### 2025" over the entries of that year
YEAR_HEADING = re.compile(r"(?:19|20)\d{2}")


def _level(block: Block) -> int:
    return block.level if block.kind == "heading" else 99


def _normal(text: str) -> str:
    text = plain(text).lower().replace("&", " and ")
    text = re.sub(r"^[\s\d.ivx)]+(?=\s)", "", text)  # "2. Publications", "IV. Talks"
    return re.sub(r"\s+", " ", re.sub(r"[^\w' -]", " ", text)).strip(" -")


def classify(heading: str) -> tuple[str, dict[str, Any]] | None:
    """The section a heading names, with what it implies, or None."""
    text = _normal(heading)
    if not text or len(text.split()) > 8:
        return None
    named = [(section, attrs) for pattern, section, attrs in _COMPILED if pattern.search(text)]
    if not named:
        return None
    sections = [s for s, _ in named]
    if sections[0] == "grants" and re.search(
        r"\b(?:awards?|honou?rs?|fellowships?|scholarships?|prizes?)\b", text
    ):
        # "Grants, Honors & Awards": fellowships and prizes with no funder and role, read as
        # awards (a grant needs its funder; the award reader keeps every line)
        return "awards", {}
    return named[0][0], dict(named[0][1])


def sub_attrs(section: str, heading: str) -> dict[str, Any] | None:
    text = _normal(heading)
    for pattern, attrs in _SUB_RULES.get(section, []):
        if re.search(pattern, text):
            return dict(attrs)
    return None


def bare_heading(text: str) -> bool:
    """A plain short line that is a section name ("Selected Talks"), not a line that contains
    one ("Lecturer, Boston", "Advisor: X"): the name must be most of the line."""
    if len(text.split()) > 4 or re.search(r"[,:;\d]", text) or classify(text) is None:
        return False
    normal = _normal(text)
    for pattern, _, _ in _COMPILED:
        m = pattern.search(normal)
        if m:
            word = re.match(r"[\w'-]*", normal[m.start() :])
            return word is not None and len(word.group(0)) >= 0.3 * len(normal)
    return False


def heading_strength(block: Block) -> int:
    """2: marked as a heading by its format or in capitals; 1: a bold or bare short line; 0: not."""
    text = plain(block.text).strip(" :•-–")
    if not text or "\n" in text or len(text) > 80:
        return 0
    if block.kind == "heading":
        return 2  # marked by the format: a year in it is part of the name ("Talks since 2007")
    if re.search(r"(?:19|20)\d{2}", text):
        return 0
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= 8:
        return 2
    if is_all_emphasised(block.text) and len(text.split()) <= 8:
        return 1
    if block.kind == "text" and bare_heading(text):
        return 1
    return 0


def current_name(section: Section | None) -> str:
    return section.name if section is not None else ""


def split_sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """(blocks before the first heading, the sections in order)."""
    preamble: list[Block] = []
    sections: list[Section] = []
    current: Section | None = None
    for block in blocks:
        strength = heading_strength(block)
        heading = plain(block.text).strip(" :•-–")
        found = classify(heading) if strength else None
        # "### Op-eds" under "## Publications": writing that is no paper, a section of its own
        own = found is not None and found[0] in UNPLACED and found[0] != current_name(current)
        if (
            current is not None
            and current.name
            and block.kind == "heading"
            and block.level > current.level
            and not own
        ):
            # "### Papers" under "## Presentations": a sub-heading; "### Design Architect, Lab"
            # under "## Experience": an entry of the section
            short = len(heading.split()) <= 5 and "," not in heading
            named = sub_attrs(current.name, heading) is not None or found
            if short and (named or YEAR_HEADING.fullmatch(heading)):
                current.blocks.append(Block("heading", block.text, 9, block.line))
            else:
                current.blocks.append(Block("text", block.text, 0, block.line))
            continue
        if current is not None and strength:
            sub = sub_attrs(current.name, heading)
            if sub is not None and (found is None or found[0] == current.name or strength == 1):
                current.blocks.append(Block("heading", block.text, 9, block.line))  # a sub-heading
                continue
            if found and found[0] == current.name and found[0] == "publications":
                current.blocks.append(Block("heading", block.text, 9, block.line))
                continue
            if found and found[0] == current.name and strength == 1:
                # "**PhD Education, Stanford University**" under "## Education": an entry
                current.blocks.append(block)
                continue
        if found:
            current = Section(found[0], heading, found[1], [], block.line, _level(block))
            sections.append(current)
        elif current is None:
            preamble.append(block)  # the name and address at the top of the CV
        elif strength == 2 and (
            block.kind == "heading" or (len(heading.split()) >= 2 and current is None)
        ):
            current = Section("", heading, {}, [], block.line, _level(block))
            sections.append(current)
        elif current is None:
            preamble.append(block)
        else:
            current.blocks.append(block)
    return preamble, sections
