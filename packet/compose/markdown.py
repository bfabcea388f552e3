"""Markdown -> DocTree, with markdown-it-py.

The subset: CommonMark without raw HTML and without images, plus `^sup^` and
these block containers (mdit-py-plugins' container plugin):

    ::: entry DATE          a dated entry: first paragraph = head, the rest = body
    ::: references          ordered lists inside are numbered [1], [2], ...
    ::: right | center | small | muted | letterhead | signature

A container inside another needs a longer fence on the outer one (`::::`).
A line holding only `\\pagebreak` starts a new page. Headings deeper than
`###` become level 3. A link whose scheme is not http, https or mailto keeps
its text and loses its target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.superscript import superscript_plugin

from packet.compose.doctree import (
    STYLES,
    Block,
    Code,
    Emph,
    Entry,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Styled,
    Sup,
    Text,
)

CONTAINERS: tuple[str, ...] = ("entry", "references", *STYLES)
PAGEBREAK = "\\pagebreak"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Quotes, lists and containers inside each other, and emphasis, links and superscripts
# inside each other: Typst stops at a "maximum show rule depth", and no document needs
# more than a few levels (docs/security.md).
MAX_DEPTH = 12
# Characters that open or close inline markup. markdown-it-py takes seconds per 100,000 of
# them in a row (`**_**_...`): its delimiter matching works on one paragraph (a list item's
# text) at a time, so a paragraph with absurdly many is refused; an entry of a reference
# list has a dozen. The whole document has a bound too, twenty times that: a list of
# 10,000 references has about 80,000 of them.
MAX_MARKUP = 50_000
MAX_MARKUP_DOCUMENT = 20 * MAX_MARKUP
_MARKUP_CHARS = "*_[]!`<"
# Where a paragraph surely ends and the next begins (CommonMark): a blank line, a heading
# or a fence; a bullet item, or an ordered one numbered 1, which may interrupt a paragraph;
# any item while a list goes on (in a list, its siblings and nested items).
_BREAK = re.compile(r"^[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|```|~~~)|^[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)(?:(\d{1,9})[.)]|[-+*])[ \t]+\S")


@dataclass
class MarkdownError(Exception):
    """Markdown that the DocTree cannot hold; `line` is 1-based in the Markdown text."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def _known_container(params: str, *_: object) -> bool:
    return params.strip().split(" ", 1)[0] in CONTAINERS


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(superscript_plugin)
    # One rule for all container names: the block parser tries every rule on
    # every line, so eight separate rules cost eight times as much.
    md.use(container_plugin, "box", validate=_known_container)
    # Parse every link, whatever its scheme, so that a refused link still
    # prints its label rather than its Markdown source.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def parse_markdown(text: str) -> list[Block]:
    """The blocks of a Markdown document."""
    markup = sum(map(text.count, _MARKUP_CHARS))
    if markup > MAX_MARKUP_DOCUMENT:
        raise MarkdownError(f"{markup:,} Markdown markup characters ({' '.join(_MARKUP_CHARS)}); "
                            f"at most {MAX_MARKUP_DOCUMENT:,} in a document")
    if markup > MAX_MARKUP:
        _check_runs(text)
    tokens = _parser().parse(text)
    _check_token_depth(tokens)
    root = SyntaxTreeNode(tokens)
    return _blocks(root.children, list_numbering=None, depth=0)


def _check_runs(text: str) -> None:
    """No paragraph (or list item's text) with more than MAX_MARKUP markup characters."""
    start, count, in_list, after_break = 1, 0, False, True

    def check() -> None:
        if count > MAX_MARKUP:
            raise MarkdownError(f"{count:,} Markdown markup characters "
                                f"({' '.join(_MARKUP_CHARS)}) in one paragraph; at most "
                                f"{MAX_MARKUP:,}", start)

    for number, line in enumerate(text.split("\n"), start=1):
        item = _ITEM.match(line)
        if _BREAK.match(line):
            check()
            start, count, after_break = number, 0, True
            continue
        if item and (in_list or after_break or (len(item[1]) <= 3 and item[2] in (None, "1"))):
            check()
            start, count, in_list = number, 0, True
        elif after_break:
            in_list = False
        after_break = False
        count += sum(map(line.count, _MARKUP_CHARS))
    check()


def _check_token_depth(tokens: list[Token]) -> None:
    """Refuse absurd nesting before the syntax tree is built (recursively, by markdown-it-py):
    `***...` a thousand levels deep would otherwise end in a RecursionError. Lists take two
    token levels per DocTree level, hence the headroom; `_blocks` gives the exact message."""
    limit = 3 * MAX_DEPTH
    line = None
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        depth = token.level
        for child in token.children or ():
            depth += child.nesting
            if depth - token.level > limit:
                raise MarkdownError(f"emphasis, links and superscripts nested more than "
                                    f"{MAX_DEPTH} levels deep", line)
        if token.level > limit:
            raise MarkdownError(
                f"quotes, lists and boxes nested more than {MAX_DEPTH} levels deep", line)


def _line(node: SyntaxTreeNode) -> int | None:
    return node.map[0] + 1 if node.map else None


def _blocks(nodes: list[SyntaxTreeNode], list_numbering: str | None, depth: int) -> list[Block]:
    out: list[Block] = []
    for node in nodes:
        if depth > MAX_DEPTH:
            raise MarkdownError(
                f"quotes, lists and boxes nested more than {MAX_DEPTH} levels deep", _line(node))
        out.extend(_block(node, list_numbering, depth))
    return out


def _block(node: SyntaxTreeNode, list_numbering: str | None, depth: int) -> list[Block]:
    kind = node.type
    if kind == "paragraph":
        inline = node.children[0] if node.children else None
        # Compare the source, not the text: escaped data reading "\pagebreak"
        # has a doubled backslash in the source and stays text.
        if inline is not None and inline.content.strip() == PAGEBREAK:
            return [PageBreak()]
        return [Paragraph(_inlines(node))]
    if kind == "heading":
        return [Heading(min(int(node.tag[1:]), 3), _inlines(node))]
    if kind in ("bullet_list", "ordered_list"):
        return [_list(node, list_numbering, depth)]
    if kind == "blockquote":
        return [Quote(_blocks(node.children, None, depth + 1))]
    if kind == "hr":
        return [Rule()]
    if kind in ("code_block", "fence"):
        return [_code(node.content)]
    if kind == "container_box":
        name, _, param = node.info.strip().partition(" ")
        if name == "entry":
            return [_entry(node, param, depth)]
        if name == "references":
            return _blocks(node.children, list_numbering="[1]", depth=depth + 1)
        return [Styled(name, _blocks(node.children, None, depth + 1))]  # type: ignore[arg-type]
    raise MarkdownError(f"unsupported Markdown ({kind})", _line(node))


def _list(node: SyntaxTreeNode, numbering: str | None, depth: int) -> ListBlock:
    ordered = node.type == "ordered_list"
    start = int(str(node.attrs.get("start", 1))) if ordered else 1
    items = [_blocks(item.children, None, depth + 1) for item in node.children]
    chosen = numbering if ordered and numbering else ("1." if ordered else "bullet")
    return ListBlock(ordered=ordered, items=items, start=start, numbering=chosen)  # type: ignore[arg-type]


def _entry(node: SyntaxTreeNode, param: str, depth: int) -> Entry:
    # The container's parameter is raw source: undo the escapes data got.
    date = unescapeAll(param.strip())
    children = list(node.children)
    head: list[Inline] = []
    if children and children[0].type == "paragraph":
        head = _inlines(children.pop(0))
    return Entry(date=date, head=head, body=_blocks(children, None, depth + 1))


def _code(content: str) -> Paragraph:
    lines = content.rstrip("\n").split("\n")
    children: list[Inline] = []
    for i, line in enumerate(lines):
        if i:
            children.append(LineBreak())
        children.append(Code(line))
    return Paragraph(children)


def _inlines(block: SyntaxTreeNode) -> list[Inline]:
    out: list[Inline] = []
    for inline in block.children:
        out.extend(_inline_children(inline, block))
    return _merge_text(out)


def _inline_children(node: SyntaxTreeNode, block: SyntaxTreeNode, depth: int = 0) -> list[Inline]:
    if depth > MAX_DEPTH:
        raise MarkdownError(
            f"emphasis, links and superscripts nested more than {MAX_DEPTH} levels deep",
            _line(block))
    out: list[Inline] = []
    for child in node.children:
        out.extend(_inline(child, block, depth))
    return out


def _inline(node: SyntaxTreeNode, block: SyntaxTreeNode, depth: int) -> list[Inline]:
    kind = node.type
    if kind == "text":
        return [Text(node.content)]
    if kind == "softbreak":
        return [Text(" ")]
    if kind == "hardbreak":
        return [LineBreak()]
    if kind == "code_inline":
        return [Code(node.content)]
    if kind == "strong":
        return [Strong(_merge_text(_inline_children(node, block, depth + 1)))]
    if kind == "em":
        return [Emph(_merge_text(_inline_children(node, block, depth + 1)))]
    if kind == "sup":
        return [Sup(_merge_text(_inline_children(node, block, depth + 1)))]
    if kind == "link":
        children = _merge_text(_inline_children(node, block, depth + 1))
        url = str(node.attrs.get("href", ""))
        return [Link(url, children)] if _allowed_url(url) else children
    if kind == "image":
        src = node.attrs.get("src", "")
        raise MarkdownError(f"images are not supported (found an image of {src})", _line(block))
    raise MarkdownError(f"unsupported Markdown ({kind})", _line(block))


def _allowed_url(url: str) -> bool:
    if re.fullmatch(r"#ref-\d{1,4}", url):  # a citation's link to its reference (cite())
        return True
    try:
        return urlsplit(url).scheme.lower() in LINK_SCHEMES
    except ValueError:
        return False


def _merge_text(nodes: list[Inline]) -> list[Inline]:
    """Join neighbouring text runs and drop empty ones (emphasis delimiters leave both)."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and not node.text:
            continue
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out
