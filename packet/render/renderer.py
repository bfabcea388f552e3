"""`Renderer`: every document of a build typeset as PDF (Typst) and written as DOCX.

Typst lets go of the GIL while it compiles, so it typesets in a thread beside the
Python that composes the next document. python-docx is pure Python, so it runs
in a helper process where it can (see `packet.render.docx_process`). The helper
is forked first, before the Typst thread exists, because a process may only be
forked while it has no other thread: the renderer starts both, in that order,
and nothing else of a build needs to know.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import io
import json
import re
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from packet.cache import Cache, content_key
from packet.compose.doctree import Document
from packet.compose.documents import ComposedDocument
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.render.memo import DOCXS, PDFS
from packet.render.setup import PageSetup

if TYPE_CHECKING:
    from packet.render.docx_process import DocxWorker


@dataclass
class RenderedDocument:
    composed: ComposedDocument
    setup: PageSetup
    pdf: bytes
    pages: int
    reader: Any = field(repr=False)  # a pypdf PdfReader of `pdf`: one parse serves check and merge
    _docx: Future[bytes] | None = field(default=None, repr=False)
    missing_glyphs: str = ""  # characters of the text that no font can print

    @property
    def spec(self) -> DocumentSpec:
        return self.composed.spec

    def docx(self) -> bytes:
        """The DOCX, waiting for the helper; rendered here if the helper failed."""
        from packet.render.docx_process import HelperFailed

        assert self._docx is not None, "DOCX was not asked for"
        try:
            word = self._docx.result()
        except HelperFailed:  # render it here, where a real error shows with its traceback
            from packet.render.docx import render_docx

            word = render_docx(self.composed.tree, self.setup)
        if self.pages == 1 and self.setup.footer is None and self.setup.page_numbers:
            from packet.render.docx_footer import without_page_numbers

            word = without_page_numbers(word)
        return word


@dataclass(frozen=True)
class Layout:
    """What every page of a packet shares: the call's format, the applicant, the theme."""

    call: CallSpec
    applicant: str
    theme: str
    date: PartialDate
    acronym: str = ""  # the project's acronym, for a header the call prescribes
    fonts_dir: str | None = None  # the workspace's fonts/, searched before packet's own

    def document_setup(self, doc: ComposedDocument) -> PageSetup:
        """The setup of one document: the call's header filled in, and whether the first
        page needs the applicant's name (a statement titled only "Teaching Statement")."""
        setup = self.setup(doc.spec.title)
        text = self.call.format.header_text
        line = None
        if text:
            fields = {"name": self.applicant, "last_name": self.applicant.split()[-1],
                      "document": doc.spec.title, "part": doc.spec.part or doc.spec.title,
                      "acronym": self.acronym, "call": self.call.name}
            line = re.sub(r"\{(\w+)\}", lambda m: fields.get(m[1], m[0]), text)
            line = re.sub(r"(\s*\|\s*)+$", "", line)  # a field left empty leaves no "|"
        cap = doc.spec.max_pages
        return replace(setup, header_line=line, short=cap is not None and cap <= 2,
                       byline=not names_applicant_early(doc.tree, self.applicant))

    def setup(self, title: str) -> PageSetup:
        fmt = self.call.format
        return PageSetup(
            paper=fmt.paper,
            font_size=max(fmt.font_size, fmt.min_font_size),
            min_font_size=fmt.min_font_size,
            margins=fmt.margins.points(),
            page_numbers=fmt.page_numbers,
            header=self.applicant if fmt.header else None,
            footer=fmt.footer,
            theme=self.theme,
            fonts=tuple(fmt.fonts),
            title=f"{title} — {self.applicant}",
            author=self.applicant,
            keywords=tuple(self.call.keywords),
            date=self.date.as_date().isoformat(),
            font_dirs=(self.fonts_dir,) if self.fonts_dir else (),
        )

    def cover_setup(self, title: str) -> PageSetup:
        # The cover is packet's own page: no running header, no call footer ("Page 1 of 1").
        return replace(self.setup(title), header=None, footer=None, page_numbers=False,
                       title=title)

    @property
    def timestamp(self) -> int:
        import calendar

        return calendar.timegm(self.date.as_date().timetuple())


@functools.cache
def _docx_version() -> str:
    return importlib.metadata.version("python-docx")


def names_applicant_early(tree: Document, name: str, blocks: int = 4) -> bool:
    """Whether the applicant's name is in the document's first blocks (a CV's heading,
    a letterhead), so a page shuffled out of the packet still says whose it is."""
    text = replace(tree, blocks=tree.blocks[:blocks]).plain_text()
    return name.casefold() in " ".join(text.split()).casefold()


class Renderer:
    """Use as a context manager: the Typst thread and the DOCX helper live inside it."""

    def __init__(self, layout: Layout, *, docx: bool, cache_dir: Path | None = None) -> None:
        self.layout = layout
        self._want_docx = docx
        self._cache_dir = cache_dir  # rendered documents are kept there too (`render.memo`)
        self._fonts_cache = Cache(cache_dir, "fonts") if cache_dir is not None else None
        self._stack = contextlib.ExitStack()
        self._word: DocxWorker | None = None
        self._typst: ThreadPoolExecutor | None = None

    def __enter__(self) -> Renderer:
        from packet.render.docx_process import start_worker

        if self._cache_dir is not None:
            self._stack.enter_context(PDFS.on_disk(Cache(self._cache_dir, "pdfs")))
            self._stack.enter_context(DOCXS.on_disk(Cache(self._cache_dir, "docx")))

        # The helper first: a process is only forked while it has no other thread.
        self._word = start_worker() if self._want_docx else None
        self._typst = ThreadPoolExecutor(max_workers=1, thread_name_prefix="packet-typst")
        if self._word is not None:  # a call's documents share their styles: make them meanwhile
            self._word.prepare(self.layout.setup(self.layout.call.documents[0].title))
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        failed = kind is not None
        assert self._typst is not None
        self._typst.shutdown(wait=True, cancel_futures=failed)
        if self._word is not None:
            self._word.close(abort=failed)
        self._stack.close()

    def render_documents(self, composed: Iterable[ComposedDocument]) -> list[RenderedDocument]:
        """Each document typeset (and its DOCX under way) as soon as it is composed."""
        from pypdf import PdfReader

        from packet.render.fonts import font_dirs, missing_characters
        from packet.render.pdf import render_pdf

        assert self._typst is not None, "use Renderer as a context manager"
        pending = []
        for doc in composed:
            setup = self.layout.document_setup(doc)
            pdf = self._typst.submit(render_pdf, doc.tree, setup, timestamp=self.layout.timestamp)
            word = self._docx(doc, setup) if self._word is not None else None
            pending.append((doc, setup, pdf, word))
        out = []
        for doc, setup, pdf, word in pending:
            data = pdf.result()
            reader = PdfReader(io.BytesIO(data), strict=False)
            missing = missing_characters(doc.tree.plain_text(), font_dirs(
                Path(setup.font_dirs[0]) if setup.font_dirs else None), self._fonts_cache)
            out.append(RenderedDocument(doc, setup, data, len(reader.pages), reader, word,
                                        missing_glyphs=missing))
        return out

    def _docx(self, doc: ComposedDocument, setup: PageSetup) -> Future[bytes]:
        """The DOCX under way in the helper, or known from an earlier build in this process."""
        key = content_key("docx", _docx_version(), doc.tree.to_json(),
                          json.dumps(setup.to_dict(), sort_keys=True))
        known = DOCXS.get(key)
        if known is not None:
            done: Future[bytes] = Future()
            done.set_result(known)
            return done
        assert self._word is not None
        pending = self._word.submit(doc.tree, setup)
        pending.add_done_callback(
            lambda f: DOCXS.put(key, f.result()) if f.exception() is None else None)
        return pending

    def render_cover(self, cover: Document, title: str) -> tuple[bytes, int]:
        """The packet's cover page(s), titled `title` in the PDF's metadata, and how many
        pages they took."""
        from pypdf import PdfReader

        from packet.render.pdf import render_pdf

        pdf = render_pdf(cover, self.layout.cover_setup(title),
                         timestamp=self.layout.timestamp)
        return pdf, len(PdfReader(io.BytesIO(pdf)).pages)
