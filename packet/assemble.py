"""One packet PDF: cover and contents, the documents in the call's order, then attachments.

Reviewers navigate a packet by its bookmarks, so every document gets an
outline entry with its own headings nested under it, and page labels that
match the numbers printed on its pages ("Curriculum Vitae 2"). Attachments
(certified biosketches, letters) are merged page by page as they are: never
re-rendered or stamped.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from packet.errors import Problem, UserError
from packet.paths import MAX_PDF_BYTES, read_user_bytes

MAX_ATTACHMENT_PAGES = 2000

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
    cover: bytes, cover_pages: int, parts: Sequence[Part], info: PacketInfo
) -> Packet:
    """Cover, then the parts in order, with outline, page labels and metadata."""
    starts = []
    page = cover_pages + 1
    for part in parts:
        starts.append(page)
        page += part.pages
    return Packet(merge_documents(cover, cover_pages, parts, info), page - 1, starts)


def merge_documents(
    cover: bytes, cover_pages: int, parts: Sequence[Part], info: PacketInfo
) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    from pypdf.generic import NameObject

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)), outline_item="Contents", import_outline=False)
    writer.set_page_label(0, cover_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    page = cover_pages
    for part in parts:
        reader = part.reader
        if reader is None:
            reader = PdfReader(io.BytesIO(part.pdf), strict=False)
        # The document's own title heading is its outline entry; import only what is below it.
        writer.append(reader, outline_item=part.title, import_outline=part.kind == "document")
        writer.set_page_label(page, page + part.pages - 1, style=PageLabelStyle.DECIMAL,
                              prefix=f"{part.title} ", start=1)
        page += part.pages
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
    strip_active_content(writer)
    # After the strip, which removes files embedded by the attachments themselves: these
    # are packet's own, each certified original byte for byte.
    for part in parts:
        if part.certified:
            writer.add_attachment(f"{part.id}.pdf", part.pdf)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# Actions that only move within the document or open a web link.
_HARMLESS_ACTIONS = {"/GoTo", "/URI", "/Named"}
_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Movie", "/Screen"}


def strip_active_content(writer: Any) -> None:
    """Remove what a viewer could run or open from packet's own merged copy.

    Document JavaScript and embedded files, open and automatic actions, XFA,
    link actions other than page jumps and web links, file-attachment and media
    annotations. Page content, text and the outline are untouched; the
    attachment's own file (documents/<id>.pdf) is never changed, so a certified
    original stays byte for byte what it was. `packet.check.active_content`
    reports what was there.
    """
    from pypdf.generic import NameObject

    def harmless(action: Any) -> bool:
        target = action.get_object()
        if isinstance(target, list):  # an explicit destination
            return True
        return str(target.get("/S")) in _HARMLESS_ACTIONS and "/Next" not in target

    root = writer._root_object
    if "/Names" in root:
        names = root["/Names"].get_object()
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[NameObject(key)]
    if "/OpenAction" in root and not harmless(root["/OpenAction"]):
        del root[NameObject("/OpenAction")]
    for holder in (root, root.get("/AcroForm")):
        if holder is not None:
            for key in ("/AA", "/XFA"):
                if key in holder.get_object():
                    del holder.get_object()[NameObject(key)]
    for page in writer.pages:
        if "/AA" in page:
            del page[NameObject("/AA")]
        if "/Annots" not in page:
            continue
        annots = page["/Annots"].get_object()
        kept = []
        for annot in annots:
            obj = annot.get_object()
            if str(obj.get("/Subtype")) in _ACTIVE_ANNOTATIONS:
                continue
            if "/AA" in obj:
                del obj[NameObject("/AA")]
            if "/A" in obj and not harmless(obj["/A"]):
                del obj[NameObject("/A")]
            kept.append(annot)
        if len(kept) != len(annots):
            annots[:] = kept
