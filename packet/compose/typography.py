"""Typographic quotes and dashes for every text of a document, profile data included.

Statements were often written with curly quotes; profile fields, answers and
titles typed in YAML are not. Applied to the DocTree's text (never to code, nor
to a link's text that spells its own address), so the PDF and the DOCX agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from packet.compose.doctree import (
    Block,
    Code,
    Entry,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Styled,
    Text,
)

_OPENS_AFTER = " \t\n([{\u2014\u2013/-"
_PAGES = re.compile(r"(?<=\d)-(?=\d)")  # "1-20": a range


def _quotes(text: str, before: str) -> str:
    out = []
    prev = before
    for ch in text:
        if ch == '"':
            ch = "\u201c" if (not prev or prev in _OPENS_AFTER) else "\u201d"
        elif ch == "'":
            ch = "\u2018" if (not prev or prev in _OPENS_AFTER) else "\u2019"
        out.append(ch)
        prev = ch
    return "".join(out)


def smarten(text: str, before: str = "") -> str:
    """'"x" -- y' -> '“x” – y'; '---' an em dash; "isn't" keeps its apostrophe (’)."""
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    return _quotes(text, before)


def _inlines(nodes: Iterable[Inline], before: str) -> str:
    for node in nodes:
        if isinstance(node, Text):
            node.text = smarten(node.text, before)
            before = node.text[-1:] or before
        elif isinstance(node, Code):
            before = "x"
        elif isinstance(node, Link):
            spelled = "".join(n.text for n in node.children if isinstance(n, Text))
            if spelled.strip() in (node.url, node.url.removeprefix("mailto:")) or "://" in spelled:
                before = "x"
                continue
            before = _inlines(node.children, before)
        elif hasattr(node, "children"):
            before = _inlines(node.children, before)
    return before


def smarten_blocks(blocks: Iterable[Block]) -> None:
    """Every text of `blocks`, in place."""
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            _inlines(block.children, "")
        elif isinstance(block, Entry):
            _inlines(block.head, "")
            block.date = _PAGES.sub("\u2013", block.date)
            smarten_blocks(block.body)
        elif isinstance(block, ListBlock):
            for item in block.items:
                smarten_blocks(item)
        elif isinstance(block, Styled | Quote):
            smarten_blocks(block.blocks)
