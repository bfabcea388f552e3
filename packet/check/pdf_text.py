"""Where text sits on a PDF page and how big it is, read with PDFium.

Both facts come from PDFium's text page, which has already placed every
character on the page (Form XObjects included). The work done here grows
with lines and text objects rather than characters: four ctypes calls per
character cost ~0.5 s on a dense 30-page PDF, this ~0.1 s.

* Lines: the rectangles of each line's span from its first to its last
  non-space character give the text's extent and distance from each edge.
* Sizes: each text object's printed size is its `Tf` size times the vertical
  scale of its full matrix. The `Tf` size alone is not the printed size: many
  tools write `1 Tf` and scale with the text matrix, others scale the page
  with `cm`.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from packet.check.pdfium_calls import ObjectAt, pdfium_calls

# A stretch of consecutive text runs at one size counts as body text once it
# holds this many non-space characters: superscript markers, citation numbers
# and page numbers are shorter, a line of footnote or caption text is longer.
RUN_MIN_CHARS = 20

# A line's text from its first to its last non-space character (PDFium ends lines with \r\n).
_SPAN = re.compile(r"[^\s](?:[^\r\n]*[^\s])?")
# A line that is only a reference list's heading, e.g. "References" or "5. Bibliography".
_REFERENCES = re.compile(
    r"(?:\d+(?:\.\d+)*\.?\s*)?(?:references|bibliography|works cited|literature cited|"
    r"cited literature|literature)\s*:?",
    re.IGNORECASE,
)

_Rect = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space
# Galloping over a page's characters stops paying once it has used this many
# calls per character, judged after the first _PROBE_CHARS characters.
_GALLOP_LIMIT = 0.7
_PROBE_CHARS = 200


@dataclass(frozen=True)
class Box:
    """A rectangle in points, measured from the top-left corner of the page as displayed."""

    left: float
    top: float
    right: float
    bottom: float
    text: str = ""  # the line's text, for boxes of text lines


@dataclass(frozen=True)
class TextRun:
    """Consecutive text (in drawing order) at one printed size."""

    size: float  # points, to 0.1
    chars: int  # visible non-space characters
    top: float  # highest and lowest baseline on the displayed page, points from the top
    bottom: float

    @property
    def is_body(self) -> bool:
        return self.chars >= RUN_MIN_CHARS


@dataclass
class PageText:
    chars: int = 0  # characters on the page, invisible OCR layers included
    boxes: list[Box] = field(default_factory=list)  # text lines without edge spaces
    runs: list[TextRun] = field(default_factory=list)  # visible text by size
    references: Box | None = None  # the line of a reference list's heading, if on this page


def read_page_text(page: Any, rotation: int, crop: _Rect) -> PageText:
    """Text facts of one pypdfium2 page; `crop` is (left, bottom, right, top) in user space."""
    textpage = page.get_textpage()
    try:
        out = PageText(chars=max(textpage.count_chars(), 0))
        if out.chars:
            text = _page_text(textpage, out.chars)
            out.boxes, out.references = _text_boxes(textpage, text, rotation, crop)
            out.runs = _text_runs(textpage, text, rotation, crop)
        return out
    finally:
        textpage.close()


def _page_text(textpage: Any, count: int) -> str:
    """The page's characters, one per PDFium character index.

    PDFium gives a character outside the BMP (math italic letters) two indices,
    one per UTF-16 unit, so the units are kept apart instead of decoded.
    """
    import pypdfium2.raw as pdfium_c

    buffer = (ctypes.c_ushort * (count + 1))()
    units = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    return "".join(map(chr, buffer[: max(units - 1, 0)]))


def _text_boxes(
    textpage: Any, text: str, rotation: int, crop: _Rect
) -> tuple[list[Box], Box | None]:
    """One rectangle per text line, leading and trailing spaces left out, and the
    line of the first reference-list heading.

    PDFium's rectangles include a space glyph at the end of a justified line,
    which would put every line of some tools' output ~3 pt into the margin;
    asking for the rectangles of each line's non-space span avoids that.
    """
    calls = pdfium_calls()
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0
    values = [ctypes.c_double() for _ in range(4)]
    left, top, right, bottom = (ctypes.byref(v) for v in values)
    boxes: list[Box] = []
    references: Box | None = None
    for match in _SPAN.finditer(text):
        first, last = match.start(), match.end() - 1
        xs: list[float] = []
        ys: list[float] = []
        for index in range(calls.count_rects(handle, first, last - first + 1)):
            calls.get_rect(handle, index, left, top, right, bottom)
            xs += (values[0].value, values[2].value)
            ys += (values[1].value, values[3].value)
        if xs:
            box = _to_display((min(xs), min(ys), max(xs), max(ys)), rotation, crop)
            boxes.append(Box(box.left, box.top, box.right, box.bottom, match.group()))
            if references is None and _REFERENCES.fullmatch(match.group()):
                references = boxes[-1]
    return boxes, references


def _to_display(rect: _Rect, rotation: int, crop: _Rect) -> Box:
    """User-space rectangle -> displayed page coordinates (origin top-left, y down)."""
    cx0, cy0, cx1, cy1 = crop
    width, height = cx1 - cx0, cy1 - cy0
    points = []
    for x, y in ((rect[0] - cx0, rect[1] - cy0), (rect[2] - cx0, rect[3] - cy0)):
        if rotation == 90:  # shown turned clockwise: the left edge becomes the top
            points.append((y, x))
        elif rotation == 180:
            points.append((width - x, y))
        elif rotation == 270:
            points.append((height - y, width - x))
        else:
            points.append((x, height - y))
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


class _Runs:
    """Joins consecutive text of one size, to tell body text from short markers.

    A run is placed by its baselines (each text object's origin), kept along
    the page's displayed vertical axis and converted once the run closes.
    """

    def __init__(self, rotation: int, crop: _Rect) -> None:
        self.runs: list[TextRun] = []
        cx0, cy0, cx1, cy1 = crop
        # Displayed vertical position from user space: y for upright pages, x for turned ones.
        self.use_x = rotation in (90, 270)
        self.flip, self.offset = {0: (-1, cy1), 90: (1, -cx0), 180: (1, -cy0)}.get(
            rotation, (-1, cx1)
        )
        self.size = -1.0
        self.chars = 0
        self.low = self.high = 0.0

    def add(self, size: float, chars: int, x: float, y: float) -> None:
        where = x if self.use_x else y
        if size == self.size:
            self.chars += chars
            self.low = min(self.low, where)
            self.high = max(self.high, where)
            return
        self.close()
        self.size, self.chars, self.low, self.high = size, chars, where, where

    def close(self) -> None:
        if self.chars:
            a = self.flip * self.low + self.offset
            b = self.flip * self.high + self.offset
            self.runs.append(TextRun(self.size, self.chars, min(a, b), max(a, b)))
        self.chars = 0
        self.size = -1.0


def _text_runs(textpage: Any, text: str, rotation: int, crop: _Rect) -> list[TextRun]:
    """Visible text by printed size, in drawing order.

    Characters of one text object are consecutive in PDFium's text page, so
    each object's span is found by galloping over character indices (a few
    calls per object instead of one per character). The size and origin come
    from the object's first visible character: its `Tf` size times the
    vertical scale of its full matrix (text matrix, page and form transforms).
    """
    import pypdfium2.raw as pdfium_c

    calls = pdfium_calls()
    object_at = calls.object_at
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    hidden = pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    invisible: dict[int, bool] = {}
    runs = _Runs(rotation, crop)
    for obj, start, end in _object_spans(object_at, handle, len(text)):
        segment = text[start:end]
        visible = len("".join(segment.split()))
        if not obj or not visible:
            continue
        if obj not in invisible:
            # Invisible text is an OCR layer over a scan: searchable, never printed.
            invisible[obj] = calls.render_mode(obj) == hidden
        first = end - len(segment.lstrip())
        if invisible[obj] or not calls.matrix(handle, first, matrix_ref):
            continue
        size = round(calls.font_size(handle, first) * math.hypot(matrix.c, matrix.d), 1)
        if size > 0:
            runs.add(size, visible, matrix.e, matrix.f)
    runs.close()
    return runs.runs


def _object_spans(
    object_at: ObjectAt, handle: int, count: int
) -> Iterator[tuple[int | None, int, int]]:
    """(text object, first index, end index) for each stretch of one object's characters.

    Galloping finds a long stretch in a few calls; on pages of many tiny text
    objects (LaTeX math) it costs more calls than characters, so once that
    shows, the rest of the page is read one call per character.
    """
    start = calls = 0
    while start < count:
        if start >= _PROBE_CHARS and calls > _GALLOP_LIMIT * start:
            owners = [object_at(handle, i) for i in range(start, count)]
            first = 0
            for offset in range(1, len(owners) + 1):
                if offset == len(owners) or owners[offset] != owners[first]:
                    yield owners[first], start + first, start + offset
                    first = offset
            return
        obj = object_at(handle, start)
        end, used = _span_end(object_at, handle, start, count, obj)
        calls += used + 1
        yield obj, start, end
        start = end


def _span_end(
    object_at: ObjectAt, handle: int, start: int, count: int, obj: int | None
) -> tuple[int, int]:
    """The first index after `start` whose character belongs to another object, and calls made."""
    known, step, calls = start, 1, 0
    while True:
        probe = known + step
        if probe >= count:
            limit = count
            break
        calls += 1
        if object_at(handle, probe) != obj:
            limit = probe
            break
        known, step = probe, step * 2
    while limit - known > 1:
        middle = (known + limit) // 2
        calls += 1
        if object_at(handle, middle) == obj:
            known = middle
        else:
            limit = middle
    return known + 1, calls
