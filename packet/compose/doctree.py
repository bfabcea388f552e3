"""The document tree: the one form every document takes between Markdown and output.

Both renderers walk this tree, so the PDF and the DOCX always say the same
thing, and data never becomes markup: the Typst theme receives the tree as
JSON and prints text nodes as text.

JSON shape (what `Document.to_json()` produces and the Typst themes read):

    {"id": "cv", "title": "Curriculum Vitae", "meta": {...}, "blocks": [BLOCK...]}

    BLOCK is one of
      {"type": "heading", "level": 1|2|3, "children": [INLINE...]}
      {"type": "paragraph", "children": [INLINE...]}
      {"type": "list", "ordered": bool, "start": int, "numbering": "1."|"[1]"|"bullet"|"none",
       "items": [[BLOCK...], ...]}
      {"type": "entry", "date": str, "head": [INLINE...], "body": [BLOCK...]}
          a dated CV entry: `head` on the left, `date` flush right, `body` below
      {"type": "styled", "style": "right"|"center"|"small"|"muted"|"letterhead"|"signature",
       "blocks": [BLOCK...]}
      {"type": "quote", "blocks": [BLOCK...]}
      {"type": "rule"}
      {"type": "pagebreak"}

    INLINE is one of
      {"type": "text", "text": str}
      {"type": "strong", "children": [INLINE...]}
      {"type": "emph", "children": [INLINE...]}
      {"type": "link", "url": str, "children": [INLINE...]}
      {"type": "code", "text": str}
      {"type": "sup", "children": [INLINE...]}
      {"type": "linebreak"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, Union

# -- inline -------------------------------------------------------------------


@dataclass
class Text:
    text: str
    type: Literal["text"] = "text"


@dataclass
class Strong:
    children: list[Inline]
    type: Literal["strong"] = "strong"


@dataclass
class Emph:
    children: list[Inline]
    type: Literal["emph"] = "emph"


@dataclass
class Link:
    url: str
    children: list[Inline]
    type: Literal["link"] = "link"


@dataclass
class Code:
    text: str
    type: Literal["code"] = "code"


@dataclass
class Sup:
    children: list[Inline]
    type: Literal["sup"] = "sup"


@dataclass
class LineBreak:
    type: Literal["linebreak"] = "linebreak"


Inline = Union[Text, Strong, Emph, Link, Code, Sup, LineBreak]  # noqa: UP007

# -- blocks -------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    children: list[Inline]
    type: Literal["heading"] = "heading"


@dataclass
class Paragraph:
    children: list[Inline]
    type: Literal["paragraph"] = "paragraph"


@dataclass
class ListBlock:
    ordered: bool
    items: list[list[Block]]
    start: int = 1
    numbering: Literal["1.", "[1]", "bullet", "none"] = "bullet"
    type: Literal["list"] = "list"


@dataclass
class Entry:
    date: str
    head: list[Inline]
    body: list[Block] = field(default_factory=list)
    type: Literal["entry"] = "entry"


Style = Literal["right", "center", "small", "muted", "letterhead", "signature"]
STYLES: tuple[str, ...] = ("right", "center", "small", "muted", "letterhead", "signature")


@dataclass
class Styled:
    style: Style
    blocks: list[Block]
    type: Literal["styled"] = "styled"


@dataclass
class Quote:
    blocks: list[Block]
    type: Literal["quote"] = "quote"


@dataclass
class Rule:
    type: Literal["rule"] = "rule"


@dataclass
class PageBreak:
    type: Literal["pagebreak"] = "pagebreak"


Block = Union[Heading, Paragraph, ListBlock, Entry, Styled, Quote, Rule, PageBreak]  # noqa: UP007


@dataclass
class Document:
    id: str
    title: str
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "meta": self.meta,
            "blocks": _plain(self.blocks),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    def headings(self) -> list[Heading]:
        return [b for b in walk_blocks(self.blocks) if isinstance(b, Heading)]

    def plain_text(self) -> str:
        """All text, blocks separated by newlines: what word and character limits count."""
        return "\n".join(_block_text(b) for b in self.blocks if _block_text(b))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value




_NODES: dict[str, type] = {
    str(cls.__dataclass_fields__["type"].default): cls
    for cls in (Text, Strong, Emph, Link, Code, Sup, LineBreak, Heading, Paragraph, ListBlock,
                Entry, Styled, Quote, Rule, PageBreak)
}


def blocks_from_plain(value: Any) -> Any:
    """The inverse of the JSON shape above: blocks (or inlines) from their plain form.
    Raises KeyError or TypeError for anything that is not that shape."""
    if isinstance(value, list):
        return [blocks_from_plain(v) for v in value]
    if isinstance(value, dict):
        fields = {k: blocks_from_plain(v) for k, v in value.items() if k != "type"}
        return _NODES[value["type"]](**fields)
    return value


def walk_blocks(blocks: list[Block]) -> list[Block]:
    """Every block, depth first, containers before their contents."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, ListBlock):
            for item in block.items:
                out.extend(walk_blocks(item))
        elif isinstance(block, Entry):
            out.extend(walk_blocks(block.body))
        elif isinstance(block, Styled | Quote):
            out.extend(walk_blocks(block.blocks))
    return out


def inline_text(inlines: list[Inline]) -> str:
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            parts.append(inline_text(node.children))
    return "".join(parts)


def _block_text(block: Block) -> str:
    if isinstance(block, Heading | Paragraph):
        return inline_text(block.children)
    if isinstance(block, ListBlock):
        return "\n".join(_block_text(b) for item in block.items for b in item)
    if isinstance(block, Entry):
        head = inline_text(block.head)
        body = "\n".join(_block_text(b) for b in block.body)
        return "\n".join(p for p in (head, block.date, body) if p)
    if isinstance(block, Styled | Quote):
        return "\n".join(_block_text(b) for b in block.blocks)
    return ""
