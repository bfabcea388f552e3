"""Text as the profile stores it: Unicode, one space between words, nothing of the markup.

Every reader hands over raw text with the markup it is written in (`Candidate.markup`);
this module is the one place that turns it into plain Unicode, so a title from a
BibTeX file and the same title from a CV's HTML page come out the same.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from packet.sources.candidate import Markup

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BREAK_HYPHEN = re.compile(r"(\w)-\n\s*([a-z])")
_NEWLINES = re.compile(r"\s*\n\s*")
# Markdown's backslash escapes (CommonMark: any ASCII punctuation may be escaped).
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]+)\)")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.IGNORECASE)
# What makes a string worth handing to the LaTeX decoder (it is slow; most strings are plain).
_LATEX_SIGNS = re.compile(r"[\\{}$~]|--|``|''")


@cache
def _latex() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text

    # math_mode="text": "$O(n^2)$" reads as "O(n^2)" and "$\alpha$" as "α", not as LaTeX.
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def latex_to_text(text: str) -> str:
    """LaTeX accents, dashes, escapes, math and case-protecting braces -> Unicode text."""
    if not _LATEX_SIGNS.search(text):
        return text
    try:
        return str(_latex().latex_to_text(text))
    except Exception:  # pylatexenc rejects some malformed input; the braces alone then go
        return text.replace("{", "").replace("}", "")


def html_to_text(text: str) -> str:
    """Tags dropped (a line break where a block ended), entities decoded."""
    if "<" in text:
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def markdown_to_text(text: str) -> str:
    """Emphasis and link markup dropped, backslash escapes (`\\*`, `\\(`) undone."""
    # Escaped characters are set aside first so that `\*` is never read as emphasis.
    escaped: list[str] = []

    def aside(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _MD_ESCAPE.sub(aside, text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)


def fix_mojibake(text: str) -> str:
    """UTF-8 read as Latin-1 or cp1252 ("UniversitÃ©") repaired; curly quotes kept."""
    if text.isascii():
        return text
    import ftfy

    return str(ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC"))


def squeeze(text: str, keep_lines: bool = False) -> str:
    """Words joined again across a hyphenated line break; runs of spaces as one."""
    text = _BREAK_HYPHEN.sub(r"\1\2", text)
    if keep_lines:
        lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    return _SPACE.sub(" ", _NEWLINES.sub(" ", text)).strip()


def clean_text(text: str, markup: Markup = "plain", keep_lines: bool = False) -> str:
    """Raw source text -> the profile's plain Unicode (NFC, accents and curly quotes kept)."""
    text = fix_mojibake(text)
    if markup == "html":
        text = html_to_text(text)
    elif markup == "latex":
        text = latex_to_text(text)
    elif markup == "markdown":
        text = html_to_text(markdown_to_text(text))
    else:
        text = html.unescape(text) if "&" in text and ";" in text else text
    return unicodedata.normalize("NFC", squeeze(text, keep_lines))


def fold(text: str) -> str:
    """A matching key: accents, case and punctuation gone ("Jiménez" == "jimenez")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.replace("ł", "l").replace("ø", "o").replace("ß", "ss").split())
