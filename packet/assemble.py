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
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# The merged packet keeps its documents' tagging: pypdf's `append` copies pages but
# drops each document's /StructTreeRoot. Every document's tree (cover included) is
# copied after its pages, so its /Pg references land on the pages already copied; its
# /StructParents keys are shifted past the earlier documents' and the parent trees
# merged; the documents' top elements become children of one root; /MarkInfo and
# /Lang come along.


def merge_structure(writer: Any, readers: list[Any], page_starts: list[int]) -> None:
    """`readers[i]`'s pages were appended to `writer` from page `page_starts[i]` on."""
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        NameObject,
        NumberObject,
    )

    kids, nums, role_map = ArrayObject(), ArrayObject(), DictionaryObject()
    offset, lang = 0, None
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    for reader, start in zip(readers, page_starts, strict=True):
        source = reader.trailer["/Root"]
        lang = lang or source.get("/Lang")
        if "/StructTreeRoot" not in source:
            continue
        tree = source["/StructTreeRoot"].get_object().clone(writer)
        top = tree.get("/K")
        for kid in (top if isinstance(top, list) else [top] if top is not None else []):
            element = kid.get_object()
            if isinstance(element, DictionaryObject):
                element[NameObject("/P")] = root_ref
            kids.append(kid)
        role_map.update(tree.get("/RoleMap", DictionaryObject()))
        parents = tree.get("/ParentTree")
        entries = parents.get_object().get("/Nums", []) if parents is not None else []
        for k in range(0, len(entries) - 1, 2):
            nums += [NumberObject(int(entries[k]) + offset), entries[k + 1]]
        for index in range(start, start + len(reader.pages)):
            page = writer.pages[index]
            if "/StructParents" in page:
                page[NameObject("/StructParents")] = NumberObject(
                    int(page["/StructParents"]) + offset)
            for annot in page.get("/Annots", []) or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(
                        int(annot["/StructParent"]) + offset)
        offset += int(tree.get("/ParentTreeNextKey", 0))
    if not kids:
        return
    parent_tree = DictionaryObject({NameObject("/Nums"): nums})
    root.update({
        NameObject("/K"): kids,
        NameObject("/ParentTree"): writer._add_object(parent_tree),
        NameObject("/ParentTreeNextKey"): NumberObject(offset),
        NameObject("/RoleMap"): role_map,
    })
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)})
    if lang is not None:
        catalog[NameObject("/Lang")] = lang
