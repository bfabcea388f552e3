"""Figures written the way a person reads them: '2 pages', '0.30 in', 'US Letter (8.5 × 11 in)'.

Also the one place that builds a `Finding`, so every rule marks
unconfirmed sources the same way.
"""

from __future__ import annotations

import re

from packet.model.call import PAPERS
from packet.model.report import Finding, Severity

PAPER_TOLERANCE_PT = 2.0  # tools round paper sizes differently (A4 is 595.28 or 595 or 596)

# Named sizes in points, portrait (width, height): the calls' papers and others that
# PDFs from elsewhere come in, to name what a page is.
_PAPERS: dict[str, tuple[float, float]] = {
    **{paper.name: (paper.width, paper.height) for paper in PAPERS.values()},
    "US Legal": (612.0, 1008.0),
    "A3": (841.89, 1190.55),
    "A5": (419.53, 595.28),
    "B5": (498.9, 708.66),
    "Tabloid": (792.0, 1224.0),
}
CALL_PAPERS = {key: paper.name for key, paper in PAPERS.items()}
_METRIC = {"A4", "A3", "A5", "B5"}

_UNCONFIRMED_NOTE = " (this rule is not confirmed with the funder)"
_UNITS = re.compile(r"^\s*([\d.]+)\s*(mm|cm|in|pt)\s*$")


def finding(
    rule: str,
    severity: Severity,
    message: str,
    *,
    document: str | None = None,
    limit: str | None = None,
    actual: str | None = None,
    source: str = "funder",
) -> Finding:
    unconfirmed = source == "unconfirmed"
    return Finding(
        rule=rule,
        severity=severity,
        document=document,
        limit=limit,
        actual=actual,
        message=_with_note(message) if unconfirmed else message,
        unconfirmed=unconfirmed,
    )


def _with_note(message: str) -> str:
    if message.endswith("."):
        return message[:-1] + _UNCONFIRMED_NOTE + "."
    return message + _UNCONFIRMED_NOTE


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def inches(points: float) -> str:
    return f"{points / 72:.2f} in"


def length(text: str, points: float) -> str:
    """A spec's length in inches, with the spec's own unit beside it: '0.79 in (2 cm)'."""
    match = _UNITS.match(text)
    if match is None or match.group(2) == "in":
        return inches(points)
    return f"{inches(points)} ({float(match.group(1)):g} {match.group(2)})"


def points(size: float) -> str:
    return f"{size:.1f} pt"


def page_list(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> 'pages 1-3, 5'; [4] -> 'page 4'."""
    numbers = sorted(set(numbers))
    if not numbers:
        return "no pages"
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(spans)


def paper_name(width: float, height: float) -> str | None:
    """The named paper size of a page in either orientation, or None."""
    short, long = sorted((width, height))
    for name, (w, h) in _PAPERS.items():
        if abs(short - w) <= PAPER_TOLERANCE_PT and abs(long - h) <= PAPER_TOLERANCE_PT:
            return name
    return None


def same_paper(width: float, height: float, paper: str) -> bool:
    """Whether a page is `paper` ('a4' or 'us-letter'), portrait or landscape."""
    return paper_name(width, height) == CALL_PAPERS[paper]


def describe_paper(width: float, height: float) -> str:
    """'US Letter (8.5 × 11 in)', 'A4 (210 × 297 mm)' or '8.00 × 10.00 in (203 × 254 mm)'."""
    name = paper_name(width, height)
    if name is not None:
        w, h = _PAPERS[name]
        if width > height:
            w, h = h, w
        return f"{name} ({_mm(w)} × {_mm(h)} mm)" if name in _METRIC else (
            f"{name} ({_in(w)} × {_in(h)} in)"
        )
    return f"{width / 72:.2f} × {height / 72:.2f} in ({_mm(width)} × {_mm(height)} mm)"


def describe_call_paper(paper: str) -> str:
    name = CALL_PAPERS[paper]
    w, h = _PAPERS[name]
    return describe_paper(w, h)


def _mm(pt: float) -> str:
    return f"{pt / 72 * 25.4:.0f}"


def _in(pt: float) -> str:
    return f"{pt / 72:g}"


def megabytes(size: int) -> str:
    """Bytes as MB (10^6 bytes, the smaller unit, so a limit is never overstated)."""
    if size < 1000:
        return plural(size, "byte")
    return f"{size / 1_000_000:,.1f} MB" if size >= 100_000 else f"{size / 1000:,.0f} kB"
