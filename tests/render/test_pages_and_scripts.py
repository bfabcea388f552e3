"""Pages a committee reads: the name on every first page, a call's own header, entries kept
whole, every script printable or reported, the DOCX's date beside its entry's first line."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from packet.check.rendered import check_docx_pages as docx_page_findings
from packet.compose.doctree import (
    Block,
    Document,
    Entry,
    Heading,
    LineBreak,
    ListBlock,
    Paragraph,
    Text,
)
from packet.model.call import DocumentSpec
from packet.render.docx import render_docx
from packet.render.fonts import font_dirs, missing_characters
from packet.render.pdf import render_pdf
from packet.render.setup import PageSetup

THEMES = ("classic", "modern")
PROSE = "Committees read many statements in a day and shuffle the printed pages. " * 6


def _setup(theme: str) -> PageSetup:
    """A page setup with its date fixed: nothing in these pages may follow the clock."""
    return PageSetup(theme=theme, date="2026-11-15")


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def statement(paragraphs: int) -> Document:
    blocks = [Heading(1, [Text("Teaching Statement")])]
    blocks += [Paragraph([Text(PROSE)]) for _ in range(paragraphs)]
    return Document("teaching", "Teaching Statement", blocks)


@pytest.mark.parametrize("theme", THEMES)
def test_the_name_is_on_the_first_page_when_the_document_does_not_give_it(theme: str) -> None:
    setup = PageSetup(theme=theme, header="Ada Lovelace", title="Teaching Statement")
    named = page_texts(render_pdf(statement(1), replace(setup, byline=True), timestamp=0))
    assert "Ada Lovelace" in named[0]
    plain = page_texts(render_pdf(statement(1), setup, timestamp=0))
    assert "Ada Lovelace" not in plain[0]  # a CV's heading already names her: no header there


@pytest.mark.parametrize("theme", THEMES)
def test_a_call_prescribed_header_is_on_every_page(theme: str) -> None:
    setup = PageSetup(theme=theme, header="Ada Lovelace", title="B1",
                      header_line="Lovelace | Part B1 | COMPOSE")
    pages = page_texts(render_pdf(statement(12), setup, timestamp=0))
    assert len(pages) >= 2
    assert all("Lovelace | Part B1 | COMPOSE" in p for p in pages)


def test_without_a_header_the_title_gets_a_byline() -> None:
    setup = PageSetup(header=None, author="Ada Lovelace", byline=True, title="T")
    assert "Ada Lovelace" in page_texts(render_pdf(statement(1), setup, timestamp=0))[0]


@pytest.mark.parametrize("theme", THEMES)
def test_a_short_entry_is_never_split_across_pages(theme: str) -> None:
    head = [Text("Institution"), LineBreak(), Text("Degree"), LineBreak(), Text("Advisor")]
    for filler in range(20, 40):  # push the entry across every position at a page's foot
        blocks = [Heading(1, [Text("CV")])] + [Paragraph([Text(f"Line {i}.")])
                                               for i in range(filler)]
        blocks.append(Entry("2020", head, [Paragraph([Text("Last line of the entry.")])]))
        pages = page_texts(render_pdf(Document("cv", "CV", blocks),
                                      _setup(theme), timestamp=0))
        where = [i for i, p in enumerate(pages) if "Institution" in p]
        assert where and "Last line of the entry." in pages[where[0]], filler


@pytest.mark.parametrize("theme", THEMES)
def test_no_paragraph_or_list_leaves_a_single_line_at_a_page_foot_or_head(theme: str) -> None:
    """A paragraph's first or last line alone on a page, or one item of a list under its
    heading, is moved rather than left: pushed across every position at a page's foot."""
    items = [[Paragraph([Text(f"Item {k}.")])] for k in range(6)]
    prose = "A paragraph long enough to run over four lines of the page. " * 5
    for filler in range(34, 52):
        blocks: list[Block] = [Heading(1, [Text("Statement")])]
        blocks += [Paragraph([Text(f"Line {i}.")]) for i in range(filler)]
        blocks += [Heading(3, [Text("Refereeing")]), ListBlock(False, items),
                   Paragraph([Text("Start " + prose + "End.")])]
        pdf = render_pdf(Document("s", "Statement", blocks), _setup(theme), timestamp=0)
        pages = [[line for line in p.splitlines() if line.strip()] for p in page_texts(pdf)]
        listed = [[line for line in p if "Item " in line] for p in pages]
        assert all(len(on_page) != 1 for on_page in listed), (filler, listed)
        heading = next(i for i, p in enumerate(pages) if any("Refereeing" in x for x in p))
        assert any("Item 0." in line for line in pages[heading]), filler
        # The closing paragraph: every line from "Start" on, but the page numbers.
        lines = [(i, x) for i, p in enumerate(pages) for x in p
                 if not re.fullmatch(r"\d+ / \d+", x.strip())]
        start = next(k for k, (_, x) in enumerate(lines) if x.startswith("Start"))
        per_page = Counter(i for i, _ in lines[start:])
        assert len(per_page) == 1 or min(per_page.values()) >= 2, (filler, per_page)


@pytest.mark.parametrize("theme", THEMES)
def test_a_run_of_entries_leaves_none_alone_at_a_page_foot_or_head(theme: str) -> None:
    for filler in range(34, 52):
        blocks: list[Block] = [Heading(1, [Text("CV")])]
        blocks += [Paragraph([Text(f"Line {i}.")]) for i in range(filler)]
        blocks.append(Heading(3, [Text("Awards")]))
        blocks += [Entry(str(2020 + k), [Text(f"Award {k}")], []) for k in range(5)]
        pdf = render_pdf(Document("cv", "CV", blocks), _setup(theme), timestamp=0)
        per_page = [sum("Award " in line for line in p.splitlines()) for p in page_texts(pdf)]
        assert 1 not in per_page, (filler, per_page)


def test_every_script_has_a_font() -> None:
    text = ("Wójcik-Jiménez Nguyễn Văn An Öztürk Çağla Παπαδόπουλος Иванов "
            "محمد عبد الله דוד כהן अमित शर्मा")
    assert missing_characters(text, font_dirs()) == ""


@pytest.mark.parametrize("theme", THEMES)
def test_arabic_copies_back_letter_for_letter(theme: str) -> None:
    # A face that draws a letter as several glyphs makes the PDF's text repeat it
    # ("عببد" for "عبد"): a committee's search, a portal's text check and a screen reader
    # would all read the wrong name.
    import pypdfium2 as pdfium

    arabic = "محمد عبد الله، جامعة القاهرة، بيروت، تحليل البيانات الكبيرة"
    doc = Document("s", "S", [Paragraph([Text(f"With {arabic} and others.")])])
    pdf = render_pdf(doc, _setup(theme), timestamp=0)
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()

    def letters(s: str) -> Counter[str]:
        return Counter(c for c in s if "\u0621" <= c <= "\u064a")

    assert letters(text) == letters(arabic)


def test_a_character_no_font_has_is_named() -> None:
    assert missing_characters("Hieroglyph \U00013000 and \U00013000 again", font_dirs()) == (
        "\U00013000")


def test_a_workspace_font_folder_is_searched_first(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    assert font_dirs(tmp_path / "fonts")[0] == tmp_path / "fonts"
    assert tmp_path / "missing" not in font_dirs(tmp_path / "missing")


def test_docx_date_sits_beside_the_first_line_and_words_hyphenate() -> None:
    head = [Text("EPFL"), LineBreak(), Text("Ph.D. in Physics")]
    doc = Document("cv", "CV", [Entry("2020 – 2025", head, [])])
    data = render_docx(doc, PageSetup(header="Ada Lovelace", title="CV — Ada Lovelace"))
    par = docx.Document(io.BytesIO(data)).paragraphs[0]
    xml = par._p.xml
    assert xml.index("w:tab/") < xml.index("2020") < xml.index("w:br/") < xml.index("Ph.D.")
    assert par.paragraph_format.right_indent is None
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"w:autoHyphenation" in package.read("word/settings.xml")
        header = package.read("word/header1.xml").decode()
    assert header.count("Ada Lovelace") == 1  # the title's "— Ada Lovelace" is not repeated


def test_docx_page_caps_apply_when_counted_and_are_reported_when_not() -> None:
    spec = DocumentSpec(id="cv", title="CV", template="cv", max_pages=3)
    [note] = docx_page_findings([spec], {"cv": 3}, None)
    assert note.severity == "info" and "PDF only" in note.message
    [over] = docx_page_findings([spec], {"cv": 3}, {"cv": 4})
    assert over.rule == "max-pages" and over.severity == "error"
    [differs] = docx_page_findings([spec.model_copy(update={"max_pages": None})], {"cv": 3},
                                   {"cv": 4})
    assert differs.severity == "warning"
    assert docx_page_findings([spec], {"cv": 3}, {"cv": 3}) == []


@pytest.mark.parametrize("theme", THEMES)
def test_an_entry_longer_than_six_lines_may_split_across_pages(theme: str) -> None:
    # Entries this long are measured (the short ones are kept whole without measuring).
    body = [Paragraph([Text(PROSE * 2 + " Final words of the entry.")])]
    splits = 0
    for filler in range(20, 46, 2):
        blocks = [Heading(1, [Text("CV")])] + [Paragraph([Text(f"Line {i}.")])
                                               for i in range(filler)]
        blocks.append(Entry("2020", [Text("Institution")], body))
        pages = page_texts(render_pdf(Document("cv", "CV", blocks),
                                      _setup(theme), timestamp=0))
        where = [i for i, p in enumerate(pages) if "Institution" in p]
        splits += "Final words" not in pages[where[0]]
    assert splits > 0
