"""DocTree -> DOCX with python-docx: a Word file someone can go on editing.

Everything is expressed through Word's own styles (Title, Heading 1/2, List
Bullet, List Number, Quote, ...) so that changing a style in Word changes the
whole document. Data is only ever written as run text, never interpreted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from packet.compose import doctree as dt
from packet.render import docx_xml as xml
from packet.render.docx_layout import (
    QUOTE_INDENT,
    Theme,
    add_header_footer,
    blank_document,
    half,
    set_up_page,
    theme_for,
)
from packet.render.docx_runs import Fmt, RunWriter
from packet.render.setup import PageSetup

FIXED_STAMP = datetime(2000, 1, 1)  # used when the setup carries no date
_HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")
_BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
_NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")


def render_docx(doc: dt.Document, setup: PageSetup) -> bytes:
    """The document as DOCX bytes; the same input always gives the same bytes."""
    theme = theme_for(setup)
    word, style_ids = blank_document(setup, theme)
    writer = _Writer(word, setup, theme, style_ids)
    # A letter (it opens with a letterhead) sets its paragraphs further apart, as the themes do.
    if any(isinstance(b, dt.Styled) and b.style == "letterhead" for b in doc.blocks):
        writer.paragraph_gap = theme.gaps.letter
    writer.blocks(doc.blocks, _Look())
    set_up_page(word, setup)
    add_header_footer(word, setup, theme, setup.title or doc.title)
    _properties(word, doc, setup)
    return xml.stable_package(word)


def prepare_docx(setup: PageSetup) -> None:
    """Style a blank document for `setup` ahead of its documents (see `blank_document`)."""
    blank_document(setup, theme_for(setup))


@dataclass(frozen=True)
class _Look:
    """What a container hands down to the blocks inside it."""

    indent: float = 0.0  # left indent in points; 0 keeps the style's own
    align: WD_ALIGN_PARAGRAPH | None = None
    style: str | None = None  # paragraph style for plain paragraphs
    fmt: Fmt = field(default_factory=Fmt)
    level: int = 0  # list nesting depth


class _Writer:
    def __init__(
        self, word: WordDocument, setup: PageSetup, theme: Theme, style_ids: dict[str, str]
    ) -> None:
        self.word = word
        self.size = setup.font_size
        self.setup = setup
        self.theme = theme
        self.style_ids = style_ids
        self.runs = RunWriter(style_ids)
        self.numbering = word.part.numbering_part.element
        self.made: list[Paragraph] = []
        self.list_definitions: dict[str, int] = {}  # level text -> abstractNumId
        self.paragraph_gap: float | None = None  # ems after a prose paragraph, if not the style's
        self.heading_ids = {style_ids[name] for name in _HEADING_STYLES}
        # A page break becomes "page break before" on the next paragraph: a paragraph
        # holding only a break would leave an empty line at the top of the new page.
        self.break_pending = False
        self._section_end: Any = None  # the body's w:sectPr, before which paragraphs go

    # -- blocks ---------------------------------------------------------------

    def blocks(self, blocks: list[dt.Block], look: _Look) -> None:
        entries = [isinstance(b, dt.Entry) and not b.body for b in blocks] + [False, False]
        for index, block in enumerate(blocks):
            self.block(block, look)
            # As the themes: a run of short entries leaves none alone at a page's foot or
            # head (its first entry and the one before its last keep with the next).
            ends_run = index == 0 or not entries[index - 1] or not entries[index + 2]
            if entries[index] and entries[index + 1] and ends_run and self.made:
                self.made[-1].paragraph_format.keep_with_next = True

    def block(self, block: dt.Block, look: _Look) -> None:
        if isinstance(block, dt.Heading):
            style = _HEADING_STYLES[min(max(block.level, 1), 4) - 1]
            after_heading = bool(self.made) and self.made[-1]._p.style in self.heading_ids
            par = self.paragraph(block.children, replace(look, style=None, fmt=Fmt()), style)
            if after_heading and block.level > 1:
                before = self.word.styles[style].paragraph_format.space_before or Pt(0)
                par.paragraph_format.space_before = Pt(
                    half(before.pt + self.size * self.theme.gaps.stacked))
        elif isinstance(block, dt.Paragraph):
            par = self.paragraph(block.children, look, look.style or "Normal")
            if self.paragraph_gap is not None and look.style is None:
                par.paragraph_format.space_after = Pt(half(self.size * self.paragraph_gap))
        elif isinstance(block, dt.ListBlock):
            self.list_block(block, look)
        elif isinstance(block, dt.Entry):
            self.entry(block, look)
        elif isinstance(block, dt.Styled):
            self.styled(block, look)
        elif isinstance(block, dt.Quote):
            self.quote(block, look)
        elif isinstance(block, dt.Rule):
            par = self.paragraph([], replace(look, style=None), "Normal")
            # An empty paragraph one point tall: only its border shows.
            par.paragraph_format.line_spacing = Pt(1)
            par.paragraph_format.space_before = Pt(half(self.size * 0.5))
            par.paragraph_format.space_after = Pt(half(self.size * 0.9))
            xml.set_border(par._p, "bottom", 4, self.theme.hairline)
        elif isinstance(block, dt.PageBreak):
            self.break_pending = True

    def paragraph(self, inlines: list[dt.Inline], look: _Look, style: str) -> Paragraph:
        par = self._new_paragraph()
        if style != "Normal":
            # Setting the id directly: python-docx's style setter rescans every style per call.
            par._p.style = self.style_ids[style]
        fmt = par.paragraph_format
        if self.break_pending:
            fmt.page_break_before = True
            self.break_pending = False
        if look.indent:
            fmt.left_indent = Pt(look.indent)
        if look.align is not None:
            fmt.alignment = look.align
        self.runs.inlines(par, inlines, look.fmt)
        self.made.append(par)
        return par

    def _new_paragraph(self) -> Paragraph:
        # python-docx's add_paragraph looks for the body's w:sectPr from the first child on,
        # for every paragraph: quadratic in a long publication list. It is found once here.
        if self._section_end is None:
            body = self.word.element.body
            self._section_end = body.find(qn("w:sectPr"))
            if self._section_end is None:
                return self.word.add_paragraph()
        p = OxmlElement("w:p")
        self._section_end.addprevious(p)
        return Paragraph(p, self.word._body)

    def styled(self, block: dt.Styled, look: _Look) -> None:
        kind = block.style
        if kind in ("right", "center"):
            # A theme whose titles are flush left sets the lines under them flush left too.
            center = WD_ALIGN_PARAGRAPH.CENTER if self.theme.headings[0].center else None
            align = WD_ALIGN_PARAGRAPH.RIGHT if kind == "right" else center
            self.blocks(block.blocks, replace(look, align=align))
        elif kind == "small":
            small = replace(look.fmt, size=half(self.setup.small(0.9)))
            self.blocks(block.blocks, replace(look, fmt=small))
        elif kind == "muted":
            muted = replace(look.fmt, color=self.theme.muted)
            self.blocks(block.blocks, replace(look, fmt=muted))
        elif kind == "letterhead":
            self.letterhead(block.blocks, look)
        elif kind == "signature":
            self.signature(block.blocks, look)
        else:
            self.blocks(block.blocks, look)

    def letterhead(self, blocks: list[dt.Block], look: _Look) -> None:
        """The name large, the address lines small and grey, a rule below (as in the PDF)."""
        theme, start = self.theme, len(self.made)
        name = replace(look.fmt, size=half(self.size * 1.6), bold=not theme.letterhead_center,
                       small_caps=theme.letterhead_center,
                       color=None if theme.letterhead_center else theme.accent)
        rest = replace(look.fmt, size=half(self.setup.small(0.9)), color=theme.muted)
        for index, part in enumerate(blocks):
            self.block(part, replace(look, style="Letterhead", fmt=name if index == 0 else rest))
        if len(self.made) > start:
            last = self.made[-1]
            # As in the themes: classic sets its letterhead 2 em above the text, modern 1.4
            # (less the leading, as every gap here).
            gap = 1.7 if theme.letterhead_center else 1.1
            last.paragraph_format.space_after = Pt(half(self.size * gap))
            size, color = theme.letterhead_rule
            xml.set_border(last._p, "bottom", size, color, space=6)

    def signature(self, blocks: list[dt.Block], look: _Look) -> None:
        """The closing, room for a handwritten signature, then the name; kept on one page."""
        start = len(self.made)
        for index, part in enumerate(blocks):
            first = len(self.made)
            self.block(part, replace(look, style="Signature"))
            if index < 2 and len(self.made) > first:
                gap = (1.1 if index == 0 else 2.35) if self.theme.letterhead_center else (
                    0.8 if index == 0 else 2.0)
                self.made[first].paragraph_format.space_before = Pt(half(self.size * gap))
        for par in self.made[start:]:
            par.paragraph_format.keep_together = True
        if len(self.made) > start:
            self.made[-1].paragraph_format.keep_with_next = False

    def quote(self, block: dt.Quote, look: _Look) -> None:
        start = len(self.made)
        indent = look.indent + half(self.size * QUOTE_INDENT)
        self.blocks(block.blocks, replace(look, indent=indent, style="Quote"))
        if not self.theme.justify:  # the modern theme marks quotes with a bar on the left
            for par in self.made[start:]:
                xml.set_border(par._p, "left", 16, self.theme.hairline, space=8)

    def entry(self, block: dt.Entry, look: _Look) -> None:
        # The date beside the head's first line, at the right tab stop, as in the PDF;
        # the head's further lines (title, department) run the full width below.
        cut = next((i for i, n in enumerate(block.head) if isinstance(n, dt.LineBreak)),
                   len(block.head))
        par = self.paragraph(block.head[:cut], replace(look, style=None), "Entry")
        if block.date:
            par.add_run().add_tab()
            date_fmt = replace(look.fmt, color=look.fmt.color or self.theme.muted)
            self.runs.inlines(par, [dt.Text(block.date)], date_fmt)
        if cut < len(block.head):
            self.runs.inlines(par, block.head[cut:], look.fmt)
        par.paragraph_format.keep_together = True
        if block.body:
            par.paragraph_format.keep_with_next = True
            par.paragraph_format.space_after = Pt(0)
            start = len(self.made)
            indent = look.indent + half(self.size * self.theme.entry_indent)
            self.blocks(block.body, replace(look, indent=indent, style="Entry Body"))
            if len(self.made) > start:
                gaps = self.theme.gaps
                self.made[-1].paragraph_format.space_after = Pt(
                    half(self.size * max(gaps.entry - gaps.pull, 0)))

    def list_block(self, block: dt.ListBlock, look: _Look) -> None:
        kind = block.numbering
        if block.ordered and kind == "bullet":
            kind = "1."
        depth = min(look.level, 2)
        digits = len(str(max(block.start + len(block.items) - 1, 1)))
        # (marker offset, marker-to-text) in ems, after the Typst themes' list geometry
        if kind == "bullet":
            style, label, offset, hang = _BULLET_STYLES[depth], ("•", "–", "•")[depth], 0.5, 0.9
        elif kind == "none":  # author-year lists: a hanging indent finds each entry
            style, label, offset, hang = "List", "", 0.0, 1.5
        elif kind == "[1]":
            style, label, offset, hang = _NUMBER_STYLES[depth], "[%1]", 0.0, 1.3 + 0.56 * digits
        else:
            style, label, offset, hang = _NUMBER_STYLES[depth], "%1.", 0.3, 0.8 + 0.56 * digits
        text_at = look.indent + math.ceil((offset + hang) * self.size)
        hang_pt = float(math.ceil(hang * self.size))
        num_id = self._start_list(label, block.start) if label else None
        inner = replace(look, indent=text_at, level=look.level + 1)
        count = len(block.items)
        for index, item in enumerate(block.items):
            first = item[0] if item and isinstance(item[0], dt.Paragraph) else None
            par = self.paragraph(first.children if first else [], replace(look, style=None), style)
            par.paragraph_format.left_indent = Pt(text_at)
            par.paragraph_format.first_line_indent = Pt(-hang_pt)
            if num_id is not None:
                xml.set_num(par, num_id)
            # As the themes: no item left alone at a page's foot or head, under a heading.
            if count > 1 and index in (0, count - 2):
                par.paragraph_format.keep_with_next = True
            if kind in ("[1]", "none"):  # references read better a little apart
                xml.set_contextual_spacing(par, False)
                par.paragraph_format.space_after = Pt(half(self.size * self.theme.gaps.reference))
            self.blocks(item[1:] if first else item, replace(inner, style="List Continue"))
        if kind in ("[1]", "none") and self.made:  # the list stands apart from what follows
            self.made[-1].paragraph_format.space_after = Pt(
                half(self.size * self.theme.gaps.paragraph))

    def _start_list(self, label: str, start: int) -> int:
        if label not in self.list_definitions:
            color = self.theme.accent if "%1" not in label and not self.theme.justify else None
            self.list_definitions[label] = xml.add_list_definition(self.numbering, label, color)
        return xml.start_list(self.numbering, self.list_definitions[label], start)


def _properties(word: WordDocument, doc: dt.Document, setup: PageSetup) -> None:
    props = word.core_properties
    props.title = xml.clean_text(setup.title or doc.title)[:255]
    props.author = xml.clean_text(setup.author)[:255]
    props.last_modified_by = props.author
    props.keywords = xml.clean_text(", ".join(setup.keywords))[:255]
    props.comments = ""
    props.language = setup.lang
    props.revision = 1
    stamp = _stamp(setup.date)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _stamp(iso: str) -> datetime:
    try:
        day = date.fromisoformat(iso.strip()[:10])
    except ValueError:
        return FIXED_STAMP
    return datetime(day.year, day.month, day.day)
