"""CV documents (text, Markdown, HTML, LaTeX, PDF, DOCX) -> candidate items.

Each format is first turned into one neutral list of blocks (`blocks.Block`:
heading, entry or text, with level and line); one recogniser (`reader`) then finds
the sections and reads their entries, so every format is read the same way.
Candidates carry text with the markup already removed (markup "plain"): the
reader needs the markup to see structure (a bold institution, an italic title),
so it decodes it itself.
"""

from __future__ import annotations

import re

from packet.errors import UserError
from packet.sources.candidate import Format, SourceRead
from packet.sources.cv.latex import latex_blocks
from packet.sources.cv.pdf_layout import margin_text
from packet.sources.cv.reader import read_blocks
from packet.sources.cv.text import html_document_blocks, markdown_blocks, text_blocks


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:4096]:
        raise UserError(f"{source}: this is a binary file, not a CV in text form")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(data: bytes, source: str) -> SourceRead:
    return read_blocks(text_blocks(_decode(data, source)), source, "cv-text")


def read_markdown(data: bytes, source: str) -> SourceRead:
    return read_blocks(markdown_blocks(_decode(data, source)), source, "cv-markdown")


def read_html(data: bytes, source: str) -> SourceRead:
    return read_blocks(html_document_blocks(_decode(data, source)), source, "cv-html")


def read_latex(data: bytes, source: str) -> SourceRead:
    return read_blocks(latex_blocks(_decode(data, source)), source, "cv-latex")


def read_pdf(data: bytes, source: str) -> SourceRead:
    # pypdfium2 (PDFium's text layer): it keeps the spaces that pypdf loses between words
    # set in some CV fonts ("SiteReliabilityEngineer"), measured on the collected CVs
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(margin_text(textpage) or textpage.get_text_range())
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise UserError(f"{source}: this PDF cannot be read ({exc}); export the CV again") from None
    # PDFium reports a hyphen that may break a line as U+00AD, and a word it joined back
    # across a line break at its hyphenation point with U+FFFE there ("categoriza\ufffetion")
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n").replace("\xad", "-")
    text = re.sub("\ufffe\\s*", "", text)
    if len(re.sub(r"\s", "", text)) < 20:
        raise UserError(
            f"{source}: this PDF is a scan: it has no text layer; run OCR on it first "
            "(e.g. ocrmypdf), or import the CV's source (Word, LaTeX, text) instead"
        )
    return read_blocks(text_blocks(text), source, "cv-pdf")


def read_docx(data: bytes, source: str) -> SourceRead:
    from packet.sources.cv.docx import docx_blocks

    return read_blocks(docx_blocks(data, source), source, "cv-docx")


_CV_WORDS = re.compile(
    rb"(?im)^\W{0,6}(?:[a-z-]+\s+){0,2}(education|publications|experience|employment|teaching|awards|talks|"
    rb"appointments|honou?rs|presentations|grants)\b"
)


def _looks_like_cv(head: bytes) -> bool:
    """Two section headings at line starts ("EDUCATION", "Refereed Publications")."""
    return len({m.lower() for m in _CV_WORDS.findall(head)}) >= 2


def _sniff_latex(head: bytes) -> bool:
    return bool(re.search(rb"\\documentclass|\\begin\{document\}|\\section\*?\{|\\cventry", head))


def _sniff_html(head: bytes) -> bool:
    return bool(re.search(rb"(?i)<!doctype html|<html|<body|<h[1-3][ >]", head)) and _looks_like_cv(
        re.sub(rb"<[^>]+>", b"\n", head)
    )


def _sniff_markdown(head: bytes) -> bool:
    marks = len(re.findall(rb"(?m)^#{1,4} |^\s*[-*] |\*\*|\\\*|\]\(", head))
    return marks >= 3 and _looks_like_cv(re.sub(rb"[#*_\\]", b"", head))


def _sniff_text(head: bytes) -> bool:
    return b"\x00" not in head and _looks_like_cv(head)


# Below every structured format (BibTeX 10, RenderCV 9, CSL-JSON 8, ...): a CV's sniff is
# loose (headings, bullets), so a file a precise reader claims is never read as a CV.
FORMATS = [
    Format("cv-latex", read_latex, (".tex", ".ltx"), _sniff_latex, 7, "a CV written in LaTeX"),
    Format("cv-html", read_html, (".html", ".htm"), _sniff_html, 6, "a CV web page (HTML)"),
    Format(
        "cv-markdown", read_markdown, (".md", ".markdown"), _sniff_markdown, 5, "a CV in Markdown"
    ),
    Format("cv-pdf", read_pdf, (".pdf",), None, 5, "a CV as PDF (its text layer)"),
    Format("cv-docx", read_docx, (".docx",), None, 5, "a CV as a Word document"),
    Format("cv-text", read_text, (".txt", ".text"), _sniff_text, 1, "a CV as plain text"),
]
