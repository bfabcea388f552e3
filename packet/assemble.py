"""One packet PDF: cover and contents, the documents in the call's order, then attachments.

Reviewers navigate a packet by its bookmarks, so every document gets an
outline entry with its own headings nested under it, and page labels that
match the numbers printed on its pages ("Curriculum Vitae 2"). Attachments
(certified biosketches, letters) are merged page by page as they are: never
re-rendered or stamped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from packet.errors import Problem, UserError


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
    from pypdf.errors import PdfReadError

    if not path.is_file():
        raise UserError(f"attachment {shown} does not exist",
                        [Problem("no such file", file=shown,
                                 hint="Fix the path in the application's attachments "
                                      "(relative to the profile folder).")])
    data = path.read_bytes()
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
    except (PdfReadError, ValueError, KeyError, TypeError) as err:
        raise UserError(f"attachment {shown} is a damaged PDF",
                        [Problem(str(err) or type(err).__name__, file=shown,
                                 hint="Open it in a PDF viewer and save or print it to a new PDF.")]
                        ) from None
    if pages == 0:
        raise UserError(f"attachment {shown} has no pages", [Problem("empty PDF", file=shown)])
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
        if part.certified:
            writer.add_attachment(f"{part.id}.pdf", part.pdf)
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
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
