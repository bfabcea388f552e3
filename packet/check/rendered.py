"""Rules on what rendering measured: characters no font has, and the DOCX's own pages.

The renderer reports the facts (`RenderedDocument.missing_glyphs`, the pages LibreOffice
lays a DOCX out in, when it is installed); these rules judge them like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from packet.model.call import DocumentSpec
from packet.model.report import Finding

if TYPE_CHECKING:
    from packet.check.packet import DocumentToCheck


def check_glyphs(documents: Iterable[DocumentToCheck]) -> list[Finding]:
    """A document whose text has characters no font can print (they would print as
    nothing): an error, so --strict stops the build."""
    out = []
    for doc in documents:
        if not doc.missing_glyphs:
            continue
        chars = doc.missing_glyphs
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in chars[:12])
        more = f" and {len(chars) - 12} more" if len(chars) > 12 else ""
        out.append(Finding(
            rule="missing-glyphs", severity="error", document=doc.spec.id,
            limit="every character printable", actual=f"{len(chars)} missing",
            message=f"{doc.spec.title}: no font can print {shown}{more}. Put a font that "
            "has them in the workspace's fonts/ folder (for Chinese, Japanese and Korean: "
            "pip install 'packet[cjk]')."))
    return out


def _pages(n: int) -> str:
    return f"{n} page" if n == 1 else f"{n} pages"


def check_docx_pages(specs: Sequence[DocumentSpec], pdf_pages: Mapping[str, int],
                       counts: dict[str, int] | None) -> list[Finding]:
    """The page caps applied to the DOCX files, or a note that they could not be."""
    if counts is None:
        return [Finding(
            rule="docx-pages", severity="info",
            message="Page caps were checked on the PDF only: LibreOffice (soffice) is not "
            "installed, so the DOCX pages could not be counted.")] if specs else []
    out = []
    for spec in specs:
        pages = counts.get(spec.id)
        if pages is None:
            out.append(Finding(rule="docx-pages", severity="warning", document=spec.id,
                               message=f"{spec.title}: LibreOffice could not lay out the DOCX, "
                               "so its pages were not counted."))
        elif spec.max_pages and pages > spec.max_pages:
            out.append(Finding(
                rule="max-pages", severity="error", document=spec.id,
                limit=_pages(spec.max_pages), actual=f"{_pages(pages)} (DOCX)",
                message=f"{spec.id}.docx runs {pages} pages in LibreOffice where "
                f"{spec.max_pages} are allowed (the PDF has {pdf_pages.get(spec.id)})."))
        elif pages != pdf_pages.get(spec.id):
            out.append(Finding(
                rule="docx-pages", severity="warning", document=spec.id,
                limit=f"{_pages(pdf_pages.get(spec.id, 0))}, as the PDF",
                actual=_pages(pages),
                message=f"{spec.title}: the DOCX runs {pages} pages in LibreOffice, the "
                f"PDF {pdf_pages.get(spec.id)}."))
    return out
