"""Text that comes closer to a page edge than a margin allows.

Calls that allow page numbers, a running header or a footer expect them in
the top and bottom margins (Horizon Europe: margins "not including any
footers or headers"), so `running_bands` finds each page's header and footer
block and the margin check leaves them out. Body text pushed into the bottom
margin sits at the normal line spacing, with no gap, so it is still caught.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from packet.check.pdf_text import Box

SIDES = ("left", "right", "top", "bottom")
_MAX_RUNNING_LINES = 2


@dataclass(frozen=True)
class MarginHit:
    page: int  # 1-based
    side: str  # left, right, top or bottom, of the page as displayed
    distance: float  # points from that edge to the nearest text (0 when text is off the page)

    @property
    def inches(self) -> float:
        return self.distance / 72.0


@dataclass
class _Line:
    top: float
    bottom: float
    boxes: list[Box]

    @property
    def height(self) -> float:
        return self.bottom - self.top


Bands = dict[int, list[tuple[float, float]]]  # page number -> (top, bottom) of header/footer blocks


def margin_hits(
    number: int, width: float, height: float, boxes: Sequence[Box], margin: float,
    bands: list[tuple[float, float]],
) -> list[MarginHit]:
    """The closest text on each side of one page inside `margin` points of the edge,
    leaving out the lines within `bands` (its header and footer)."""
    kept = [b for b in boxes if not _within(b, bands)]
    hits = []
    for side in SIDES:
        closest = min((_distance(box, side, width, height) for box in kept), default=None)
        if closest is not None and closest < margin:
            hits.append(MarginHit(number, side, max(closest, 0.0)))
    return hits


def _within(box: Box, bands: list[tuple[float, float]]) -> bool:
    return any(top <= box.top and box.bottom <= bottom for top, bottom in bands)


def _distance(box: Box, side: str, width: float, height: float) -> float:
    if side == "left":
        return box.left
    if side == "right":
        return width - box.right
    if side == "top":
        return box.top
    return height - box.bottom


def _lines(boxes: Sequence[Box]) -> list[_Line]:
    """Boxes that share most of their height form one line, top to bottom."""
    lines: list[_Line] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.left)):
        line = lines[-1] if lines else None
        overlap = min(box.bottom, line.bottom) - max(box.top, line.top) if line else 0.0
        if line and overlap > 0.5 * min(box.bottom - box.top, line.height):
            line.boxes.append(box)
            line.top, line.bottom = min(line.top, box.top), max(line.bottom, box.bottom)
        else:
            lines.append(_Line(box.top, box.bottom, [box]))
    return lines


def running_bands(pages: Sequence[tuple[int, float, Sequence[Box]]], margin: float) -> Bands:
    """(top, bottom) of each page's header and footer blocks, by page number.

    `pages` holds (number, height, text lines). A candidate is at most two
    lines at the very top or bottom that reach into the margin, set apart from
    the text inside by at least a line's height. It is a header or footer when
    another page has one with the same text at that edge (digits aside, so page
    numbers match), or when it is a single line: a paragraph of two lines
    that starts in the margin is body text.
    """
    candidates: dict[tuple[int, str], list[_Line]] = {}
    for number, height, boxes in pages:
        lines = _lines(boxes)
        for edge, ordered in (("top", lines), ("bottom", lines[::-1])):
            block = _edge_block(ordered, edge, height, margin)
            if block:
                candidates[(number, edge)] = block
    keys = {place: _key(block) for place, block in candidates.items()}
    seen = Counter((edge, key) for (_, edge), key in keys.items())
    bands: Bands = {}
    for (number, edge), block in candidates.items():
        if len(block) == 1 or seen[(edge, keys[(number, edge)])] > 1:
            top, bottom = min(ln.top for ln in block), max(ln.bottom for ln in block)
            bands.setdefault(number, []).append((top, bottom))
    return bands


def _edge_block(ordered: list[_Line], edge: str, height: float, margin: float) -> list[_Line]:
    if not ordered:
        return []
    first = ordered[0]
    if (first.top >= margin) if edge == "top" else (first.bottom <= height - margin):
        return []
    block = [first]
    for line in ordered[1:]:
        if _gap(block[-1], line) >= block[-1].height:
            break
        block.append(line)
    rest = ordered[len(block):]
    separated = not rest or _gap(block[-1], rest[0]) >= block[-1].height
    return block if len(block) <= _MAX_RUNNING_LINES and separated else []


def _key(block: list[_Line]) -> str:
    """A block's text with digits and spacing ignored: "Page 3 of 9" matches "Page 4 of 9"."""
    text = " ".join(box.text for line in block for box in sorted(line.boxes, key=lambda b: b.left))
    return "".join(ch for ch in text.casefold() if not ch.isdigit() and not ch.isspace())


def _gap(outer: _Line, inner: _Line) -> float:
    """Empty space between two lines, whichever one is higher on the page."""
    return max(inner.top - outer.bottom, outer.top - inner.bottom)
