"""The one neutral form every CV format is turned into before recognition.

A CV becomes a list of `Block`s (a heading, a list entry, a line of text), each with
its nesting level and source line. Inline emphasis matters for recognising
structure (a bold first line names the institution, an italic span is a talk's
title), so it is kept as private-use marker characters inside the text:
BOLD_ON ... BOLD_OFF and ITAL_ON ... ITAL_OFF. `plain()` removes them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Literal

BOLD_ON, BOLD_OFF, ITAL_ON, ITAL_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
MARKERS = BOLD_ON + BOLD_OFF + ITAL_ON + ITAL_OFF
_MARKER_RE = re.compile(f"[{MARKERS}]")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

Kind = Literal["heading", "entry", "text"]


@dataclass
class Block:
    kind: Kind
    text: str  # inline text, emphasis as markers, lines inside one entry joined by "\n"
    level: int = 0  # heading level (1 = top) or list nesting (1 = top list)
    line: int = 0  # 1-based line in the source, 0 when unknown
    # the parts of an entry whose CV-class macro names them (see cv/classed.py), else None
    parts: dict[str, Any] | None = None


def plain(text: str) -> str:
    """The text without emphasis markers, whitespace runs collapsed (line breaks kept)."""
    text = _MARKER_RE.sub("", text)
    # U+2010 and the non-breaking U+2011 are hyphens ("Santiago\u2011Reyes"): a name or a page
    # range holding one is read as one holding "-"
    text = text.translate(_HYPHENS)
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")).strip()


def emphasised(text: str) -> list[tuple[str, str, int, int]]:
    """(style "b"/"i", plain text, start, end) of each emphasised span, offsets in `text`."""
    spans = []
    for style, on, off in (("b", BOLD_ON, BOLD_OFF), ("i", ITAL_ON, ITAL_OFF)):
        for m in re.finditer(f"{on}(.*?){off}", text, re.DOTALL):
            inner = plain(m.group(1))
            if inner:
                spans.append((style, inner, m.start(), m.end()))
    return sorted(spans, key=lambda s: s[2])


# A link whose words say what it points to, not what the entry is ("PDF", "Website",
# "GitHub Repository", "Slides"): its words are no part of a reference, talk or title
_LINK_LABEL_RE = re.compile(
    r"(?i)^\W*(?:(?:open[- ]access |free |full[- ]text |publisher'?s? )?pdf"
    r"(?: (?:from|at) (?:the )?publisher)?|html|web ?site(?: version)?|project (?:page|website)"
    r"|github(?: repo(?:sitory)?)?|gitlab|code|source code|repo(?:sitory)?|slides|pptx?|video"
    r"|recording|poster|data(?: ?set)?|supplement(?:ary (?:material|information))?|bibtex|bib"
    r"|link|here|blog(?: post)?|press release|demo|notebook|open access|doi)\W*$"
)


def is_link_label(text: str) -> bool:
    return bool(_LINK_LABEL_RE.match(plain(text)))


def is_all_emphasised(text: str) -> bool:
    """A line that is bold or italic from end to end (a heading in many CVs)."""
    rest = re.sub(f"{BOLD_ON}.*?{BOLD_OFF}", "", text, flags=re.DOTALL)
    return bool(plain(text)) and not plain(rest).strip(" :.")


# ----------------------------------------------------------------- HTML -> blocks

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "table",
    "tr",
    "br",
    "hr",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "header",
    "footer",
    "main",
    "body",
    "ul",
    "ol",
    "pre",
    "td",
    "th",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_PARAGRAPHS = {"p", "div", *_HEADINGS}
_BOLD = {"b", "strong"}
_ITALIC = {"i", "em", "cite", "u"}
_SKIP = {"script", "style", "head", "title", "nav", "svg", "button", "form"}


class _BlockParser(HTMLParser):
    def __init__(self, line_offset: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.kind: Kind = "text"
        self.level = 0
        self.lists = 0
        self.skip = 0
        self.start_line = 0
        self.line_offset = line_offset
        self.links: list[str] = []
        self.anchors: list[int] = []  # where the text of each open <a> starts in buf
        # the list nesting at which each open <li> was opened: inside one, a heading or a
        # paragraph is a line of that entry ("<li><h3>Title</h3><p>Venue<br>Authors</p>")
        self.items: list[int] = []

    def _in_item(self) -> bool:
        return bool(self.items) and self.items[-1] == self.lists and self.kind == "entry"

    def _line(self) -> int:
        return self.getpos()[0] + self.line_offset

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        if plain(text):
            self.blocks.append(Block(self.kind, text.strip(), self.level, self.start_line))
        self.kind, self.level = "text", 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _PARAGRAPHS and self._in_item():
            self._item_line()
        elif tag in _HEADINGS:
            self.flush()
            self.kind, self.level, self.start_line = "heading", _HEADINGS[tag], self._line()
        elif tag in (
            "li",
            "dt",
            "dd",
        ):  # a term ("2019") belongs to its definition, not the line above
            self.flush()
            self.kind, self.level, self.start_line = "entry", max(self.lists, 1), self._line()
            if tag == "li":
                self.items.append(self.lists)
        elif tag == "br":
            self.buf.append("\n")
        elif tag in ("td", "th") and self.buf and plain("".join(self.buf)):
            self.buf.append("\t")  # table cells of one row stay one block, tab-separated
        elif tag in _BLOCK_TAGS:
            if tag in ("ul", "ol"):
                self.lists += 1
            self.flush()
            self.start_line = self._line()
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.anchors.append(len(self.buf))
            if re.search(r"doi\.org/10\.|arxiv\.org/abs/", href):
                self.links.append(href)  # the identifier of a reference whose title is the link
        elif tag in _BOLD:
            self.buf.append(BOLD_ON)
        elif tag in _ITALIC:
            self.buf.append(ITAL_ON)
        if not self.buf and not self.start_line:
            self.start_line = self._line()

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # <br/> is reported as a start and an end: the start made the line break
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "a":
            start = self.anchors.pop() if self.anchors else len(self.buf)
            if start <= len(self.buf) and is_link_label("".join(self.buf[start:])):
                del self.buf[start:]  # "<a href=...>Open Access PDF</a>": a label, not text
            if self.links:
                self.buf.append(f" {self.links.pop()} ")
        elif tag in _BOLD:
            self.buf.append(BOLD_OFF)
        elif tag in _ITALIC:
            self.buf.append(ITAL_OFF)
        elif tag in _PARAGRAPHS and self._in_item():
            self._item_line()
        elif (
            tag in _HEADINGS
            or tag in ("li", "dt", "dd")
            or (tag in _BLOCK_TAGS and tag not in ("td", "th"))
        ):
            if tag in ("ul", "ol"):
                self.lists = max(0, self.lists - 1)
                while self.items and self.items[-1] > self.lists:
                    self.items.pop()  # an <li> left open: its list closed it
            if tag == "li" and self.items:
                self.items.pop()
            self.flush()

    def _item_line(self) -> None:
        if self.buf and plain("".join(self.buf)) and not "".join(self.buf).endswith("\n"):
            self.buf.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.buf:
            self.start_line = self._line()
        self.buf.append(re.sub(r"\s*\n\s*", " ", data))


def html_blocks(source: str, line_offset: int = 0) -> list[Block]:
    """Blocks of an HTML document or fragment (headings, list items, paragraphs)."""
    parser = _BlockParser(line_offset)
    parser.feed(source)
    parser.close()
    parser.flush()
    return parser.blocks


def unescape(text: str) -> str:
    return html.unescape(text)
