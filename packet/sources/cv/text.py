"""Plain text, Markdown and HTML CVs -> blocks.

Markdown goes through markdown-it (the parser packet already uses) to HTML, so
Markdown and HTML, and the HTML fragments real Markdown pages carry, share one
block reader. Plain text (typed, or extracted from a PDF) has no markup: lines,
blank lines, bullets and numbering are its structure.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from packet.sources.cv.blocks import BOLD_OFF, BOLD_ON, Block, html_blocks, plain
from packet.sources.cv.sections import bare_heading
from packet.sources.dates import find_dates

_FRONT_MATTER_RE = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_LIQUID_RE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
# "EDUCATION<TAB>..." rows: a CV exported as a two-column table (first column: the section)
_TAB_ROW_RE = re.compile(r"^([^\t\n<]{2,60}?)\t+(.*)$", re.MULTILINE)
_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦○●■□►▸‣⁃*+-]|–|—)\s+")
_NUMBER_RE = re.compile(r"^\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s+")


def _tab_rows(text: str) -> str:
    """A tab-separated first column is a section heading: make it a Markdown heading."""

    def row(m: re.Match[str]) -> str:
        head, rest = m.group(1).strip(), m.group(2).replace("\t", " ").strip()
        if not head or len(head.split()) > 6:
            return m.group(0)
        return f"\n## {head}\n\n{rest}\n"

    return _TAB_ROW_RE.sub(row, text)


_DIV_OPEN_RE = re.compile(r"^\s*:{3,}\s*(?:\{([^}]*)\}|[\w.-]+)\s*$")
_DIV_CLOSE_RE = re.compile(r"^\s*:{3,}\s*$")
_DIV_DATE_RE = re.compile(r"\b(?:date|year|when)\s*=\s*\"([^\"]+)\"")
# "- [peer-reviewed,journal] {GS:abc} Authors ...": a label and an attribute block that lead
# a list item; "[1]" is numbering and stays
_ITEM_LABEL_RE = re.compile(
    r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)"  # the bullet or number
    r"(?:\[([A-Za-z][\w ,;/-]{0,40})\]\s*)?(?:\{[^\s{}]+\}\s*)?(?=\S)",
    re.MULTILINE,
)


def _pandoc_divs(source: str) -> str:
    """Pandoc's fenced divs (`::: {.award-item date="2024"}` ... `:::`): the fences go; a date
    the opening fence states is added to the first line inside, where the readers look."""
    out: list[str] = []
    pending = ""
    for line in source.split("\n"):
        opened = _DIV_OPEN_RE.match(line)
        if opened or _DIV_CLOSE_RE.match(line):
            date = _DIV_DATE_RE.search(opened.group(1) or "") if opened else None
            pending = date.group(1).strip(" ,") if date else ""
            out.append("")
            continue
        if pending and line.strip():
            line = f"{line.rstrip()}, {pending}"
            pending = ""
        out.append(line)
    return "\n".join(out)


def _item_labels(source: str) -> str:
    def label(m: re.Match[str]) -> str:
        words = (m.group(2) or "").lower()
        return m.group(1) + ("(invited) " if re.search(r"\b(?:invited|keynote)\b", words) else "")

    return _ITEM_LABEL_RE.sub(label, source)


def _repair_lost_bold(blocks: list[Block]) -> list[Block]:
    """'Perimeter Institute**, Waterloo': a bold whose opening ** was lost on copying."""
    for b in blocks:
        m = re.match(r"^([^*\n]{2,120}?)\*\*(?=[,.;:\s])", b.text)
        if m and b.text.count("**") % 2 == 1:
            b.text = BOLD_ON + m.group(1) + BOLD_OFF + b.text[m.end() :]
    return blocks


def markdown_blocks(source: str) -> list[Block]:
    source = _LIQUID_RE.sub(
        "", _FRONT_MATTER_RE.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    )
    source = _item_labels(_pandoc_divs(_tab_rows(source)))
    # definition lists ("2019\n: Associate Professor, ...") are how many Markdown CVs date entries
    md = (
        MarkdownIt("commonmark", {"html": True, "breaks": True})
        .enable("strikethrough")  # ~~Name~~: a mark some CVs put on authors, not text to keep
        .use(deflist_plugin)
    )
    tokens = md.parse(source)
    # Render block by block so each block knows its source line (for messages).
    rendered, line = [], 0
    for tok in tokens:
        if tok.map and tok.nesting >= 0 and tok.level == 0:
            line = tok.map[0] + 1
        rendered.append((line, tok))
    html = md.renderer.render([t for _, t in rendered], md.options, {})
    blocks = html_blocks(html)
    _assign_lines(blocks, source)
    return _repair_lost_bold(blocks)


def _assign_lines(blocks: list[Block], source: str) -> None:
    """Lines of rendered HTML are not the source's: find each block's text in the source."""
    lines = source.split("\n")
    pos = 0
    for b in blocks:
        probe = plain(b.text).split("\n")[0][:25]
        probe_words = re.sub(r"[^\w ]", " ", probe).split()[:3]
        for k in range(pos, len(lines)):
            if probe_words and all(w in lines[k] for w in probe_words):
                b.line, pos = k + 1, k
                break


def html_document_blocks(source: str) -> list[Block]:
    return _repair_lost_bold(html_blocks(_LIQUID_RE.sub("", _FRONT_MATTER_RE.sub("", source))))


def _ends_entry(line: str) -> bool:
    """Does this line end what it says (so the next line starts something new)?"""
    return bool(re.search(r"[.!?)\]]$|(?:19|20)\d{2}$|present$", line.strip(), re.IGNORECASE))


def text_blocks(source: str) -> list[Block]:
    """Plain text: a bullet or number starts an entry; a wrapped line continues one."""
    source = _tab_rows(source)
    blocks: list[Block] = []
    current: Block | None = None
    lines = source.split("\n")
    # A line wraps onto the next only when it is full: about as long as the text's long lines.
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    full = 0.75 * lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    previous = ""
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        was, previous = previous, line
        if not line.strip():
            current = None
            continue
        if line.startswith("## "):
            blocks.append(Block("heading", line[3:].strip(), 2, number))
            current = None
            continue
        bullet = _BULLET_RE.match(line) or _NUMBER_RE.match(line)
        indent = len(line) - len(line.lstrip())
        if bullet:
            text = line[bullet.end() :] if _BULLET_RE.match(line) else line.strip()
            current = Block("entry", text.strip(), 1 + indent // 4, number)
            blocks.append(current)
        elif (
            current is not None
            and not _ends_entry(current.text)
            and not line.isupper()
            and not current.text.isupper()
            and len(was) >= full
            and not any(d.end for d in find_dates(line))  # a line with a range starts an entry
            and not bare_heading(line.strip())  # "Education" after a full line starts a section
        ):
            current.text += " " + line.strip()  # a wrapped line
        elif current is not None and current.kind == "entry" and indent > 0:
            current.text += "\n" + line.strip()  # an indented line under an entry
        else:
            current = Block("text", line.strip(), 0, number)
            blocks.append(current)
    return blocks
