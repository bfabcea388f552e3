"""A long document typeset in chunks, each in a short-lived process, with the pages of the whole.

Typst's memory for one document grows with the document (about 410 MB for a 127-page
list of 2,000 references, even in a process of its own), so peak memory can only be
bounded by typesetting a long document in pieces. The pages must be the ones the
whole document gets, so a chunk always starts where a page of the whole starts:

1. Chunk k is set from its first *unit* (a top-level block, or one item of a
   top-level list) to a unit some `CHUNK_BYTES` further on, with the page counter
   starting at its first page's number, and the theme records where every unit
   starts (`<packet-units>`). Its pages up to the last are the whole document's: what
   decides a page's end is on that page and the next. The last page that starts
   with a unit where a chunk may start (`Unit.cut`) is where chunk k + 1 starts.
2. Once the last chunk is set, the page total (printed in the footers) is known,
   and every chunk but the last is set again, exactly its own units, with that total,
   two at a time.
3. The chunks' PDFs are joined (`pdf_join`): pages, outline, structure tags, object
   by object as bytes (`pdf_splice`), or with pypdf in a process of its own for a file
   not in the layout this Typst writes.

Where a chunk may start: at a top-level block, at any item of a list whose items
stand alone ("none"), and inside the middle of a list the theme keeps in pieces
(`kept-list`: its first two and last two items are kept together) whose markers all
have one width ("[1]", bullets). A numbered list ("1.") is set in one grid whose
number column is as wide as its widest number, so it is never split. A document
whose text links to its own reference list ("#ref-") is set whole: a link into
another chunk could not be made. When no page of a chunk starts where a chunk may
start (one unit longer than a chunk) or a chunk set again does not give the pages
it gave first, the document is set whole.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

# A document whose JSON is this long (about 1,000 references) is set in chunks...
CHUNKED_BYTES = 512 * 1024
# ...of about this much (about 400 references: 120-140 MB in Typst, against 410 MB for
# 2,000 at once; each chunk costs a process start, about 0.1 s).
CHUNK_BYTES = 192 * 1024
# The unit a chunk starts with is at the top of its first page; a unit is at the top of
# a later page when its mark is as high, to within this (points).
_TOP_TOLERANCE = 0.01

log = logging.getLogger(__name__)

# (setup, inputs, timestamp, doc_id, query) -> (PDF bytes or the query's JSON, warnings)
Compile = Callable[..., tuple[bytes, list[str]]]


@dataclass(frozen=True)
class Unit:
    block: int
    item: int | None  # the item of a top-level list, else None
    size: int  # bytes of its JSON
    cut: bool  # a chunk may start with it
    seam: bool  # a chunk starting here splits one list (one structure element) in two


@dataclass(frozen=True)
class Chunk:
    start: int  # first unit
    end: int | None  # first unit after it (None: to the end)
    page: int  # number of its first page
    pages: int  # how many pages it has


def plan_units(doc: dict[str, Any]) -> list[Unit]:
    """The document's units in order, as the theme counts them (`render-blocks`)."""
    return _plan(doc)[0]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _plan(doc: dict[str, Any]) -> tuple[list[Unit], list[tuple[str, list[str] | None]]]:
    """The units, and each top-level block as JSON: a list's fields but its items, and
    its items apart (so a chunk's document can leave out the items it does not set)."""
    units: list[Unit] = []
    parts: list[tuple[str, list[str] | None]] = []
    for i, block in enumerate(doc["blocks"]):
        if block["type"] != "list":
            text = _json(block)
            units.append(Unit(i, None, len(text), True, False))
            parts.append((text, None))
            continue
        items = block["items"]
        n, numbering = len(items), block.get("numbering", "bullet")
        texts = [_json(item) for item in items]
        parts.append((_json({k: v for k, v in block.items() if k != "items"}), texts))
        for j, text in enumerate(texts):
            if numbering == "none":
                cut, seam = True, False
            elif numbering == "1." or (block.get("ordered") and numbering != "[1]"):
                cut, seam = j == 0, False
            else:  # kept in pieces: items 0-1, 2 to n-3, n-2 to n-1 (n >= 4)
                cut = j == 0 or (n >= 4 and 2 <= j <= n - 2)
                seam = n >= 4 and 2 < j < n - 2
            units.append(Unit(i, j, len(text), cut, seam))
    return units, parts


def _chunk_doc(doc: dict[str, Any], parts: list[tuple[str, list[str] | None]],
               start: int, end: int | None) -> str:
    """The document as the theme reads it for units `start` to `end`: the items of its
    lists outside them are left empty (the theme sets none of them, and counts them
    only), so each chunk's process reads about its own share of the JSON."""
    out, unit = [], 0
    for block, items in parts:
        if items is None:
            out.append(block)
            unit += 1
            continue
        kept = [text if start <= unit + k and (end is None or unit + k < end) else "[]"
                for k, text in enumerate(items)]
        out.append(block[:-1] + ',"items":[' + ",".join(kept) + "]}")
        unit += len(items)
    head = _json({k: v for k, v in doc.items() if k != "blocks"})
    return head[:-1] + ',"blocks":[' + ",".join(out) + "]}"


def bookmarked_levels(doc: dict[str, Any]) -> list[int]:
    """The levels of the headings the theme bookmarks (all but level 1), in order."""
    levels: list[int] = []

    def walk(blocks: list[dict[str, Any]]) -> None:
        for block in blocks:
            kind = block["type"]
            if kind == "heading":
                level = min(max(int(block["level"]), 1), 3)
                if level > 1:
                    levels.append(level)
            elif kind == "list":
                for item in block["items"]:
                    walk(item)
            elif kind == "entry":
                walk(block["body"])
            elif kind in ("styled", "quote"):
                walk(block["blocks"])

    walk(doc["blocks"])
    return levels


def wants_chunks(doc_json: str) -> bool:
    """Long enough to be set in chunks, and without links into its own reference list."""
    return len(doc_json) >= CHUNKED_BYTES and '"#ref-' not in doc_json


def _chunk_end(units: list[Unit], start: int) -> int | None:
    """The first unit after a chunk starting at `start`; None when it goes to the end."""
    size, end = 0, start
    while end < len(units) and (size < CHUNK_BYTES or not units[end].cut or end == start):
        size += units[end].size
        end += 1
    rest = sum(u.size for u in units[end:])
    # A last chunk of a few entries would cost a process start for nothing.
    return None if end >= len(units) or rest < CHUNK_BYTES // 4 else end


def _next_start(marks: list[list[float]], units: list[Unit], start: int, end: int
                ) -> tuple[int, int] | None:
    """(unit, page) of the last page of a chunk that starts with a unit a chunk may
    start with; None when there is none after its first page."""
    top = next((y for unit, _page, y in marks if unit == start), None)
    if top is None:
        return None
    best = None
    for unit, page, y in marks:
        unit, page = int(unit), int(page)
        if (start < unit < end and page >= 2 and units[unit].cut
                and abs(y - top) < _TOP_TOLERANCE and (best is None or page > best[1])):
            best = (unit, page)
    return best


def _inputs(inputs: dict[str, str], doc: str, start: int, end: int | None, page: int,
            pages: int | None, marks: bool) -> dict[str, str]:
    chunk = {"from": start, "to": end, "page": page, "pages": pages, "marks": marks}
    return {**inputs, "doc": doc, "chunk": json.dumps(chunk)}


def render_chunked(setup: Any, inputs: dict[str, str], timestamp: int, doc_id: str,
                   compile_apart: Compile) -> tuple[bytes, list[str]] | None:
    """The document of `inputs` typeset chunk by chunk and joined; None when it must be
    set whole (see the module's docstring)."""
    from packet.render.pdf_join import join_apart, join_plain
    from packet.render.pdf_splice import NotPlain

    doc = json.loads(inputs["doc"])
    (units, parts), levels = _plan(doc), bookmarked_levels(doc)
    head = {k: v for k, v in doc.items() if k != "blocks"}
    del doc  # some 35 MB of Python objects for 10,000 references, not needed from here on

    def chunk_inputs(start: int, end: int | None, page: int, pages: int | None,
                     marks: bool) -> dict[str, str]:
        text = _chunk_doc(head, parts, start, end)
        return _inputs(inputs, text, start, end, page, pages, marks)
    warnings: list[str] = []
    chunks: list[Chunk] = []
    start, page = 0, 1
    while True:
        end = _chunk_end(units, start)
        if end is None:
            break
        found, said = compile_apart(setup, chunk_inputs(start, end, page, None, True),
                                    timestamp, doc_id, query="<packet-units>")
        warnings += said
        cut = _next_start(json.loads(found), units, start, end)
        if cut is None:
            log.info("%s: no page starts where a chunk may; typeset whole", doc_id)
            return None
        unit, at = cut
        chunks.append(Chunk(start, unit, page, at - 1))
        start, page = unit, page + at - 1
    last_pdf, said = compile_apart(setup, chunk_inputs(start, None, page, None, False),
                                   timestamp, doc_id)
    warnings += said
    if not chunks:
        return last_pdf, warnings
    last_pages = _page_count(last_pdf)
    total = page + last_pages - 1

    def final(chunk: Chunk) -> tuple[bytes, list[str]]:
        return compile_apart(setup, chunk_inputs(chunk.start, chunk.end, chunk.page, total,
                                                 False), timestamp, doc_id)

    with ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
        made = list(pool.map(final, chunks))
    pdfs = [pdf for pdf, _ in made] + [last_pdf]
    warnings += [w for _, said in made for w in said]
    for chunk, pdf in zip(chunks, pdfs[:-1], strict=True):
        if _page_count(pdf) != chunk.pages:
            log.info("%s: a chunk set again changed its pages; typeset whole", doc_id)
            return None
    seams = [units[c.end].seam for c in chunks if c.end is not None]
    try:
        joined = join_plain(pdfs, levels, seams)
    except NotPlain as err:  # not the layout this Typst writes: pypdf, apart
        log.info("%s: chunks joined with pypdf (%s)", doc_id, err)
        joined = join_apart(pdfs, levels, seams)
    if joined is None:
        log.info("%s: the chunks' outlines do not match the headings; typeset whole", doc_id)
        return None
    return joined, list(dict.fromkeys(warnings))  # each chunk says the same once


def _page_count(pdf: bytes) -> int:
    """Pages of a PDF Typst wrote, read from its page tree's root as bytes: a pypdf
    reader's objects would stay in memory while the build runs (its collector is
    paused, and a reader's objects refer to each other)."""
    from packet.render import pdf_splice as sp

    try:
        objects, trailer = sp.read_objects(pdf)
        catalog = objects[sp.ref_number(sp.entry(trailer, b"Root")) or 0].value
        pages = objects[sp.ref_number(sp.entry(catalog, b"Pages")) or 0].value
        return int(sp.entry(pages, b"Count") or b"")
    except (sp.NotPlain, KeyError, ValueError):
        import io

        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(pdf)).pages)
