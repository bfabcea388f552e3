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
from html.parser import HTMLParser
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
# What makes a string worth handing to the LaTeX decoder (it is slow; most strings are plain).
_LATEX_SIGNS = re.compile(r"[\\{}$~]|--|``|''")


@cache
def _latex() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text

    # math_mode="text": "$O(n^2)$" reads as "O(n^2)" and "$\alpha$" as "α", not as LaTeX.
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


# The LaTeX most titles and names use, decoded without a parser: pylatexenc costs about
# 1 ms a string, which is 20 s for a 5,000-entry file; this table covers the common case
# in microseconds and anything else (math, other macros) still goes to pylatexenc.
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306",
            "H": "\u030b", "k": "\u0328", "r": "\u030a"}  # fmt: skip
_LETTERS = {"l": "ł", "L": "Ł", "o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ",
            "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ"}  # fmt: skip
# The accented letter: {e}, {\i}, \i (a control word eats the spaces after it), or e.
_LETTER_ARG = (
    r"(?:\{\s*(?:\\(?P<@w>[ij])|(?P<@b>[A-Za-z]))\s*\}"
    r"|\\(?P<@c>[ij])(?![A-Za-z])\s*|(?P<@p>[A-Za-z]))"
)
_ACCENT = re.compile(
    r"\{?\\(?P<sym>[`'^\"~=.])\s*" + _LETTER_ARG.replace("@", "s") + r"\}?"
    r"|\{?\\(?P<word>[cvuHkr])(?:\s*(?=\{)|\s+)" + _LETTER_ARG.replace("@", "w") + r"\}?"
)
_LETTER = re.compile(r"\{?\\(ss|ae|AE|oe|OE|aa|AA|[lLoOij])(?![A-Za-z])\s*\}?(?:\{\})?")
_ESCAPE = re.compile(r"\\([&%$#_{}])")
_DASHES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", " "))


def _accent(match: re.Match[str]) -> str:
    mark = match.group("sym") or match.group("word")
    # `\'\i` (an accent on the dotless i) is read as í, as LaTeX prints it.
    letter = next(v for k, v in match.groupdict().items() if v and k not in ("sym", "word"))
    return unicodedata.normalize("NFC", letter + _ACCENTS[mark])


def _simple_latex(text: str) -> str | None:
    """The text decoded if it only uses accents, special letters, escapes and braces."""
    text = _ACCENT.sub(_accent, text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPE.sub(lambda m: "\ue002" + m.group(1), text)  # kept from brace removal
    if "\\" in text or "$" in text:
        return None
    for sign, char in _DASHES:
        text = text.replace(sign, char)
    return text.replace("{", "").replace("}", "").replace("\ue002", "")


@cache
def _latex_cached(text: str) -> str:
    simple = _simple_latex(text)
    if simple is not None:
        return simple
    try:
        return str(_latex().latex_to_text(text))
    except Exception:  # pylatexenc rejects some malformed input; the braces alone then go
        return text.replace("{", "").replace("}", "")


def latex_to_text(text: str) -> str:
    """LaTeX accents, dashes, escapes, math and case-protecting braces -> Unicode text."""
    if not _LATEX_SIGNS.search(text):
        return text
    if len(text) > 200:  # abstracts are seldom repeated: not worth a cache entry
        return _latex_cached.__wrapped__(text)
    return _latex_cached(text)


class _Text(HTMLParser):
    """The text of an HTML fragment: a line break where a block ends, scripts skipped."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "li",
            "br",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "table",
            "section",
            "article",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    """Tags dropped (a line break where a block ended), entities decoded; a bare "<" in
    the text ("a < b") is text, as browsers read it."""
    if "<" not in text:
        return html.unescape(text) if "&" in text else text
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


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
    from ftfy.badness import is_bad

    if not is_bad(text):  # a quick look; fix_text itself costs ten times more
        return text

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
    return unicodedata.normalize("NFC", typography(squeeze(text, keep_lines)))


# Text copied from web pages comes with the spacing of a text-to-speech or PDF export:
# "e. g. , the", "grammar - a tree". Only these unambiguous forms are mended.
_SPACED_ABBREVIATION = re.compile(r"\b([eEiI])\. ([gGeE])\.(?: (?=,))?")
_SPACE_BEFORE_COMMA = re.compile(r"(?<=\w[.)]) (?=,)")
_SPACED_HYPHEN = re.compile(r"(?<=[\w,)]) - (?=\w)")


def typography(text: str) -> str:
    """"e. g. ," -> "e.g.,", and a hyphen between spaces, used as a dash, -> an en dash."""
    if ". " in text:
        text = _SPACE_BEFORE_COMMA.sub("", _SPACED_ABBREVIATION.sub(r"\1.\2.", text))
    return _SPACED_HYPHEN.sub(" \u2013 ", text) if " - " in text else text


_FOLD_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """A matching key: accents, case and punctuation gone ("Jiménez" == "jimenez")."""
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded.translate(_FOLD_LETTERS))
        folded = _COMBINING.sub("", decomposed)
    return _NON_WORD.sub(" ", folded).strip()
