"""The Typst PDF renderer: page geometry, fonts, outline, metadata, safety, determinism."""

from __future__ import annotations

import io
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from typing import cast

import pypdfium2 as pdfium
import pytest
from pdf_samples import (
    ACCENTS,
    INJECTION,
    cv_document,
    every_block_document,
    letter_document,
    publications_document,
)
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from packet.compose.doctree import (
    Document,
    Emph,
    Heading,
    Inline,
    Link,
    Paragraph,
    Strong,
    Text,
)
from packet.errors import UserError
from packet.render.pdf import available_themes, render_pdf
from packet.render.pdf_inputs import footer_segments, resolve_fonts, setup_inputs
from packet.render.setup import PageSetup

THEMES = ("classic", "modern")


def render(doc: Document, **setup: object) -> bytes:
    return render_pdf(doc, PageSetup(**setup), timestamp=1_700_000_000)  # type: ignore[arg-type]


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def squash(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in reader(pdf).pages]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name (subset tag removed) -> whether its program is embedded."""
    fonts: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        for ref in cast(DictionaryObject, resources.get("/Font", DictionaryObject())).values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            fonts[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def doc_of(*blocks: Heading | Paragraph) -> Document:
    return Document("t", "Test", list(blocks))


def test_available_themes() -> None:
    assert set(THEMES) <= set(available_themes())
    assert "common" not in available_themes()


def test_unknown_theme_names_the_available_ones() -> None:
    with pytest.raises(UserError) as err:
        render(doc_of(Paragraph([Text("x")])), theme="baroque")
    assert "baroque" in str(err.value)
    assert "classic" in str(err.value) and "modern" in str(err.value)


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("us-letter", (612, 792))])
def test_paper_size(paper: str, size: tuple[float, float]) -> None:
    box = reader(render(doc_of(Paragraph([Text("x")])), paper=paper)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


@pytest.mark.parametrize("theme", THEMES)
def test_ink_stays_inside_the_margins(theme: str) -> None:
    margins = {"top": 50.0, "bottom": 90.0, "left": 100.0, "right": 40.0}
    doc = cv_document(25)
    token = "https://doi.org/10.1000/" + "0123456789" * 12  # longer than a line
    doc.blocks.append(Paragraph([Text(f"A token {token} and a link "), Link(token, [Text(token)])]))
    pdf = render(doc, theme=theme, margins=margins, page_numbers=False)
    document = pdfium.PdfDocument(pdf)
    assert len(document) > 1
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            if text.get_text_range(i, 1).isspace():
                continue
            left, bottom, right, top = text.get_charbox(i)
            assert left >= margins["left"] - 0.01
            assert right <= width - margins["right"] + 0.01
            assert bottom >= margins["bottom"] - 0.01
            assert top <= height - margins["top"] + 0.01


@pytest.mark.parametrize("theme", THEMES)
def test_every_block_type_renders(theme: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        pages = page_texts(render(every_block_document(), theme=theme))
    assert not caplog.records, "typst warned"
    assert len(pages) == 2
    first = pages[0].lower()  # modern sets section headings in capitals
    for expected in ("Every Block", "Section", "Subsection", "strong", "emph", "web link",
                     "x = 1", "E=mc2", squash(ACCENTS), "bullet one", "nested", "1. first",
                     "2. second", "[7] ref one", "[8] ref two", "author-year two",
                     "Entry head, place", "2020 – 2024", "Entry body.", "styled right",
                     "styled center", "styled small", "styled muted", "Letterhead Name",
                     "signature line", "quoted text"):
        assert expected.lower() in first, expected
    assert "after the page break" in pages[1]


@pytest.mark.parametrize("theme", THEMES)
def test_section_headings_become_bookmarks_below_the_title(theme: str) -> None:
    # The title is left out: in a packet the document's own outline entry stands for it.
    outline = reader(render(cv_document(25), theme=theme)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]  # type: ignore[union-attr]
    assert titles == ["Education", "Positions", "Grants and Awards"]


def test_injection_prints_literally() -> None:
    doc = doc_of(Paragraph([Text(INJECTION)]))
    for theme in THEMES:
        assert squash(INJECTION) in page_texts(render(doc, theme=theme))[0]


def test_only_web_and_mail_links_are_live() -> None:
    doc = doc_of(Paragraph([
        Link("javascript:alert(1)", [Text("script")]), Text(" "),
        Link("file:///etc/passwd", [Text("file")]), Text(" "),
        Link("HTTPS://example.org/a", [Text("web")]), Text(" "),
        Link("mailto:someone@example.org", [Text("mail")]),
    ]))
    pdf = render(doc)
    annots = cast(ArrayObject, reader(pdf).pages[0]["/Annots"])
    uris = [annot.get_object()["/A"]["/URI"] for annot in annots]
    assert uris == ["HTTPS://example.org/a", "mailto:someone@example.org"]
    assert b"javascript" not in pdf and b"/etc/passwd" not in pdf
    assert "script file web mail" in page_texts(pdf)[0]


def test_same_inputs_give_the_same_bytes() -> None:
    doc, setup = letter_document(), PageSetup(theme="modern", title="Letter")
    first = render_pdf(doc, setup, timestamp=1_700_000_000)
    render_pdf(publications_document(6), setup, timestamp=5)  # the compiler's caches change
    assert render_pdf(doc, setup, timestamp=1_700_000_000) == first
    assert render_pdf(doc, setup, timestamp=1_700_000_001) != first


def test_threads_share_a_theme_compiler() -> None:
    docs = [letter_document(), publications_document(6), every_block_document()] * 2
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda d: render(d, theme="classic"), docs))
    assert pdfs[:3] == pdfs[3:]


def test_footer_replaces_page_numbers() -> None:
    doc = publications_document(20)
    pages = page_texts(render(doc, footer="Part B - Page {page} of {pages}"))
    assert len(pages) == 2
    for number, text in enumerate(pages, start=1):
        assert text.endswith(f"Part B - Page {number} of 2")
        assert f"{number} / 2" not in text


def test_page_numbers_and_running_header() -> None:
    pages = page_texts(render(publications_document(20), header="A. Jiménez-Wójcik"))
    assert pages[0].endswith("1 / 2") and pages[1].endswith("2 / 2")
    assert not pages[0].startswith("A. Jiménez-Wójcik")
    assert pages[1].startswith("A. Jiménez-Wójcik")
    assert "/" not in page_texts(render(doc_of(Paragraph([Text("one page")]))))[0]
    numbers_off = page_texts(render(publications_document(20), page_numbers=False))
    assert not re.search(r"\d / \d$", numbers_off[0])


def test_metadata() -> None:
    pdf = render(
        doc_of(Paragraph([Text("x")])), title="Research Statement", author="A. Jiménez",
        keywords=("learning", "physics"), lang="de-CH", date="2025-03-01",
    )
    info = reader(pdf).metadata
    assert info is not None
    assert info.title == "Research Statement"
    assert info.author == "A. Jiménez"
    assert info["/Keywords"] == "learning, physics"
    assert str(info["/CreationDate"]).startswith("D:20250301")
    assert reader(pdf).root_object["/Lang"] == "de-CH"
    assert reader(render(doc_of(Paragraph([Text("x")])))).metadata.title == "Test"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("theme", "fonts", "family"),
    [
        ("classic", (), "LibertinusSerif"),
        ("modern", (), "TeXGyreHeros"),
        ("classic", ("Arial",), "TeXGyreHeros"),
        ("classic", ("Arial", "Times New Roman"), "TeXGyreTermes"),
        ("modern", ("Times New Roman", "Helvetica"), "TeXGyreHeros"),
        ("modern", ("Wingdings",), "TeXGyreHeros"),
        ("modern", ("Computer Modern",), "NewCM10"),
    ],
)
def test_font_choice_embeds_every_glyph(theme: str, fonts: tuple[str, ...], family: str) -> None:
    def line() -> list[Inline]:
        return [Text(ACCENTS + " ")]

    doc = doc_of(Paragraph([*line(), Strong(line()), Emph(line()), Strong([Emph(line())])]))
    pdf = render(doc, theme=theme, fonts=fonts)
    found = embedded_fonts(pdf)
    # A missing glyph would pull in a fallback family.
    assert {name.split("-")[0] for name in found} == {family}
    assert len(found) == 4 and all(found.values())
    assert page_texts(pdf)[0].count(squash(ACCENTS)) == 4


def test_setup_inputs_resolution() -> None:
    assert footer_segments("Page {page} of {pages}.") == [
        {"kind": "text", "text": "Page "}, {"kind": "page", "text": ""},
        {"kind": "text", "text": " of "}, {"kind": "pages", "text": ""},
        {"kind": "text", "text": "."},
    ]
    assert resolve_fonts(["Comic Sans", "times-new-roman", "Nimbus Roman", "ARIAL"]) == [
        {"family": "TeX Gyre Termes", "class": "serif"},
        {"family": "TeX Gyre Heros", "class": "sans"},
    ]
    inputs = setup_inputs(PageSetup(paper="us-letter", lang="en_gb", date="2025-01-31"))
    assert (inputs["paper"], inputs["lang"], inputs["region"]) == ("us-letter", "en", "GB")
    assert inputs["date"] == {"year": 2025, "month": 1, "day": 31}


@pytest.mark.parametrize(
    "bad", [{"paper": "a3"}, {"lang": "english!"}, {"date": "March 2025"}, {"font_size": 0},
            {"margins": {"top": -5.0}}],
)
def test_unusable_setup_is_a_user_error(bad: dict[str, object]) -> None:
    with pytest.raises(UserError):
        setup_inputs(PageSetup(**bad))  # type: ignore[arg-type]


def test_a_long_document_typeset_in_a_process_of_its_own_is_the_same_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import packet.render.pdf as pdf_module

    doc = every_block_document()
    setup = PageSetup(theme="modern", header="Ada Lovelace", title="Every Block")
    inside = render_pdf(doc, setup, timestamp=1_700_000_001)
    pdf_module.PDFS._entries.clear()
    monkeypatch.setattr(pdf_module, "SUBPROCESS_BYTES", 0)
    monkeypatch.setattr(pdf_module, "_theme_compiler", None)  # not used for it
    assert render_pdf(doc, setup, timestamp=1_700_000_001) == inside
