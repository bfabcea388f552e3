"""From citeproc-py's marked-up output to trusted Markdown.

`citations` renders with `MARKERS`, an output format that writes private-use
characters where HTML would have tags, and wraps the data it needs to find
again (the applicant's family name, DOIs, URLs) in more of them. Here those
marks become Markdown: the printed name bold, a co-first `*`, links, italics.
Every character of text is escaped exactly once, at the very end, whether it
came from the data or from the style, so nothing in a title can become markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

IT_ON, IT_OFF, B_ON, B_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
NAME_ON, NAME_OFF, GIVEN_END = "\ue010", "\ue011", "\ue012"
DOI_ON, DOI_OFF, URL_ON, URL_OFF = "\ue020", "\ue021", "\ue022", "\ue023"
NOCASE_ON, NOCASE_OFF, STATUS_END = "\ue024", "\ue025", "\ue026"
_LINK_ON, _LINK_OFF = "\ue030", "\ue031"
SLOT0 = 0xE100  # slot characters number the marked names and the links
PRIVATE = re.compile("[\ue000-\uf8ff]")  # removed from all data before rendering

# citeproc-py looks these names up on a formatter module.
MARKERS = SimpleNamespace(
    preformat=lambda text: text,
    Italic=lambda text: f"{IT_ON}{text}{IT_OFF}",
    Oblique=lambda text: f"{IT_ON}{text}{IT_OFF}",
    Bold=lambda text: f"{B_ON}{text}{B_OFF}",
    # No Markdown for these; the text stays.
    Light=str, Underline=str, Superscript=str, Subscript=str, SmallCaps=str,
)

# -- escaping -------------------------------------------------------------------

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|{}~^$!#%])")
# Block syntax only counts at the start of a line: list items ("-", "+",
# "2025."), setext underlines ("="), block quotes, and ":::" containers.
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=:>])", re.MULTILINE)


def escape_inline(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line_starts(text: str) -> str:
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _link_dest(url: str) -> str:
    return re.sub(r"([\\()<>{}])", r"\\\1", url).replace(" ", "%20")


# -- names ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One author whose names went into citeproc with markers."""

    given: str
    particles: tuple[str, ...]  # "van", "der": printed next to the family name
    own: bool  # the applicant: bold
    cofirst: bool  # equal contribution: a `*` after the name
    suffix: str = ""  # printed after the name: " (40 authors)" on a shortened list's last


_NAME_RE = re.compile(f"{NAME_ON}(.)(.*?){NAME_OFF}", re.DOTALL)
# When citeproc initializes a given name it keeps a "word" without a capital
# as it is (like a particle), between spaces, and still ends with the
# initialize-with mark, stripped: "A. <marker> ." for ". ". The marker takes
# the spaces and that lone mark with it.
_GIVEN_END_RE = re.compile(f" ?{GIVEN_END}(.)(?: \\.)?")


def _given_regex(given: str) -> str:
    """Matches `given` as printed: in full, or as initials with or without periods."""
    words = []
    for word in given.replace(".", ". ").split():
        parts = [p.rstrip(".") for p in word.split("-") if p.rstrip(".")]
        alts = [rf"(?:{re.escape(p)}|{re.escape(p[0])}\.?)" for p in parts]
        words.append(r"\s*-?\s*".join(alts))
    return r"\s*".join(w for w in words if w)


def _apply_names(raw: str, marks: list[Mark]) -> str:
    """Bold the applicant's whole printed name and star co-first authors.

    The family name is marked at both ends and the given name at its end. A
    given name belongs to a printed family name when only a separator lies
    between them: "Favero, A." and "FAVERO (A.)" after it, "A. Favero" and
    "J. van der Waals" before it. Styles that also print a short label
    ("Favero et al. 2025") get the family name alone there.
    """
    given_ends: dict[int, list[int]] = {}  # a style may print a name twice
    pieces, last, length = [], 0, 0
    for match in _GIVEN_END_RE.finditer(raw):
        pieces.append(raw[last:match.start()])
        length += match.start() - last
        given_ends.setdefault(ord(match[1]) - SLOT0, []).append(length)
        last = match.end()
    raw = "".join([*pieces, raw[last:]])
    out, pos = [], 0
    for match in _NAME_RE.finditer(raw):
        slot = ord(match[1]) - SLOT0
        mark, ends = marks[slot], given_ends.get(slot, [])
        start, end = match.start(), match.end()
        part = "|".join(re.escape(p) for p in mark.particles)
        parts = rf"(?:(?:{part})\s+)*" if part else ""
        given = _given_regex(mark.given)
        follows = re.compile(rf"\W{{0,3}}{given}", re.IGNORECASE)  # ", A." "(A." " Alessandro"
        after = [g for g in ends if g >= end and follows.fullmatch(raw, end, g)]
        between = re.compile(rf"\s*{parts}", re.IGNORECASE)  # " " " van der "
        before = [g for g in ends if pos <= g <= start and between.fullmatch(raw, g, start)]
        if after:
            tail = re.match(rf"(?:\s+(?:{part}))*", raw[after[0]:]) if part else None
            end = after[0] + (tail.end() if tail else 0)
            ends.remove(after[0])
        elif before:
            # The given name's end is known, so its start is read backwards.
            first = re.search(rf"{given}$", raw[pos:before[0]], re.IGNORECASE)
            start = pos + first.start() if first else start
            ends.remove(before[0])
        if part:  # "van der Waals, J."
            lead = re.search(rf"(?<!\w)(?:(?:{part})\s+)+$", raw[pos:start], re.IGNORECASE)
            start = pos + lead.start() if lead else start
        if raw[start:end].count("(") > raw[start:end].count(")") and raw[end:end + 1] == ")":
            end += 1  # "FAVERO (A.)"
        name = _NAME_RE.sub(r"\2", raw[start:end])
        out += [raw[pos:start], f"{B_ON}{name}{B_OFF}" if mark.own else name]
        out += ["*"] if mark.cofirst else []
        out += [mark.suffix] if mark.suffix else []
        pos = end
    out.append(raw[pos:])
    return "".join(out)


# -- links ----------------------------------------------------------------------

_DOI_RE = re.compile(f"(?:https?://(?:dx\\.)?doi\\.org/)?{DOI_ON}([^{DOI_OFF}]*){DOI_OFF}", re.I)
_URL_RE = re.compile(f"{URL_ON}([^{URL_OFF}]*){URL_OFF}")


def _apply_links(raw: str, urls: list[str]) -> str:
    """DOIs and URLs the style printed become links; the printed text stays."""

    def link(match: re.Match[str], url: str) -> str:
        text = PRIVATE.sub("", match[0])
        if not re.match(r"https?://", url, re.IGNORECASE):
            return text
        urls.append(url)
        return f"{_LINK_ON}{chr(SLOT0 + len(urls) - 1)}{text}{_LINK_OFF}"

    raw = _DOI_RE.sub(lambda m: link(m, f"https://doi.org/{PRIVATE.sub('', m[1])}"), raw)
    return _URL_RE.sub(lambda m: link(m, PRIVATE.sub("", m[1])), raw)


# -- Markdown -------------------------------------------------------------------


def _kind(char: str) -> str:
    if char.isspace():
        return "space"
    return "punct" if unicodedata.category(char)[0] in "PS" else "word"


def _fix_flanking(chars: list[list[Any]]) -> None:
    """Move edge characters out of emphasis where CommonMark would not read `*` as one.

    A `*` cannot open before a space, nor before punctuation that follows a
    letter ("word*(x)*"); the same holds mirrored for closing. The moved
    character loses its italics or bold: invisible for a space, minor for a
    quote or a full stop.
    """
    for attr in (1, 2):
        i, n = 0, len(chars)
        while i < n:
            if not chars[i][attr]:
                i += 1
                continue
            j = i
            while j < n and chars[j][attr] and chars[j][3] == chars[i][3]:
                j += 1
            stop, lo, hi = j, i, j
            while lo < hi and chars[lo][0].isspace():
                chars[lo][attr], lo = False, lo + 1
            while hi > lo and chars[hi - 1][0].isspace():
                chars[hi - 1][attr], hi = False, hi - 1
            if lo < hi and lo > 0 and _kind(chars[lo][0]) == "punct" == _letter(chars, lo - 1):
                chars[lo][attr], lo = False, lo + 1
            if lo < hi and hi < n and _kind(chars[hi - 1][0]) == "punct" == _letter(chars, hi):
                chars[hi - 1][attr] = False
            i = stop


def _letter(chars: list[list[Any]], k: int) -> str:
    # Compared with "punct" above: an edge must move when its outside neighbour is a letter.
    return "punct" if _kind(chars[k][0]) == "word" else "other"


def _styled_chars(raw: str) -> list[list[Any]]:
    """[char, italic, bold, link slot] for every character of text."""
    chars: list[list[Any]] = []
    italic = bold = 0
    link: int | None = None
    i = 0
    while i < len(raw):
        c = raw[i]
        if c in (IT_ON, IT_OFF):
            italic += 1 if c == IT_ON else -1
        elif c in (B_ON, B_OFF):
            bold += 1 if c == B_ON else -1
        elif c == _LINK_ON:
            link, i = ord(raw[i + 1]) - SLOT0, i + 1
        elif c == _LINK_OFF:
            link = None
        elif c in " \t\r\n":
            # Some styles separate with runs of spaces, or with line breaks meant for HTML.
            if chars and chars[-1][0] != " ":
                chars.append([" ", italic > 0, bold > 0, link])
        elif not PRIVATE.match(c):
            chars.append([c, italic > 0, bold > 0, link])
        i += 1
    return chars


_DELIMITERS = {"link": "[", "it": "*", "b": "**"}


def _run(chars: list[list[Any]], i: int, kind: str) -> int:
    """How many characters from `i` on keep `kind` (links count as longest)."""
    if kind == "link":
        return len(chars) + 1
    column = 1 if kind == "it" else 2
    n = i
    while n < len(chars) and chars[n][column] and chars[n][3] == chars[i][3]:
        n += 1
    return n - i


# citeproc-py appends a style's "." even after a title ending in "?" or "!"
# ("Networks?."); CSL processors drop it, across closing quotes and markup.
_DOUBLE_STOP = re.compile("([?!][\u201d\u2019\"'\ue000-\ue003]*)\\.(?=[\\s\ue000-\ue003]|$)")


def to_markdown(raw: str, marks: list[Mark]) -> str:
    """citeproc-py's marked output as one line of trusted Markdown."""
    raw = _DOUBLE_STOP.sub(r"\1", raw)
    urls: list[str] = []
    chars = _styled_chars(_apply_links(_apply_names(raw, marks), urls))
    _fix_flanking(chars)
    out: list[str] = []
    # Open delimiters, innermost last. Only what must close is closed, so a
    # name set bold inside a bold author list does not end up as `****`.
    stack: list[tuple[str, int | None]] = []
    text: list[str] = []
    for i, (c, it, b, ln) in enumerate([*chars, ["", False, False, None]]):
        wanted = {("link", ln)} if ln is not None else set()
        wanted |= {("it", None)} if it else set()
        wanted |= {("b", None)} if b else set()
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        if keep < len(stack) or wanted - set(stack):
            out.append(escape_inline("".join(text)))
            text = []
            for kind, slot in reversed(stack[keep:]):
                out.append(f"]({_link_dest(urls[slot or 0])})" if kind == "link" else
                           _DELIMITERS[kind])
            del stack[keep:]
            # What lasts longer opens first, so it need not close and reopen
            # around the shorter one ("***Favero*, A.**", not "*****").
            for item in sorted(wanted - set(stack), key=lambda w: -_run(chars, i, w[0])):
                out.append(_DELIMITERS[item[0]])
                stack.append(item)
        text.append(c)
    out.append(escape_inline("".join(text)))
    return escape_line_starts("".join(out).strip())
