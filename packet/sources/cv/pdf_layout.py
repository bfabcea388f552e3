"""A PDF page's text with its margin column put back beside the entry it belongs to.

Many CV layouts (RenderCV and moderncv among them) set an entry's dates, and sometimes
its organisation and place, in a narrow column left of the text, stacked on lines of
their own:

    Aligned HQ       Consultant
        Remote       Scientific Research & Frontier AI
2026 – present

In the order of the text layer these become five lines, and the entry's dates land
under the next entry's title. From the positions of the text runs each stack is joined
to the line of the main column it starts beside, as one line a CV reader knows: "•
2026 – present Aligned HQ, Remote, Consultant", the entry's further lines indented
under it. A page with no such column is left to the text layer's own order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from packet.sources.cv.sections import bare_heading
from packet.sources.dates import find_dates

_ICON_RE = re.compile("[\uf000-\uf8ff]")  # icon-font glyphs (phone, mail, GitHub marks)
_UNIT_RE = re.compile(
    r"(?:Department|Dept\.|School|Institute|Center|Centre|Faculty|Laboratory|Division|College)\b"
)
_FOOTER_RE = re.compile(r"(?i)(?:^|\s)(?:page\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}\s*$|^\s*\d{1,3}\s*$")


@dataclass
class _Run:
    left: float
    right: float
    top: float
    bottom: float
    text: str


@dataclass
class _Line:
    top: float
    bottom: float
    runs: list[_Run]

    @property
    def text(self) -> str:
        out = ""
        for run in sorted(self.runs, key=lambda r: r.left):
            if out and not out.endswith(" ") and not run.text.startswith(" "):
                out += " " + run.text
            else:
                out += run.text
        return re.sub(r"\s+", " ", out).strip()


def _runs(textpage: Any) -> list[_Run]:
    """The page's characters as runs: a run ends at a line break of the text layer, or
    where the next character sits far to the right of it (across a column gap)."""
    runs: list[_Run] = []
    chars: list[tuple[str, float, float, float, float]] = []

    def close() -> None:
        boxed = [c for c in chars if c[0].strip() and c[2] > c[1]]
        text = _ICON_RE.sub(" ", "".join(c[0] for c in chars))
        if boxed and text.strip():
            runs.append(_Run(min(c[1] for c in boxed), max(c[2] for c in boxed),
                             max(c[4] for c in boxed), min(c[3] for c in boxed), text))  # fmt: skip
        chars.clear()

    last_right = None
    bold = False  # the last character was set in bold
    broken = False  # after a word hyphenated at the line's end, its rest on the next line
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch in ("\r", "\n"):
            close()
            last_right, broken, bold = None, False, False
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if ch in ("\ufffe", "\x02"):
            broken = True  # "In-" / "telligence": one word, placed where it starts
            continue
        if broken:
            chars.append((ch, 0.0, 0.0, 0.0, 0.0))  # its text, not its place
            continue
        if ch.strip() and last_right is not None and left - last_right > 6:
            close()
        weight = pdfium_c.FPDFText_GetFontWeight(textpage, i)
        if ch.strip() and 0 <= weight < 600 and bold and ch not in _CLOSING:
            _part_break(chars)
        chars.append((ch, left, right, bottom, top))
        if ch.strip():
            last_right, bold = right, weight >= 600
    close()
    return runs


# "Stanford University Geophysics", the institution in bold: where the bold ends, the part
# ends ("Stanford University, Geophysics"), unless punctuation already says so
_CLOSING = ",.;:)]"


def _part_break(chars: list[tuple[str, float, float, float, float]]) -> None:
    k = max((j for j, c in enumerate(chars) if c[0].strip()), default=-1)
    if k >= 0 and chars[k][0] not in ",.;:([-–":
        chars.insert(k + 1, (",", 0.0, 0.0, 0.0, 0.0))


def _lines(runs: list[_Run]) -> list[_Line]:
    """Runs on one baseline (their middles within 3 pt) are one line; top to bottom."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: -(r.top + r.bottom) / 2):
        middle = (run.top + run.bottom) / 2
        line = next((ln for ln in lines if abs((ln.top + ln.bottom) / 2 - middle) < 3), None)
        if line is None:
            lines.append(_Line(run.top, run.bottom, [run]))
        else:
            line.runs.append(run)
            line.top, line.bottom = max(line.top, run.top), min(line.bottom, run.bottom)
    lines.sort(key=lambda ln: -ln.top)
    return lines


def _main_left(runs: list[_Run]) -> float | None:
    """Where the main column starts: the left edge most long runs share."""
    edges = Counter(round(r.left) for r in runs if len(r.text.strip()) > 12)
    if not edges:
        return None
    best = edges.most_common(1)[0][0]
    near = sum(c for edge, c in edges.items() if abs(edge - best) <= 2)
    return float(best) - 2 if near >= 3 and best > 40 else None


def _stacks(margin: list[_Line]) -> list[list[_Line]]:
    """Margin lines set one under the other (a gap under one line's height) are one stack."""
    stacks: list[list[_Line]] = []
    for line in margin:
        height = line.top - line.bottom
        # the dates close a stack ("Aligned HQ / Remote / 2026 – present"): the next line
        # starts the next entry's, however close it is set
        # and a stack the dates have not closed may have a line hidden in a hyphenated word
        closed = bool(stacks) and bool(find_dates(stacks[-1][-1].text))
        if stacks and not closed and stacks[-1][-1].bottom - line.top < max(height, 4) * 2.6:
            stacks[-1].append(line)
        else:
            stacks.append([line])
    return stacks


def _lead(stack: list[_Line]) -> tuple[str, bool]:
    """The stack as the start of an entry line (its dates first, then the rest), and
    whether it names more than dates."""
    texts = [ln.text for ln in stack]
    dated = [t for t in texts if find_dates(t)]
    rest = [t for t in texts if t not in dated]
    return " ".join(dated) + (" " if dated and rest else "") + ", ".join(rest), bool(rest)


def margin_text(textpage: Any) -> str | None:
    """The page's text with each margin stack joined to its entry, or None when the page
    has no margin column (or too little of one to be sure)."""
    runs = _runs(textpage)
    left = _main_left(runs)
    if left is None:
        return None
    # the margin column is set flush right against the main one; a line whose part left of
    # the main column ends further left (a contact line across the page head) is main text
    beside = _lines([r for r in runs if r.right <= left])
    edges = Counter(round(max(r.right for r in ln.runs)) for ln in beside)
    if sum(edges.values()) < 3:
        return None
    edge = edges.most_common(1)[0][0]
    margin_runs = [
        r for ln in beside if abs(max(x.right for x in ln.runs) - edge) <= 6 for r in ln.runs
    ]
    main_runs = [r for r in runs if r not in margin_runs]
    if len(margin_runs) < 3:
        return None
    main, margin = _lines(main_runs), _lines(margin_runs)
    if main and _FOOTER_RE.search(main[-1].text) and main[-1].top < 60:
        main.pop()  # "Marine A. Denolle – 1/17": the page's footer
    anchors: dict[int, list[_Line]] = {}
    for stack in _stacks(margin):
        top = stack[0].top
        # the main line beside the stack's first line (a stack may start a little above it)
        k = min(range(len(main)), key=lambda i: abs(main[i].top - top), default=None)
        if k is not None and abs(main[k].top - top) < 8 and k not in anchors:
            anchors[k] = stack
        elif anchors and not find_dates(anchors[max(anchors)][-1].text):
            # "Applied Environmental Intel-/ligence" set on two lines: the stack goes on
            anchors[max(anchors)] = anchors[max(anchors)] + stack
        else:
            return None  # a stack beside no line of its own: not a layout this module knows
    out: list[str] = []
    inside = False
    right = max(r.right for r in main_runs)
    for i, line in enumerate(main):
        text = line.text
        wraps = i > 0 and max(r.right for r in main[i - 1].runs) >= right - 40
        if i in anchors:
            lead, named = _lead(anchors[i])
            # "2016 P. Boue, ...": a date leads the entry; "2024 – present University of
            # Washington, Seattle, WA, Associate Professor": named parts are parts
            out.append(f"• {lead}{', ' if named else ' '}{text}".rstrip())
            inside = True
        elif bare_heading(text):
            out += ["", text]
            inside = False
        elif inside and wraps and not text.startswith("•"):
            out[-1] += " " + text  # the entry's text runs on to this line
        elif inside and _UNIT_RE.match(text) and out[-1].startswith("•"):
            out[-1] += ", " + text  # "Department of Earth and Space Sciences": part of the role
        elif inside:
            out.append("    • " + text.lstrip("• "))  # a line of the entry's own
        else:
            out.append(text)
    return "\n".join(out)

