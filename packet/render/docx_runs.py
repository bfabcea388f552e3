"""DocTree inline nodes -> Word runs: text, emphasis, code, links, one run per script."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from packet.compose import doctree as dt
from packet.render import docx_scripts as scripts
from packet.render import docx_xml as xml
from packet.render.docx_layout import rgb

CODE_FONT = "Courier New"


@dataclass(frozen=True)
class Fmt:
    """Run formatting, inherited from containers and inline nodes."""

    bold: bool = False
    italic: bool = False
    sup: bool = False
    code: bool = False
    small_caps: bool = False
    size: float | None = None
    color: str | None = None
    link: Any = None  # the w:hyperlink element runs go into


class RunWriter:
    """Writes inline nodes into paragraphs with the document's styles (for links)."""

    def __init__(self, style_ids: dict[str, str]) -> None:
        self.style_ids = style_ids

    def inlines(self, par: Paragraph, nodes: list[dt.Inline], fmt: Fmt) -> None:
        for node in nodes:
            if isinstance(node, dt.Text):
                self.run(par, node.text, fmt)
            elif isinstance(node, dt.Code):
                self.run(par, node.text, replace(fmt, code=True))
            elif isinstance(node, dt.Strong):
                self.inlines(par, node.children, replace(fmt, bold=True))
            elif isinstance(node, dt.Emph):
                self.inlines(par, node.children, replace(fmt, italic=True))
            elif isinstance(node, dt.Sup):
                self.inlines(par, node.children, replace(fmt, sup=True))
            elif isinstance(node, dt.LineBreak):
                self.run(par, "", fmt).add_break()
            elif isinstance(node, dt.Link):
                self.link(par, node, fmt)

    def link(self, par: Paragraph, node: dt.Link, fmt: Fmt) -> None:
        url = xml.safe_link(node.url)
        children: list[dt.Inline] = node.children or [dt.Text(node.url)]
        if url is None or fmt.link is not None:  # unsafe scheme, or a link inside a link
            self.inlines(par, children, fmt)
            return
        self.inlines(par, children, replace(fmt, link=xml.add_hyperlink(par, url)))

    def run(self, par: Paragraph, text: str, fmt: Fmt) -> Any:
        """The text as runs formatted by `fmt`, one per script (docx_scripts.py); the last."""
        clean = xml.clean_text(text)
        if clean.isascii():  # nearly every run: no script to tell apart
            return self._one_run(par, clean, fmt, "")
        run = None
        for kind, piece in scripts.segments(clean):
            run = self._one_run(par, piece, fmt, kind)
        return run

    def _one_run(self, par: Paragraph, clean: str, fmt: Fmt, kind: str) -> Any:
        r = par._p.add_r()
        if clean:
            # What par.add_run(clean) writes, without its scan of every character for tabs
            # and line breaks, which clean_text leaves none of: one w:t.
            r.add_t(clean)
        run = Run(r, par)
        scripts.mark_run(run, kind)
        if fmt.link is not None:
            fmt.link.append(run._r)
            run._r.style = self.style_ids["Hyperlink"]
        elif fmt.color is not None:
            run.font.color.rgb = rgb(fmt.color)
        if fmt.bold:
            run.bold = True
            if kind:
                run.font.cs_bold = True
        if fmt.italic:
            run.italic = True
            if kind:
                run.font.cs_italic = True
        if fmt.small_caps:
            run.font.small_caps = True
        if fmt.sup:
            run.font.superscript = True
        if fmt.code:
            xml.set_fonts(run._r, CODE_FONT)
        if fmt.size is not None:
            run.font.size = Pt(fmt.size)
            if kind:
                xml.set_cs_size(run._r, fmt.size)
        return run
