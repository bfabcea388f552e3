"""One packet PDF: cover and contents, the documents in the call's order, then attachments.

Reviewers navigate a packet by its bookmarks, so every document gets an
outline entry with its own headings nested under it, and page labels that
match the numbers printed on its pages ("Curriculum Vitae 2"). Attachments
(certified biosketches, letters) are merged page by page as they are: never
re-rendered or stamped.
"""

from __future__ import annotations

import functools
import importlib.metadata
import io
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from packet.cache import Cache, content_key
from packet.errors import Problem, UserError
from packet.paths import MAX_PDF_BYTES, fast_pdf_comments, read_user_bytes

MAX_ATTACHMENT_PAGES = 2000
# A packet this long is merged in a process of its own (`packet.assemble.apart`).
APART_PAGES = 60

# pypdf logs what it repairs ("EOF marker not found") to stderr; packet says what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class Part:
    id: str
    title: str
    pdf: bytes
    pages: int
    kind: Literal["document", "attachment"] = "document"
    # A certified PDF (SciENcv): besides its pages, its exact bytes go into the packet as an
    # embedded file, since a merge rewrites the file and so breaks its certification.
    certified: bool = False
    # A pypdf PdfReader of `pdf` already opened (for the checks), so merging parses it no more.
    reader: Any = field(default=None, repr=False, compare=False)


@dataclass
class PacketInfo:
    title: str
    author: str
    subject: str
    keywords: list[str]
    applicant: str
    call_name: str
    funder: str
    date_text: str  # printed on the cover, e.g. "22 November 2026"
    pdf_date: str  # PDF date string, e.g. "D:20261122000000Z"
    producer: str


def read_attachment(path: Path, shown: str) -> tuple[bytes, int]:
    """An external PDF, checked to be mergeable; its bytes are kept exactly as they are."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    data = read_user_bytes(path, shown, MAX_PDF_BYTES, "attachment")
    if not data.startswith(b"%PDF"):
        raise UserError(f"attachment {shown} is not a PDF",
                        [Problem(f"it starts with {data[:8]!r}", file=shown,
                                 hint="Attach a PDF file.")])
    try:
        fast_pdf_comments()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UserError(f"attachment {shown} is encrypted",
                            [Problem("funders reject protected PDFs and packet cannot merge it",
                                     file=shown,
                                     hint="Save a copy without password or permissions "
                                          "and attach that.")])
        pages = len(reader.pages)
    except UserError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as err:
        # PyPdfError includes LimitReachedError: a page tree nested past pypdf's bound.
        raise UserError(f"attachment {shown} is a damaged PDF",
                        [Problem(str(err) or type(err).__name__, file=shown,
                                 hint="Open it in a PDF viewer and save or print it to a new PDF.")]
                        ) from None
    if pages == 0:
        raise UserError(f"attachment {shown} has no pages", [Problem("empty PDF", file=shown)])
    if pages > MAX_ATTACHMENT_PAGES:
        raise UserError(f"attachment {shown} has {pages:,} pages",
                        [Problem(f"packet merges at most {MAX_ATTACHMENT_PAGES:,} pages per "
                                 "attachment", file=shown,
                                 hint="Check that this is the right file.")])
    return data, pages


@dataclass(frozen=True)
class Packet:
    pdf: bytes
    pages: int
    first_pages: list[int]  # 1-based page of the packet where each part starts


def assemble_packet(
    cover: bytes, cover_pages: int, parts: Sequence[Part], info: PacketInfo,
    cache: Cache | None = None,
) -> Packet:
    """Cover, then the parts in order, with outline, page labels and metadata.

    The merged file depends only on these inputs, and merging is pure Python that
    grows with the pages (2.3 s for a 128-page publication list), so it is kept in
    `cache` by their bytes: a rebuild whose parts did not change reuses it.
    """
    starts = []
    page = cover_pages + 1
    for part in parts:
        starts.append(page)
        page += part.pages
    key = content_key("packet", _pypdf_version(), cover, str(cover_pages),
                      json.dumps(asdict(info), ensure_ascii=False),
                      *(field for part in parts for field in (
                          part.id, part.title, part.pdf, str(part.pages), part.kind,
                          str(part.certified))))
    merged = cache.get(key) if cache is not None else None
    if merged is None or not (merged.startswith(b"%PDF-") and b"%%EOF" in merged[-1024:]):
        if page - 1 >= APART_PAGES:
            from packet.assemble.apart import merge_apart

            merged = merge_apart(cover, cover_pages, parts, info)
        else:
            merged = merge_documents(cover, cover_pages, parts, info)
        if cache is not None:
            cache.put(key, merged)
    return Packet(merged, page - 1, starts)


@functools.cache
def _pypdf_version() -> str:
    # pypdf writes the file; PDFium finds where the cover's contents lines are.
    return importlib.metadata.version("pypdf") + "/" + importlib.metadata.version("pypdfium2")


def link_contents(writer: Any, cover: bytes, cover_pages: int, parts: Sequence[Part]) -> None:
    """Each contents line of the cover becomes a link to its part's first page."""
    import pypdfium2 as pdfium
    from pypdf.annotations import Link

    pdf = pdfium.PdfDocument(cover)
    try:
        first, found = cover_pages, set()
        for part in parts:
            label = part.title + (" (attachment)" if part.kind == "attachment" else "")
            for index in range(min(cover_pages, len(pdf))):
                if (part.id, index) in found:
                    continue
                text = pdf[index].get_textpage()
                hit = text.search(label, match_case=True).get_next()
                if hit is None:
                    continue
                start, count = hit
                boxes = [text.get_charbox(i) for i in range(start, start + count)]
                height = pdf[index].get_height()
                width = pdf[index].get_width()
                y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)
                # The whole line, title to page numbers, is the link (as a printed
                # contents line is read).
                rect = (min(b[0] for b in boxes), y0 - 2, width - min(b[0] for b in boxes),
                        y1 + 2)
                rect = tuple(max(0.0, min(v, height if k % 2 else width))
                             for k, v in enumerate(rect))
                writer.add_annotation(index, Link(rect=rect, target_page_index=first))
                found.add((part.id, index))
                break
            first += part.pages
    finally:
        pdf.close()


def merge_documents(
    cover: bytes, cover_pages: int, parts: Sequence[Part], info: PacketInfo
) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import NameObject

    writer = PdfWriter()
    cover_reader = PdfReader(io.BytesIO(cover))
    writer.append(cover_reader, outline_item="Contents", import_outline=False)
    writer.set_page_label(0, cover_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    page = cover_pages
    readers, starts = [cover_reader], [0]
    for part in parts:
        reader = part.reader
        if reader is None:
            reader = PdfReader(io.BytesIO(part.pdf), strict=False)
        # The document's own title heading is its outline entry; import only what is below it.
        writer.append(reader, outline_item=part.title, import_outline=part.kind == "document")
        # One numbering everywhere: a page's label is the number printed on it ("Research
        # Statement 2" for the page that says "2 / 3"), and the contents give each part's
        # pages by that numbering.
        writer.set_page_label(page, page + part.pages - 1, style=PageLabelStyle.DECIMAL,
                              prefix=f"{part.title} ", start=1)
        if part.kind == "document":
            readers.append(reader)
            starts.append(page)
        page += part.pages
    link_contents(writer, cover, cover_pages, parts)
    from packet.assemble.tags import merge_structure

    merge_structure(writer, readers, starts)
    writer.add_metadata({
        "/Title": info.title,
        "/Author": info.author,
        "/Subject": info.subject,
        "/Keywords": ", ".join(info.keywords),
        "/Creator": info.producer,
        "/Producer": info.producer,
        "/CreationDate": info.pdf_date,
        "/ModDate": info.pdf_date,
    })
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    from packet.assemble.active import strip_active_content

    strip_active_content(writer)
    # After the strip, which removes files embedded by the attachments themselves: these
    # are packet's own, each certified original byte for byte.
    for part in parts:
        if part.certified:
            writer.add_attachment(f"{part.id}.pdf", part.pdf)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
