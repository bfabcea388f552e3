"""Markdown escaping: the one place where data becomes literal Markdown text.

Templates insert profile data into Markdown. Unless the data is escaped, a
title such as `*y* <z>` would become emphasis, a line starting `1984.` an
ordered list, and a blank line inside an answer would end the list item it
sits in. `md_escape` makes any value print as exactly itself:

- every ASCII punctuation character that CommonMark (as configured here:
  no HTML, no tables, no strikethrough, plus `^sup^`) reads as inline syntax
  gets a backslash: \\ ` * _ [ ] < > & ^ ! # ( ); the parser removes the
  backslash again. So nothing can open emphasis, a link or image, code, an
  entity or an autolink, and a heading cannot lose a trailing `#`;
- a marker that only counts at the start of a line (`-`, `+`, `=`, `:`, `~`,
  `1984.`, `1)`) is escaped where the value starts, since a template may put
  the value at the start of a line (or right after `- `);
- runs of ASCII whitespace, line breaks included, become one space, so data
  can neither end a paragraph or list item, nor indent itself into a code
  block, nor end a line with the two spaces of a hard break.

Punctuation that is never syntax (`,` `.` `:` `-` `'` inside a value) stays
as it is: fewer escapes keep the Markdown readable and the parse fast.

`TrustedMarkdown` marks text that already is Markdown (the output of
`md_escape`, formatted citations, the person's own statement texts). It
subclasses `markupsafe.Markup` only to inherit its string methods, which
escape their arguments through `cls.escape`: here that is `md_escape`, so
`trusted + data` or `trusted.join(data)` stay safe.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>&^!#()])")
_LINE_START = re.compile(r"^( ?)(?:([-+=:~])|(\d{1,9})([.)]))")
_WHITESPACE = re.compile(r"[ \t\n\v\f\r\x85\u2028\u2029]+")


class TrustedMarkdown(Markup):
    """Text that is Markdown already and must be inserted as it is."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> TrustedMarkdown:
        return md_escape(s)

    def __repr__(self) -> str:
        return f"TrustedMarkdown({str.__repr__(self)})"


def md_escape(value: Any) -> TrustedMarkdown:
    """`value` as Markdown that prints exactly `str(value)` (whitespace runs become one space).

    Trusted Markdown passes unchanged; None becomes the empty string.
    """
    if isinstance(value, TrustedMarkdown):
        return value
    if value is None:
        return TrustedMarkdown("")
    # Markup from elsewhere (HTML-escaped) is still only text to Markdown.
    text = _WHITESPACE.sub(" ", str(value).replace("\x00", "\ufffd"))
    text = _INLINE_SYNTAX.sub(r"\\\1", text)
    return TrustedMarkdown(_LINE_START.sub(_escape_marker, text, count=1))


def _escape_marker(match: re.Match[str]) -> str:
    space, marker, digits, delimiter = match.groups()
    return f"{space}\\{marker}" if marker else f"{space}{digits}\\{delimiter}"


def md_paragraphs(value: Any, indent: int = 0) -> TrustedMarkdown:
    """Plain text with blank-line paragraph breaks, escaped, keeping its paragraphs.

    Single line breaks inside a paragraph become spaces, as in Markdown.
    `indent` spaces before every paragraph but the first keep them all inside
    a list item (3 after `1. `).
    """
    if value is None:
        return TrustedMarkdown("")
    if isinstance(value, TrustedMarkdown):
        return value
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    separator = "\n\n" + " " * indent
    return TrustedMarkdown(separator.join(md_escape(p.strip()) for p in paragraphs))


def trusted(value: Any) -> TrustedMarkdown:
    """Mark `value` as Markdown the author vouches for (the `md` filter)."""
    if value is None:
        return TrustedMarkdown("")
    return value if isinstance(value, TrustedMarkdown) else TrustedMarkdown(str(value))
