"""Hostile Word documents for `packet import`, made on the fly with python-docx."""

from __future__ import annotations

import io
import zipfile


def _base() -> zipfile.ZipFile:
    import docx

    document = docx.Document()
    document.add_heading("Publications", 1)
    document.add_paragraph("PLACEHOLDER")
    buffer = io.BytesIO()
    document.save(buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _with_body(edit: bytes | None = None, prefix: bytes = b"", pad: int = 0) -> bytes:
    base = _base()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in base.infolist():
            data = base.read(info.filename)
            if info.filename == "word/document.xml":
                head, body = data.split(b"?>", 1)
                if edit is not None:
                    body = body.replace(b"PLACEHOLDER", edit)
                if pad:
                    body = body.replace(b"<w:body>", b"<w:body><!--" + b" " * pad + b"-->", 1)
                data = (prefix or head + b"?>") + body
            archive.writestr(info.filename, data)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """120 MB of document.xml in a file of about 120 KB."""
    return _with_body(pad=120 * 1024 * 1024)


def entity_bomb_docx() -> bytes:
    """Billion laughs: ten entities, each ten of the one before."""
    entities = b"".join(b'<!ENTITY x%d "%s">' % (n, b"".join([b"&x%d;" % (n - 1)] * 10))
                        for n in range(1, 10))
    prefix = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x0 "lol">' + entities
              + b"]>")
    return _with_body(b"&x9;", prefix)


def external_entity_docx(target: str) -> bytes:
    """An external entity naming a file: its text must never be read."""
    prefix = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://'
              + target.encode() + b'">]>')
    return _with_body(b"A paper &xxe; 2020.", prefix)
