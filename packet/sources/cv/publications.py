"""The publications of a CV: one entry per reference, its notes, marks and kind."""

from __future__ import annotations

import re
from typing import Any

from packet.sources.cv.blocks import BOLD_OFF, BOLD_ON, Block, plain
from packet.sources.cv.chicago import chicago_reference
from packet.sources.cv.common import Entry, entries
from packet.sources.cv.items import Found
from packet.sources.cv.lined import authors_last
from packet.sources.cv.sections import YEAR_HEADING, Section
from packet.sources.refnames import EQUAL_MARKS
from packet.sources.refparse import notes_fields, parse_reference

_YEAR_LABEL_RE = re.compile(r"^((?:19|20)\d\d)[:.]?\s+(?=\S)")
_NUMBERED_RE = re.compile(r"(?:^|\s)(\[\d{1,3}\])\s+")
# "* denotes equal contribution", "☭ indicates equal contribution": any sign a CV chooses
_LEGEND_RE = re.compile(
    r"(?<![^\w\s])([^\w\s,.;:()\[\]\"'“”‘’]{1,3})\s*(?:denotes|indicates|=|:|marks)\s*([^.]*)",
    re.I,
)
_EQUAL_WORDS = re.compile(r"equal|co-?first|joint", re.I)
_VENUE_KIND = [
    (r"\bworkshop\b", "workshop"),
    (r"arxiv|preprint|biorxiv|medrxiv|ssrn|working paper", "preprint"),
    (r"national academy|\bpnas\b", "journal"),
    (
        r"proceedings|conference|symposium|\bproc\b|neurips|icml|iclr|cvpr|iccv|eccv|aaai|ijcai|acl\b|emnlp",
        "conference",
    ),
    (
        r"journal|review|letters|transactions|annals|quarterly|bulletin|magazine|nature|science|pnas",
        "journal",
    ),
]


def _legend_marks(section: Section) -> tuple[str, str]:
    """(which of * † ‡ mean equal contribution here, a sign of the CV's own that does): a
    legend says so, else * † ‡."""
    marks, own = EQUAL_MARKS, ""
    for block in section.blocks:
        for mark, meaning in _LEGEND_RE.findall(plain(block.text)):
            if not _EQUAL_WORDS.search(meaning):
                marks = "".join(c for c in marks if c not in mark)
            elif not any(c in EQUAL_MARKS for c in mark):
                own = mark
    return marks, own


def _own_mark(text: str, own: str, marks: str) -> str:
    """"Belliveau ☭ , Chure☭": the CV's own sign becomes one the name reader knows, on the name."""
    if not own or not marks:
        return text
    return re.sub(rf"\s*{re.escape(own)}\s*(?=[,;&]|\s+and\b|{BOLD_OFF}|$)", marks[0], text)


def _split_numbered(entry: Entry) -> list[Entry]:
    """'... profiles. [1] A ... [2] B ...' in one paragraph -> one entry per number."""
    first = entry.text.split("\n")[0]
    cuts = [m.start(1) for m in _NUMBERED_RE.finditer(first)]
    if not cuts or (len(cuts) == 1 and cuts[0] == 0):
        return [entry]
    pieces = [first[a:b] for a, b in zip([0, *cuts], [*cuts, len(first)], strict=True)]
    rest = entry.text[len(first) :]
    out = [Entry(p.strip(), entry.line, entry.context, kind="text") for p in pieces if plain(p)]
    if out and rest:
        out[-1].text += rest
    return out


def _year_marks(section: Section) -> Section:
    """A line that is only a year ("2024" above a run of references, in HTML a div of its own)
    dates every reference under it, as a "### 2024" heading does."""
    blocks = [
        Block("heading", b.text, 9, b.line)
        if b.kind != "heading" and YEAR_HEADING.fullmatch(plain(b.text).strip())
        else b
        for b in section.blocks
    ]
    return Section(
        section.name, section.heading, section.attrs, blocks, section.line, section.level
    )


def publications(section: Section) -> list[Found]:
    section = _year_marks(section)
    marks, own = _legend_marks(section)
    found: list[Found] = []
    numbered = False
    context: dict[str, Any] = {}
    for entry in [e for raw in entries(section) for e in _split_numbered(raw)]:
        entry.text = _own_mark(entry.text, own, marks)
        raw_lines = [
            piece
            for ln in entry.text.split("\n")
            for piece in re.split(f"(?<=\\.)\\s+(?={BOLD_ON})", ln)
        ]
        lines = [
            plain(ln) for ln in raw_lines if plain(ln)
        ]  # "... Deep Learning. **Oral**.": two notes
        head = lines[0]
        label = _YEAR_LABEL_RE.match(head)
        if label and re.search(rf"\b{label.group(1)}\b", head[label.end() :]):
            # "2016 P. Boue, ... (2016). Title.": the year a list or margin labels the
            # reference with, said again in it
            head = lines[0] = head[label.end() :]
        if re.fullmatch(r"\d+", head):
            continue  # the widest-label argument of thebibliography
        is_numbered = bool(re.match(r"^\s*(?:\[\d+\]|\(\d+\)|\d{1,3}\.)\s", head))
        numbered = numbered or is_numbered
        if _LEGEND_RE.search(head) and len(head) < 200 and not is_numbered:
            continue
        lined = authors_last(lines, marks)
        chicago = None if lined else chicago_reference(raw_lines[0], marks)
        if lined:
            ref, lines = lined, [head]  # every line was one of its parts
        elif chicago and not label:
            ref = chicago
        else:
            ref = parse_reference(head, marks=marks)
        if len(lines) >= 2 and "year" not in ref.fields:
            # title / authors / venue and year on lines of their own: one reference
            joined = parse_reference(". ".join(ln.rstrip(". ") for ln in lines[:3]), marks=marks)
            if "year" in joined.fields:
                ref, lines = joined, [". ".join(lines[:3]), *lines[3:]]
        if "year" not in ref.fields and entry.context.get("year"):
            ref.fields["year"] = entry.context["year"]  # "### 2025" above it
            ref.uncertain = [u for u in ref.uncertain if u != "year"]
        status = entry.context.get("status") or section.attrs.get("status")
        if status and "year" not in ref.fields and "status" not in ref.fields:
            ref.fields["status"] = status  # under "In press": not out yet, so no year
        if "status" in ref.fields and "year" not in ref.fields:
            ref.uncertain = [u for u in ref.uncertain if u != "year"]
        dated = "year" in ref.fields or "status" in ref.fields
        looks_like_ref = "authors" in ref.fields and dated
        same_group = entry.context == context
        context = entry.context
        continues = not lined and (
            (numbered and not is_numbered and entry.kind == "text")
            or (not looks_like_ref and not dated)
        )
        if found and same_group and continues and len(head) < 400:
            notes_fields(lines, found[-1][0])  # a line under the reference above: its note
            continue
        if (
            not looks_like_ref
            and not found
            and ("authors" in ref.uncertain and "title" not in ref.fields)
        ):
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
        if kind == "preprint" and "year" not in fields and "status" not in fields:
            # a working paper or manuscript listed without a year: not out, and which stage
            # it is at is not said
            fields["status"] = "in preparation"
            uncertain = [u for u in uncertain if u != "year"]
            uncertain.append("status: no year given, set to 'in preparation'")
        found.append((fields, uncertain, entry.line))
    return found
