"""Facts about a PDF that a funder's rules are about, from any tool's PDF.

`inspect_pdf` reads pages, paper sizes, where text sits, how big it is,
fonts, encryption, forms and portfolios; the rules in `packet.check.rules`
compare these facts with a call. PDFium (pypdfium2) reads the text, pypdf
the object structure. Inputs that cannot be judged at all (not a PDF,
damaged, password-protected) raise `UserError` with what to do.

Font sizes are printed sizes (the `Tf` size times the text and page
matrices). The *body* size of a page ignores short runs: see
`packet.check.pdf_text.RUN_MIN_CHARS`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from packet.check.margins import Bands, MarginHit, margin_hits, running_bands
from packet.check.pdf_structure import FontFact, read_structure
from packet.check.pdf_text import RUN_MIN_CHARS, Box, TextRun, read_page_text
from packet.errors import UserError
from packet.paths import MAX_PDF_BYTES, read_user_bytes

__all__ = [
    "RUN_MIN_CHARS", "Box", "FontFact", "MarginHit", "PageFacts", "PdfFacts", "TextRun",
    "inspect_pdf",
]

_PDFIUM_LOCK = threading.Lock()
MAX_PAGES = 5000  # pages of one PDF that `inspect_pdf` reads

# Where a file's first bytes say what it really is, for "X is not a PDF" messages.
_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive, e.g. a Word (.docx) or OpenDocument file",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc)",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"<!DOCTYPE html": "a web page",
    b"<html": "a web page",
}


@dataclass
class PageFacts:
    number: int  # 1-based
    width: float  # points, as displayed: the crop box, turned by the rotation
    height: float
    media: tuple[float, float]  # media box width and height, points, before rotation
    rotation: int  # degrees clockwise, 0/90/180/270
    chars: int  # characters PDFium finds, invisible OCR text included
    boxes: list[Box] = field(default_factory=list)  # text lines, displayed coordinates
    runs: list[TextRun] = field(default_factory=list)  # visible text by printed size
    references: Box | None = None  # a reference list's heading line, if it starts here

    @property
    def sizes(self) -> dict[float, int]:
        """Visible characters by printed size."""
        return _histogram(self.runs)

    @property
    def body_sizes(self) -> dict[float, int]:
        """Characters of body text (runs of at least RUN_MIN_CHARS) by printed size."""
        return _histogram(r for r in self.runs if r.is_body)

    def body_sizes_outside(self, bands: list[tuple[float, float]]) -> dict[float, int]:
        """Body text by size, leaving out runs that lie within the given (top, bottom) bands."""
        return _histogram(
            r for r in self.runs
            if r.is_body and not any(top - 1 <= r.top and r.bottom <= bottom + 1
                                     for top, bottom in bands)
        )

    @property
    def has_text(self) -> bool:
        return self.chars > 0

    @property
    def text_box(self) -> Box | None:
        """The smallest rectangle holding all text of the page."""
        if not self.boxes:
            return None
        return Box(
            min(b.left for b in self.boxes),
            min(b.top for b in self.boxes),
            max(b.right for b in self.boxes),
            max(b.bottom for b in self.boxes),
        )

    @property
    def body_size(self) -> float | None:
        """The size most characters are printed at (ties go to the smaller size)."""
        sizes = self.sizes
        return min(sizes, key=lambda s: (-sizes[s], s)) if sizes else None

    @property
    def min_size(self) -> float | None:
        """The smallest size of any text, superscripts and page numbers included."""
        return min(self.sizes, default=None)

    @property
    def min_body_size(self) -> float | None:
        """The smallest size of body text: runs of at least RUN_MIN_CHARS characters."""
        return min(self.body_sizes, default=None)


@dataclass
class PdfFacts:
    name: str
    file_size: int  # bytes
    page_facts: list[PageFacts]
    fonts: list[FontFact]
    encrypted: bool = False
    restrictions: list[str] = field(default_factory=list)  # what the permissions forbid
    form_fields: int = 0
    xfa: bool = False
    portfolio: bool = False

    @property
    def pages(self) -> int:
        """The number of pages."""
        return len(self.page_facts)

    @property
    def has_text(self) -> bool:
        return any(p.has_text for p in self.page_facts)

    @property
    def pages_without_text(self) -> list[int]:
        return [p.number for p in self.page_facts if not p.has_text]

    @property
    def body_size(self) -> float | None:
        """The size most characters of the whole document are printed at."""
        total: Counter[float] = Counter()
        for page in self.page_facts:
            total.update(page.sizes)
        return min(total, key=lambda s: (-total[s], s)) if total else None

    @property
    def min_body_size(self) -> float | None:
        return min((p.min_body_size for p in self.page_facts if p.min_body_size), default=None)

    @property
    def unembedded_fonts(self) -> list[FontFact]:
        return [f for f in self.fonts if not f.embedded]

    def running_bands(self, margin: float) -> Bands:
        """Each page's header and footer blocks in the top and bottom `margin` points:
        page number -> [(top, bottom)] (see `packet.check.margins`)."""
        return running_bands([(p.number, p.height, p.boxes) for p in self.page_facts], margin)

    def text_in_margin(self, margin: float, allow_running: bool = False) -> list[MarginHit]:
        """Text closer than `margin` points to an edge: the closest per side and page.

        `allow_running` lets each page's header and footer sit in the top and
        bottom margins.
        """
        bands = self.running_bands(margin) if allow_running else {}
        hits: list[MarginHit] = []
        for page in self.page_facts:
            hits.extend(margin_hits(
                page.number, page.width, page.height, page.boxes, margin,
                bands.get(page.number, []),
            ))
        return hits


def _histogram(runs: Iterable[TextRun]) -> dict[float, int]:
    out: dict[float, int] = {}
    for run in runs:
        out[run.size] = out.get(run.size, 0) + run.chars
    return out


def inspect_pdf(source: Path | bytes, name: str | None = None, *, reader: Any = None) -> PdfFacts:
    """Read the facts of one PDF; `name` is how messages call it (default: the file name).

    `reader`: a pypdf PdfReader of the same bytes, when the caller has one to share.
    """
    if isinstance(source, Path):
        label = name or source.name
        data = read_user_bytes(source, label, MAX_PDF_BYTES, "PDF")
    else:
        label = name or "the PDF"
        data = bytes(source)
    _check_signature(data, label)
    pages = _read_pages(data, label)
    structure = read_structure(data, label, reader)
    return PdfFacts(
        name=label,
        file_size=len(data),
        page_facts=pages,
        fonts=structure.fonts,
        encrypted=structure.encrypted,
        restrictions=structure.restrictions,
        form_fields=structure.form_fields,
        xfa=structure.xfa,
        portfolio=structure.portfolio,
    )


def _check_signature(data: bytes, name: str) -> None:
    if not data:
        raise UserError(f"{name} is empty (0 bytes): export or download it again")
    # The PDF header may follow a little junk; readers look in the first kilobyte.
    if b"%PDF-" not in data[:1024]:
        kind = next((k for sig, k in _SIGNATURES.items() if data.startswith(sig)), None)
        start = data[:12].decode("latin-1").encode("unicode_escape").decode("ascii")
        hint = f": it looks like {kind}" if kind else ""
        raise UserError(f"{name} is not a PDF (it starts with '{start}'){hint}")
    if b"%%EOF" not in data[-65536:]:
        raise UserError(
            f"{name} is truncated (no %%EOF marker at its end): export or download it again"
        )


def _read_pages(data: bytes, name: str) -> list[PageFacts]:
    # PDFium is not thread-safe; processes (batch mode) each have their own.
    with _PDFIUM_LOCK:
        return _read_pages_locked(data, name)


def _read_pages_locked(data: bytes, name: str) -> list[PageFacts]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UserError(f"{name} is encrypted: remove the password and try again") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UserError(
                f"{name} uses a protection scheme packet cannot open: remove it and try again"
            ) from None
        raise UserError(
            f"{name} is damaged and cannot be read: export or download it again"
        ) from None
    try:
        if len(document) == 0:
            raise UserError(f"{name} has no pages")
        if len(document) > MAX_PAGES:
            raise UserError(f"{name} has {len(document):,} pages: packet checks at most "
                            f"{MAX_PAGES:,}")
        try:
            return [_page_facts(document[index], index + 1) for index in range(len(document))]
        except pdfium.PdfiumError as err:
            raise UserError(f"{name} is damaged and cannot be read ({err}): "
                            "export or download it again") from None
    finally:
        document.close()


def _page_facts(pdf_page: Any, number: int) -> PageFacts:
    try:
        rotation = pdf_page.get_rotation() % 360
        crop = pdf_page.get_cropbox()
        media = pdf_page.get_mediabox()
        width, height = abs(crop[2] - crop[0]), abs(crop[3] - crop[1])
        if rotation in (90, 270):
            width, height = height, width
        text = read_page_text(pdf_page, rotation, crop)
        return PageFacts(
            number=number,
            width=width,
            height=height,
            media=(abs(media[2] - media[0]), abs(media[3] - media[1])),
            rotation=rotation,
            chars=text.chars,
            boxes=text.boxes,
            runs=text.runs,
            references=text.references,
        )
    finally:
        pdf_page.close()
