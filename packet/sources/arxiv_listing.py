"""An arXiv listing as text: one block per paper, in the layout of seed 004.

    <abstract paragraph>
    (blank line)
    <comments paragraph, optional>
    (blank line)
    arXiv:2510.06106 - doi: 10.5075/epfl-thesis-11462      (or " - <journal ref>")
    Created: 2025-10-07 Updated: 2025-10-08

Such a listing names neither the title nor the authors of a paper: its candidates say so
in `uncertain` and are good for filling in (abstract, arXiv id, comments) an item that
another source names. Nothing is inferred from the abstract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from packet.errors import Problem, UserError
from packet.sources.arxiv import describe
from packet.sources.arxiv_ids import split_id
from packet.sources.arxiv_pages import is_labelled, read_labelled
from packet.sources.candidate import Candidate, Skipped, SourceRead

_ID_LINE = re.compile(
    r"^arXiv:\s*(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)"
    r"(?:\s+-\s+(?P<rest>.*))?$"
)
_CREATED = re.compile(
    r"^Created:\s*(?P<created>\d{4}-\d{2}-\d{2})(?:\s+Updated:\s*(?P<updated>\d{4}-\d{2}-\d{2}))?"
)
_LABELLED = re.compile(r"^(?P<label>Title|Authors?|Comments?|Journal-ref|DOI):\s*(?P<value>.+)$")
# A comments paragraph is a line or two; an abstract is longer. Measured on seed 004:
# comments are at most 135 characters, abstracts at least 560.
COMMENT_MAX = 300


@dataclass
class _Paragraph:
    line: int  # 1-based line of its first line
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def sniff_listing(head: bytes) -> bool:
    """Seed 004's layout (id line, then `Created:`) or arXiv's list pages (id, then `Title:`)."""
    return bool(
        re.search(rb"^arXiv:\s*\d{4}\.\d{4,5}", head, re.MULTILINE)
        and re.search(rb"^Created:\s*\d{4}-\d{2}-\d{2}", head, re.MULTILINE)
    ) or bool(
        re.search(rb"^\s*(?:\[\d+\]\s*)?arXiv:\s*\S+[^\n]*\r?\n\s*Title:", head, re.MULTILINE)
    )


def read_listing(data: bytes, name: str) -> SourceRead:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UserError(
            f"{name} is not UTF-8 text, so it cannot be read as an arXiv listing",
            [Problem(f"byte {err.start} cannot be decoded", file=name, line=line)],
        ) from None
    read = SourceRead(source=name, format="arxiv-listing")
    lines = text.splitlines()
    if is_labelled(lines):  # arXiv's own list pages: labelled fields after each id line
        read_labelled(lines, name, read)
        return read
    pending: list[_Paragraph] = []
    for paragraph in _paragraphs(text):
        head = paragraph.lines[0].strip()
        if _ID_LINE.match(head):
            read.candidates.append(_record(paragraph, pending, name))
            pending = []
        else:
            pending.append(paragraph)
    if not read.candidates:
        raise UserError(
            f"{name} has no 'arXiv:ID' line, so it is not an arXiv listing",
            [Problem("each paper's block ends with a line such as 'arXiv:2506.07899'", file=name)],
        )
    for paragraph in pending:
        read.skipped.append(
            Skipped(
                f"{name}:{paragraph.line}",
                "text after the last 'arXiv:ID' line belongs to no paper: "
                f"{_short(paragraph.text)}",
            )
        )
    return read


def _paragraphs(text: str) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            current = None
            continue
        if current is None:
            current = _Paragraph(number)
            paragraphs.append(current)
        current.lines.append(line)
    # A dates line set apart by a blank line still belongs to the id line above it.
    merged: list[_Paragraph] = []
    for paragraph in paragraphs:
        if (
            merged
            and _CREATED.match(paragraph.lines[0].strip())
            and _ID_LINE.match(merged[-1].lines[0].strip())
        ):
            merged[-1].lines.extend(paragraph.lines)
        else:
            merged.append(paragraph)
    return merged


def _record(paragraph: _Paragraph, before: list[_Paragraph], name: str) -> Candidate:
    match = _ID_LINE.match(paragraph.lines[0].strip())
    assert match is not None
    arxiv_id, _version = split_id(match.group("id"))
    fields: dict[str, Any] = {"arxiv": arxiv_id}
    uncertain: list[str] = []
    journal_ref = ""
    for part in (match.group("rest") or "").split(" - "):
        part = part.strip()
        if part.lower().startswith("doi:"):
            fields["doi"] = part[4:].strip()
        elif part:
            journal_ref = part
    labelled = _labelled(paragraph.lines[1:])
    comment = labelled.get("comments", "")
    if before and not comment and len(before) > 1 and len(before[-1].text) <= COMMENT_MAX:
        comment = before[-1].text
        before = before[:-1]
    if before:
        fields["abstract"] = "\n\n".join(p.text for p in before)
    else:
        uncertain.append("abstract")
    if "title" in labelled:
        fields["title"] = labelled["title"]
    else:
        uncertain.append("title")
    if "authors" in labelled:
        fields["authors"] = [a.strip() for a in re.split(r",\s*|\s+and\s+", labelled["authors"])]
    else:
        uncertain.append("authors")
    fields.setdefault("doi", labelled.get("doi"))
    if not fields["doi"]:
        del fields["doi"]
    created = next((m.group("created") for m in map(_CREATED.match, paragraph.lines) if m), "")
    if not created:
        uncertain.append("date")
    describe(
        fields,
        uncertain,
        published=created,
        journal_ref=journal_ref or labelled.get("journal-ref", ""),
        comment=comment,
    )
    return Candidate(
        "publications",
        fields,
        origin=f"{name}:{paragraph.line}",
        markup="latex",  # arXiv abstracts keep their TeX: \textit{...}, --, $...$
        uncertain=uncertain,
    )


def _labelled(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = _LABELLED.match(line.strip())
        if match:
            label = match.group("label").lower()
            label = {"author": "authors", "comment": "comments"}.get(label, label)
            found[label] = match.group("value").strip()
    return found


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
