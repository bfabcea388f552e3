"""Typst's own PDFs read and written object by object, as bytes (for `pdf_join`).

Joining the chunks of a long document with pypdf parsed every object into Python
objects and cloned every structure element: 1.6-2.8 s and about 100 MB for 127
pages, growing with the pages. The chunks are PDFs Typst wrote a moment ago, in
one plain layout (a cross-reference table, no object streams, stream lengths
written directly), so joining them only needs each object's bytes with its
references renumbered. Strings are skipped when references are renumbered, so a
title that reads "12 0 R" stays as it is. A file not in that layout raises
`NotPlain`, and the caller joins with pypdf instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_XREF_AT = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\r?\n")
_HEADER = re.compile(rb"(\d+) (\d+) obj\s*")
_LENGTH = re.compile(rb"/Length (\d+)(?![\d.])")
_REF = re.compile(rb"(?<![\w.+\-#])(\d+) 0 R(?!\w)")
_TRAILER = re.compile(rb"trailer\s*(<<.*?>>)\s*startxref", re.S)


class NotPlain(ValueError):
    """Not a PDF in the layout Typst writes."""


@dataclass
class PdfObject:
    value: bytes  # the object's value (a dictionary, an array, ...), as written
    stream: bytes | None  # its stream's data, if it has one


def _string_end(data: bytes, at: int) -> int:
    """The index just past the literal string that starts at `data[at]` ("(")."""
    depth, i = 0, at
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash: the next byte is escaped
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise NotPlain("a string does not end")


def _value_end(data: bytes, at: int) -> int:
    """The index just past the value (the rest of an object before "stream" or
    "endobj") starting at `at`."""
    i = at
    while True:
        endobj = data.find(b"endobj", i)
        if endobj < 0:
            raise NotPlain("an object does not end")
        stream = data.find(b"stream", i, endobj)
        stop = stream if stream >= 0 else endobj
        paren = data.find(b"(", i, stop)
        if paren < 0:
            return stop
        i = _string_end(data, paren)


def read_objects(pdf: bytes) -> tuple[dict[int, PdfObject], bytes]:
    """Every object of `pdf` by number, and the trailer dictionary."""
    found = _XREF_AT.search(pdf[-64:])
    if found is None:
        raise NotPlain("no startxref")
    at = int(found.group(1))
    if pdf[at:at + 4] != b"xref":
        raise NotPlain("no cross-reference table")
    i = at + 4
    while pdf[i:i + 1] in (b"\r", b"\n", b" "):
        i += 1
    offsets: list[tuple[int, int]] = []
    while (section := _SUBSECTION.match(pdf, i)) is not None:
        first, count = int(section.group(1)), int(section.group(2))
        i = section.end()
        for k in range(count):
            line = pdf[i:i + 20]
            if line[17:18] == b"n":
                offsets.append((first + k, int(line[:10])))
            i += 20
    trailer = _TRAILER.search(pdf, i - 1)
    if trailer is None:
        raise NotPlain("no trailer")
    objects: dict[int, PdfObject] = {}
    for number, offset in offsets:
        head = _HEADER.match(pdf, offset)
        if head is None or int(head.group(1)) != number or head.group(2) != b"0":
            raise NotPlain(f"object {number} is not where the table says")
        end = _value_end(pdf, head.end())
        value = pdf[head.end():end].rstrip()
        stream = None
        if pdf.startswith(b"stream", end):
            length = _LENGTH.search(value)
            if length is None or b"/Length " + length.group(1) + b" 0 R" in value:
                raise NotPlain(f"object {number}'s stream length is not written directly")
            start = end + 6
            start += 2 if pdf[start:start + 2] == b"\r\n" else 1
            stream = pdf[start:start + int(length.group(1))]
        objects[number] = PdfObject(value, stream)
    return objects, trailer.group(1)


def renumber(value: bytes, numbers: dict[int, int]) -> bytes:
    """`value` with every reference N 0 R outside strings made numbers[N] 0 R."""
    out, i = [], 0
    while True:
        paren = value.find(b"(", i)
        part = value[i:] if paren < 0 else value[i:paren]
        out.append(_REF.sub(lambda m: b"%d 0 R" % numbers[int(m.group(1))], part))
        if paren < 0:
            return b"".join(out)
        end = _string_end(value, paren)
        out.append(value[paren:end])
        i = end


def refs(value: bytes) -> list[int]:
    """The object numbers `value` refers to outside strings, in order."""
    found: list[int] = []
    renumber(value, _Recorder(found))
    return found


class _Recorder(dict[int, int]):
    def __init__(self, found: list[int]) -> None:
        super().__init__()
        self.found = found

    def __missing__(self, key: int) -> int:
        self.found.append(key)
        return key


def entry(value: bytes, key: bytes) -> bytes | None:
    """The raw text of a dictionary entry `/Key value` whose value is a number, a
    reference, a name or a string (as Typst writes those), or None."""
    found = re.search(rb"/" + re.escape(key.lstrip(b"/")) + rb"(?![\w])\s*", value)
    if found is None:
        return None
    i = found.end()
    if value[i:i + 1] == b"(":
        return value[i:_string_end(value, i)]
    if value[i:i + 1] == b"<" and value[i:i + 2] != b"<<":
        return value[i:value.index(b">", i) + 1]
    ref = re.compile(rb"\d+ 0 R|[\d.+-]+|/[^\s/<>\[\]()]+").match(value, i)
    return ref.group(0) if ref else None


def set_entry(value: bytes, key: bytes, new: bytes) -> bytes:
    """`value` (a dictionary) with `/Key`'s simple value replaced, or added at its end."""
    old = entry(value, key)
    if old is None:
        assert value.endswith(b">>")
        return value[:-2] + b"/" + key.lstrip(b"/") + b" " + new + b">>"
    found = re.search(rb"/" + re.escape(key.lstrip(b"/")) + rb"(?![\w])\s*", value)
    assert found is not None
    start = found.end()
    return value[:start] + new + value[start + len(old):]


def array(value: bytes, key: bytes) -> bytes | None:
    """The inside of `/Key[...]` (an array without arrays or strings in it), or of a
    single reference written as `/Key N 0 R`; None when there is no such key."""
    found = re.search(rb"/" + re.escape(key) + rb"(?![\w])\s*\[([^\[\]()]*)\]", value)
    if found is not None:
        return found.group(1)
    one = entry(value, key)
    if one is not None and one.endswith(b" R"):
        return one
    if one is not None or re.search(rb"/" + re.escape(key) + rb"(?![\w])", value):
        raise NotPlain(f"/{key.decode()} is not an array of references")
    return None


def ref_number(text: bytes | None) -> int | None:
    return int(text.split()[0]) if text and text.endswith(b" R") else None


def pdf_string(text: str) -> bytes:
    """`text` as a PDF text string (UTF-16 with a byte-order mark), in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def write_pdf(header: bytes, objects: dict[int, PdfObject], trailer: bytes) -> bytes:
    """A PDF of `objects` (numbered 1 to N) with a cross-reference table."""
    out = [header]
    size = len(header)
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        obj = objects[number]
        offsets[number] = size
        parts = [b"%d 0 obj\n" % number, obj.value]
        if obj.stream is not None:
            parts += [b"\nstream\n", obj.stream, b"\nendstream"]
        parts.append(b"\nendobj\n\n")
        chunk = b"".join(parts)
        out.append(chunk)
        size += len(chunk)
    count = max(objects) + 1
    table = [b"xref\n0 %d\n" % count, b"0000000000 65535 f\r\n"]
    for number in range(1, count):
        table.append(b"%010d 00000 n\r\n" % offsets[number] if number in offsets
                     else b"0000000000 65535 f\r\n")
    out += table
    out.append(b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF" % size)
    return b"".join(out)
