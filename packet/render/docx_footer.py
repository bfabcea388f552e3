"""A one-page document prints no "1 / 1": the Typst themes leave the page number out when
the document has one page, and the DOCX twin must too.

Word could decide it with a nested IF field, but LibreOffice prints that field as "111",
so the decision is made here, once the PDF's page count is known (the two have the same
pages, see docs/documents.md): the footers of the DOCX are emptied.
"""

from __future__ import annotations

import io
import re
import zipfile

_FOOTER_PART = re.compile(r"word/footer\d*\.xml")
_FOOTER_BODY = re.compile(rb"(<w:ftr\b[^>]*>).*(</w:ftr>)", re.S)


def without_page_numbers(docx: bytes) -> bytes:
    """`docx` with every footer holding one empty paragraph; each zip entry keeps its
    name, date and compression, so the file stays byte-stable."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if _FOOTER_PART.fullmatch(info.filename):
                data = _FOOTER_BODY.sub(rb"\1<w:p/>\2", data)
            target.writestr(info, data)
    return out.getvalue()
