"""The page setup as the Typst themes read it: everything resolved in Python.

The themes receive plain JSON, so every decision that needs a table or a
parser (which shipped family stands in for "Arial", where `{page}` sits in a
footer, what an ISO date is) is made here, where it can be tested.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from packet.errors import Problem, UserError
from packet.model.call import PAPERS
from packet.render.setup import PageSetup

# Names a call may give for a font, mapped to a family we can set (shipped in
# packet/render/fonts or embedded in typst) and its class. Heros and Termes are
# metric-compatible with Helvetica/Arial and Times, so page counts match.
_HEROS = ("TeX Gyre Heros", "sans")
_TERMES = ("TeX Gyre Termes", "serif")
_LIBERTINUS = ("Libertinus Serif", "serif")
_COMPUTER_MODERN = ("New Computer Modern", "serif")
FONT_ALIASES: dict[str, tuple[str, str]] = {
    "arial": _HEROS,
    "helvetica": _HEROS,
    "helvetica neue": _HEROS,
    "nimbus sans": _HEROS,
    "nimbus sans l": _HEROS,
    "liberation sans": _HEROS,
    "arimo": _HEROS,
    "tex gyre heros": _HEROS,
    "times": _TERMES,
    "times new roman": _TERMES,
    "times roman": _TERMES,
    "nimbus roman": _TERMES,
    "nimbus roman no9 l": _TERMES,
    "liberation serif": _TERMES,
    "tinos": _TERMES,
    "tex gyre termes": _TERMES,
    "libertinus serif": _LIBERTINUS,
    "linux libertine": _LIBERTINUS,
    "computer modern": _COMPUTER_MODERN,
    "new computer modern": _COMPUTER_MODERN,
    "latin modern": _COMPUTER_MODERN,
    "latin modern roman": _COMPUTER_MODERN,
}

_FOOTER_FIELD = re.compile(r"\{(page|pages)\}")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$")


def resolve_fonts(names: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    """The families we can set for a call's allowed fonts, in the call's order.

    Names we have no family for are dropped; the theme's own font applies then.
    """
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    for name in names:
        key = " ".join(name.lower().replace("-", " ").split())
        hit = FONT_ALIASES.get(key)
        if hit and hit[0] not in seen:
            seen.add(hit[0])
            out.append({"family": hit[0], "class": hit[1]})
    return out


def footer_segments(footer: str) -> list[dict[str, str]]:
    """Split "Page {page} of {pages}" into text and field segments for the theme."""
    segments: list[dict[str, str]] = []
    pos = 0
    for match in _FOOTER_FIELD.finditer(footer):
        if match.start() > pos:
            segments.append({"kind": "text", "text": footer[pos : match.start()]})
        segments.append({"kind": match.group(1), "text": ""})
        pos = match.end()
    if pos < len(footer):
        segments.append({"kind": "text", "text": footer[pos:]})
    return segments


def _problem(field: str, message: str, value: object, hint: str) -> UserError:
    return UserError(
        "the page setup cannot be rendered",
        [Problem(message, field=field, value=repr(value), hint=hint)],
    )


def _lang_region(lang: str) -> tuple[str, str | None]:
    match = _LANG.match(lang.strip())
    if not match:
        raise _problem("lang", "not a language code", lang, 'use a code such as "en" or "en-GB"')
    region = match.group(2)
    return match.group(1).lower(), region.upper() if region else None


def _date_parts(date: str) -> dict[str, int] | None:
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise _problem("date", "not an ISO date", date, "write it as YYYY-MM-DD") from None
    return {"year": day.year, "month": day.month, "day": day.day}


def _margins(margins: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for side in ("top", "bottom", "left", "right"):
        value = float(margins.get(side, 72.0))
        if not 0 <= value <= 300:
            raise _problem(f"margins.{side}", "margin out of range", value, "give points, 0 to 300")
        out[side] = value
    return out


def setup_inputs(setup: PageSetup) -> dict[str, Any]:
    """The JSON object the themes read as `sys.inputs.setup`."""
    paper = setup.paper.lower()  # a call's paper names are Typst's own
    if paper not in PAPERS:
        raise _problem("paper", "unknown paper size", setup.paper, "use a4 or us-letter")
    if not 4 <= setup.font_size <= 72:
        raise _problem(
            "font_size", "font size out of range", setup.font_size, "give points, 4 to 72"
        )
    lang, region = _lang_region(setup.lang)
    return {
        "paper": paper,
        "font_size": float(setup.font_size),
        "min_font_size": float(setup.min_font_size),
        "margins": _margins(setup.margins),
        "page_numbers": setup.page_numbers,
        "header": setup.header or None,
        "footer": footer_segments(setup.footer) if setup.footer else None,
        "header_line": footer_segments(setup.header_line) if setup.header_line else None,
        "byline": setup.byline,
        "short": setup.short,
        "allowed_fonts": resolve_fonts(setup.fonts),
        "lang": lang,
        "region": region,
        "title": setup.title,
        "author": [setup.author] if setup.author else [],
        "keywords": list(setup.keywords),
        "date": _date_parts(setup.date),
    }
