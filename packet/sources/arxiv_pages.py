"""arXiv's own list pages copied as text (arxiv.org/list/..., an author's arxiv.org/a/... page).

    [1] arXiv:2511.14569 [pdf, html, other]
    Title: Task Addition and Weight Disentanglement in Closed-Vocabulary Models
    Authors: Adam Hazimeh, Alessandro Favero, Pascal Frossard
    Comments: ICML 2024 Efficient Systems for Foundation Models Workshop
    Subjects: Machine Learning (cs.LG); Computer Vision and Pattern Recognition (cs.CV)
    (blank line, then the abstract on pages that show it)

Unlike seed 004's layout, each paper's fields follow its id line, labelled, and long
values wrap onto indented or unlabelled lines.
"""

from __future__ import annotations

import re
from typing import Any

from packet.sources.arxiv_ids import split_id
from packet.sources.candidate import Candidate, SourceRead

ID_LINE = re.compile(
    r"^\s*(?:\[\d+\]\s*)?arXiv:\s*(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}"
    r"(?:v\d+)?)\b"
)
LABEL = re.compile(
    r"^\s*(?P<label>Title|Authors?|Comments?|Journal-ref|DOI|Subjects?):\s*(?P<value>.*)$"
)


def is_labelled(lines: list[str]) -> bool:
    """Whether an id line is followed by a `Title:` line: this layout, not seed 004's."""
    return any(
        ID_LINE.match(line)
        and index + 1 < len(lines)
        and lines[index + 1].lstrip().startswith("Title:")
        for index, line in enumerate(lines)
    )


def read_labelled(lines: list[str], name: str, read: SourceRead) -> None:
    from packet.sources.arxiv import describe

    starts = [i for i, line in enumerate(lines) if ID_LINE.match(line)]
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        labels, abstract = _fields(lines[start + 1 : end])
        match = ID_LINE.match(lines[start])
        assert match is not None
        arxiv_id, _version = split_id(match.group("id"))
        fields: dict[str, Any] = {"arxiv": arxiv_id}
        uncertain: list[str] = []
        for key, label in (("title", "title"), ("abstract", None), ("doi", "doi")):
            text = abstract if label is None else labels.get(label, "")
            if text:
                fields[key] = text
            elif key != "doi":
                uncertain.append(key)
        authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", labels.get("authors", ""))]
        if any(authors):
            fields["authors"] = [a for a in authors if a]
        else:
            uncertain.append("authors")
        primary = re.search(r"\(([a-z-]+(?:\.[A-Za-z-]+)?)\)", labels.get("subjects", ""))
        if primary:
            fields["tags"] = [primary.group(1)]
        describe(
            fields,
            uncertain,
            published=_month_of(arxiv_id),
            journal_ref=labels.get("journal-ref", ""),
            comment=labels.get("comments", ""),
        )
        if "date" in fields:
            fields["date"] = fields["date"][:7]  # the id gives the month, not the day
        if "year" not in fields:
            uncertain.append("year")
        read.candidates.append(
            Candidate(
                "publications",
                fields,
                origin=f"{name}:{start + 1}",
                markup="latex",
                uncertain=uncertain,
            )
        )


def _fields(lines: list[str]) -> tuple[dict[str, str], str]:
    """Labelled values (continuation lines joined) and the abstract after a blank line."""
    labels: dict[str, str] = {}
    current: str | None = None
    abstract: list[str] = []
    for index, line in enumerate(lines):
        match = LABEL.match(line)
        if match:
            label = match.group("label").lower()
            current = {"author": "authors", "comment": "comments", "subject": "subjects"}.get(
                label, label
            )
            labels[current] = match.group("value").strip()
        elif not line.strip():
            abstract = [text for text in lines[index + 1 :] if text.strip()]
            break
        elif current is not None:
            labels[current] = f"{labels[current]} {line.strip()}".strip()
    return labels, " ".join(" ".join(abstract).split())


def _month_of(arxiv_id: str) -> str:
    """An id starts with the year and month it was submitted: 2511.14569 is 2025-11,
    hep-th/9901001 is 1999-01. Returned as the first of the month, for `describe` to read
    as a date; the caller keeps only the month, which is all the id says."""
    match = re.match(r"^(\d{2})(\d{2})\.", arxiv_id) or re.search(
        r"/(\d{2})(\d{2})\d{3}$", arxiv_id
    )
    if not match:
        return ""
    year, month = int(match.group(1)), int(match.group(2))
    return f"{2000 + year if year < 91 else 1900 + year:04d}-{month:02d}-01"
