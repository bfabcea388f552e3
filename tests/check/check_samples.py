"""PDFs and calls made on the spot for the checker's tests.

Typst markup here is the tests' own input, so writing it directly is fine.
`raw_pdf` builds PDFs the way other tools do (a standard-14 font without
embedding, text scaled by matrices, Form XObjects), with pypdf objects.
"""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from packet.model.call import CallSpec

LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)


def typst_pdf(
    body: str,
    *,
    paper: str = "a4",
    margin: str = "2.5cm",
    size: str = "11pt",
    page: str = "",
) -> bytes:
    import typst

    source = (
        f'#set page(paper: "{paper}", margin: {margin}{", " + page if page else ""})\n'
        f"#set text(size: {size})\n{body}\n"
    )
    return typst.compile(source.encode(), format="pdf")


def words(count: int) -> str:
    """`count` distinct-looking words, no markup."""
    vocabulary = ["research", "method", "result", "theory", "data", "model", "group", "study"]
    return " ".join(f"{vocabulary[i % len(vocabulary)]}{i}" for i in range(count))


def make_call(**overrides: Any) -> CallSpec:
    """A minimal A4 call with one document; `overrides` replace top-level keys."""
    data: dict[str, Any] = {
        "id": "test-call",
        "name": "Test Fellowship",
        "funder": "Test Foundation",
        "kind": "fellowship",
        "rules_read": "2026-11",
        "format": {"paper": "a4", "font_size": 11, "min_font_size": 11},
        "documents": [{"id": "statement", "title": "Research statement", "template": "statement"}],
    }
    data.update(overrides)
    return CallSpec.model_validate(data)


def _font(writer: PdfWriter, base: str = "Helvetica") -> Any:
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/" + base),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))


def _stream(writer: PdfWriter, content: bytes, extra: dict[str, Any] | None = None) -> Any:
    stream = StreamObject()
    stream.set_data(content)
    for key, value in (extra or {}).items():
        stream[NameObject(key)] = value
    return writer._add_object(stream)


def raw_pdf(
    content: bytes,
    *,
    size: tuple[float, float] = LETTER,
    form: bytes | None = None,
    rotate: int = 0,
    pages: int = 1,
) -> bytes:
    """Pages drawing `content` with /F1 = Helvetica (not embedded); `form` becomes /X1."""
    writer = PdfWriter()
    font = _font(writer)
    fonts = DictionaryObject({NameObject("/F1"): font})
    resources = DictionaryObject({NameObject("/Font"): fonts})
    if form is not None:
        xobject = _stream(writer, form, {
            "/Type": NameObject("/XObject"),
            "/Subtype": NameObject("/Form"),
            "/BBox": ArrayObject([FloatObject(v) for v in (0, -100, 600, 100)]),
            "/Resources": DictionaryObject({NameObject("/Font"): fonts}),
        })
        resources[NameObject("/XObject")] = DictionaryObject({NameObject("/X1"): xobject})
    for _ in range(pages):
        page = writer.add_blank_page(*size)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = _stream(writer, content)
        if rotate:
            page[NameObject("/Rotate")] = NumberObject(rotate)
    return _bytes(writer)


def with_form_field(pdf: bytes) -> bytes:
    """`pdf` with one text field on its first page, as a fillable form has."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    field = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"),
        NameObject("/T"): TextStringObject("name"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (100, 100, 300, 120)]),
        NameObject("/P"): writer.pages[0].indirect_reference,
    }))
    writer.pages[0][NameObject("/Annots")] = ArrayObject([field])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject([field]),
    })
    return _bytes(writer)


def as_portfolio(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer._root_object[NameObject("/Collection")] = DictionaryObject({
        NameObject("/Type"): NameObject("/Collection"),
    })
    return _bytes(writer)


def encrypted(pdf: bytes, user: str = "", owner: str = "owner-secret") -> bytes:
    """`pdf` encrypted with AES-128; an empty user password opens it but restricts it."""
    from pypdf.constants import UserAccessPermissions as P

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user, owner, permissions_flag=P.PRINT | P.EXTRACT_TEXT_AND_GRAPHICS,
                   algorithm="AES-128")
    return _bytes(writer)


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
