"""Page setup handed to both renderers: the call's format, resolved to numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSetup:
    paper: str = "a4"  # "a4" or "us-letter"
    font_size: float = 11.0  # points; never below the call's minimum
    min_font_size: float = 0.0  # points; text set smaller than the body stops here
    margins: dict[str, float] = field(
        default_factory=lambda: {"top": 72.0, "bottom": 72.0, "left": 72.0, "right": 72.0}
    )  # points
    page_numbers: bool = True
    header: str | None = None  # running header text, e.g. the applicant's name
    footer: str | None = None  # e.g. "Part B - Page {page} of {pages}"
    header_line: str | None = None  # a header the call prescribes, on every page; {page} {pages}
    font_dirs: tuple[str, ...] = ()  # a workspace's own font folders, searched first
    short: bool = False  # a document of at most two pages: a smaller title
    byline: bool = False  # the first page does not name the applicant: header (or a byline) there
    theme: str = "classic"  # "classic" (serif) or "modern" (sans)
    fonts: tuple[str, ...] = ()  # font families the call allows, in preference order; empty: any
    lang: str = "en"
    # Document metadata written into the PDF/DOCX core properties.
    title: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    date: str = ""  # ISO date printed where a template asks for it; fixed for determinism

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["keywords"] = list(self.keywords)
        data["fonts"] = list(self.fonts)
        data["font_dirs"] = list(self.font_dirs)
        return data

    def small(self, factor: float) -> float:
        """Size of text set smaller than the body, never below the call's minimum."""
        return max(self.font_size * factor, self.min_font_size)
