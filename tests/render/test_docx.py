"""DocTree -> DOCX: styles, links, fields, page setup, fonts, determinism, literal text.

Every check reads the rendered bytes back with python-docx (or the raw zip),
the way Word would see them.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from packet.compose.doctree import (
    Block,
    Code,
    Document,
    Emph,
    Entry,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Styled,
    Sup,
    Text,
)
from packet.render.docx import render_docx
from packet.render.setup import PageSetup

INJECTION = '#read("/etc/passwd") $x$ *y* <z> {{ 7*7 }} \\textbf{w}'
ME = "Lovelace, A."


def cv(entries: int = 60) -> Document:
    blocks: list[Block] = [
        Heading(1, [Text("Ada Lovelace")]),
        Styled("center", [Paragraph([
            Link("mailto:ada@example.org", [Text("ada@example.org")]), Text(" · "),
            Link("https://example.org/ada", [Text("example.org/ada")]),
        ])]),
    ]
    for n in range(entries):
        if n % 10 == 0:
            blocks.append(Heading(2, [Text(f"Section {n // 10 + 1}")]))
        body: list[Block] = (
            [Paragraph([Text("Worked on the analytical engine. " * 3)])] if n % 2 else
            [ListBlock(False, [[Paragraph([Text("first point")])],
                               [Paragraph([Text("second point")])]])]
        )
        blocks.append(Entry(f"{2000 + n} – {2001 + n}",
                            [Strong([Text(f"Position {n}")]), Text(", University of Turin")], body))
    return Document("cv", "Curriculum Vitae", blocks)


def reference(n: int) -> list[Block]:
    return [Paragraph([
        Text("Babbage, C., "), Strong([Text(ME)]), Text(f" ({1840 + n}). Notes {n}. "),
        Emph([Text("Taylor's Scientific Memoirs")]), Text(". "),
        Link(f"https://doi.org/10.1000/{n}", [Text(f"doi:10.1000/{n}")]),
    ])]


def publications() -> Document:
    return Document("publications", "Publications", [
        Heading(1, [Text("Publications")]),
        Heading(2, [Text("Journal articles")]),
        Heading(3, [Text("Peer reviewed")]),
        ListBlock(True, [reference(n) for n in range(12)], numbering="[1]"),
        ListBlock(True, [reference(n) for n in range(12, 15)], start=13, numbering="[1]"),
        ListBlock(True, [[Paragraph([Text("one")])], [Paragraph([Text("two")])]], numbering="1."),
        ListBlock(True, [[Paragraph([Text("again")])]], numbering="1."),
    ])


def letter() -> Document:
    return Document("letter", "Cover letter", [
        Styled("letterhead", [Paragraph([Text("Ada Lovelace")]),
                              Paragraph([Text("St James's Square, London")])]),
        Styled("right", [Paragraph([Text("3 March 2025")])]),
        Paragraph([Text("Search Committee"), LineBreak(), Text("University of Turin")]),
        Paragraph([Text("Dear Committee,")]),
        Paragraph([Text("I apply. "), Code("x = 1"), Text(", E=mc"), Sup([Text("2")])]),
        Quote([Paragraph([Text("A quoted line.")])]),
        Rule(),
        Styled("small", [Paragraph([Text("small print")])]),
        Styled("muted", [Paragraph([Text("muted print")])]),
        Styled("signature", [Paragraph([Text("Sincerely,")]), Paragraph([Text("Ada Lovelace")])]),
        PageBreak(),
        Paragraph([Text(INJECTION)]),
        Paragraph([Link("javascript:alert(1)", [Text("script link")]),
                   Link("file:///etc/passwd", [Text("file link")]),
                   Link("data:text/html,hi", [Text("data link")])]),
    ])


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def style_of(par: DocxParagraph) -> str:
    return par.style.name if par.style is not None else ""


def part_xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


SETUP = PageSetup(title="CV of Ada", author="Ada Lovelace", keywords=("cv", "engines"),
                  date="2025-03-03", header="Ada Lovelace")


@pytest.fixture(scope="module")
def cv_docx() -> bytes:
    return render_docx(cv(), SETUP)


def test_styles_are_words_own(cv_docx: bytes) -> None:
    word = read(render_docx(publications(), SETUP))
    used = {style_of(p) for p in word.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Number"} <= used
    cv_used = {style_of(p) for p in read(cv_docx).paragraphs}
    assert {"Title", "Heading 1", "Entry", "Entry Body", "List Bullet"} <= cv_used


def test_applicants_name_is_bold_in_author_list() -> None:
    word = read(render_docx(publications(), SETUP))
    runs = [r for p in word.paragraphs for r in p.runs if r.text == ME]
    assert len(runs) == 15
    assert all(r.bold for r in runs)
    assert not any(r.bold for p in word.paragraphs for r in p.runs if r.text == "Babbage, C., ")


def test_reference_lists_number_in_brackets_and_restart() -> None:
    data = render_docx(publications(), SETUP)
    word = read(data)
    numbering = word.part.numbering_part.element
    refs = [p for p in word.paragraphs if style_of(p) == "List Number"]
    num_ids = [int(p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]) for p in refs]
    assert len(set(num_ids)) == 4  # two reference lists, two "1." lists: each its own count
    starts = [numbering.num_having_numId(n).xpath("./w:lvlOverride/w:startOverride/@w:val")[0]
              for n in dict.fromkeys(num_ids)]
    assert starts == ["1", "13", "1", "1"]
    labels = numbering.xpath("./w:abstractNum/w:lvl/w:lvlText/@w:val")
    assert "[%1]" in labels and "%1." in labels
    first = refs[0].paragraph_format
    assert first.first_line_indent < 0 and first.left_indent == -first.first_line_indent


def test_links_are_clickable_with_the_right_target(cv_docx: bytes) -> None:
    word = read(cv_docx)
    links = [h for p in word.paragraphs for h in p.hyperlinks]
    assert [(h.text, h.address) for h in links] == [
        ("ada@example.org", "mailto:ada@example.org"),
        ("example.org/ada", "https://example.org/ada"),
    ]
    for h in links:
        rel = word.part.rels[h._hyperlink.rId]
        assert rel.is_external and rel.reltype == RT.HYPERLINK


def test_unsafe_links_print_as_plain_text() -> None:
    data = render_docx(letter(), SETUP)
    word = read(data)
    last = word.paragraphs[-1]
    assert last.text == "script linkfile linkdata link"
    assert last.hyperlinks == []
    rels = part_xml(data, "word/_rels/document.xml.rels")
    assert "javascript" not in rels and "file:" not in rels and "data:" not in rels


@pytest.mark.parametrize(("setup", "instructions", "text"), [
    (PageSetup(), ["PAGE", "NUMPAGES"], "1 / 1"),
    (PageSetup(footer="Part B - Page {page} of {pages}"), ["PAGE", "NUMPAGES"],
     "Part B - Page 1 of 1"),
    (PageSetup(footer="Page {page}", page_numbers=False), ["PAGE"], "Page 1"),
    (PageSetup(footer="Confidential"), [], "Confidential"),
])
def test_footer_fields(setup: PageSetup, instructions: list[str], text: str) -> None:
    footer = read(render_docx(letter(), setup)).sections[0].footer
    assert not footer.is_linked_to_previous
    found = [i.strip() for i in footer._element.xpath(".//w:instrText/text()")]
    assert found == instructions
    assert "".join(footer._element.xpath(".//w:t/text()")) == text


def test_no_footer_without_page_numbers() -> None:
    data = render_docx(letter(), PageSetup(page_numbers=False))
    section = read(data).sections[0]
    assert section.footer.is_linked_to_previous  # no footer part at all
    assert "fldChar" not in part_xml(data, "word/document.xml")


def test_running_header_skips_the_first_page(cv_docx: bytes) -> None:
    section = read(cv_docx).sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Ada Lovelace\tCV of Ada"
    assert section.first_page_header.paragraphs[0].text == ""
    # the footer's page numbers still show on page one
    assert section.first_page_footer._element.xpath(".//w:instrText")


@pytest.mark.parametrize(("paper", "width", "height"), [
    ("a4", 11906, 16838), ("us-letter", 12240, 15840),
])
def test_page_size_and_margins(paper: str, width: int, height: int) -> None:
    margins = {"top": 54.0, "bottom": 72.0, "left": 36.0, "right": 45.0}
    section = read(render_docx(letter(), PageSetup(paper=paper, margins=margins))).sections[0]
    assert (section.page_width, section.page_height) == (Twips(width), Twips(height))
    assert section.top_margin == Pt(54) and section.bottom_margin == Pt(72)
    assert section.left_margin == Pt(36) and section.right_margin == Pt(45)


@pytest.mark.parametrize(("setup", "font", "cjk"), [
    (PageSetup(theme="classic"), "Times New Roman", "SimSun"),
    (PageSetup(theme="modern"), "Arial", "Microsoft YaHei"),
    (PageSetup(theme="classic", fonts=("Arial", "Times New Roman")), "Arial", "SimSun"),
])
def test_fonts_for_every_script(setup: PageSetup, font: str, cjk: str) -> None:
    data = render_docx(cv(4), setup)
    word = read(data)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = word.styles[name].element.rPr.rFonts
        assert [fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] \
            == [font, font, cjk, font]
    # Theme fonts would win over the named ones, so none may be left.
    assert "asciiTheme" not in part_xml(data, "word/styles.xml")
    assert "stylesWithEffects" not in part_xml(data, "[Content_Types].xml")
    # Word substitutes a font a machine lacks by what the font table says of it.
    table = part_xml(data, "word/fontTable.xml")
    for name in (font, cjk, "Nirmala UI", "Courier New"):
        assert f'w:name="{name}"' in table
    assert '<w:charset w:val="86"/>' in table.split(f'w:name="{cjk}"')[1].split("</w:font>")[0]


def test_each_script_gets_its_slot_size_and_direction() -> None:
    text = "Zhang 张伟, 山田 太郎, Иванов, محمد عبد الله, नई दिल्ली"
    doc = Document("names", "Names", [Paragraph([Strong([Text(text)])])])
    par = read(render_docx(doc, PageSetup(font_size=12))).paragraphs[0]
    runs = {run.text: run for run in par.runs}
    hint = {t: r._r.rPr.rFonts.get(qn("w:hint")) if r._r.rPr.rFonts is not None else None
            for t, r in runs.items()}
    assert "".join(run.text for run in par.runs) == text
    assert hint["张伟"] == hint["山田"] == hint["太郎"] == "eastAsia"
    assert hint["Zhang "] is None and "Иванов" in next(t for t in runs if "Иванов" in t)
    arabic = runs["محمد عبد الله"]
    assert arabic.font.rtl and arabic.font.cs_bold  # bold is w:bCs for complex scripts
    devanagari = runs["नई दिल्ली"]
    assert devanagari._r.rPr.rFonts.get(qn("w:cs")) == "Nirmala UI"
    # Complex-script text is sized by w:szCs, which defaults to 11 pt: the body's here.
    normal = read(render_docx(doc, PageSetup(font_size=12))).styles["Normal"].element.rPr
    assert normal.find(qn("w:szCs")).get(qn("w:val")) == "24"


def test_font_sizes_follow_the_call() -> None:
    word = read(render_docx(cv(4), PageSetup(font_size=12)))
    assert word.styles["Normal"].font.size == Pt(12)
    for name in ("Title", "Heading 1", "Heading 2", "Entry", "Entry Body", "List Bullet"):
        size = word.styles[name].font.size
        assert size is None or size >= Pt(12), name


def test_entry_has_date_on_a_right_tab_at_text_width(cv_docx: bytes) -> None:
    word = read(cv_docx)
    style = word.styles["Entry"]
    (tab,) = style.paragraph_format.tab_stops
    text_width = 11906 / 20 - 72 - 72
    assert tab.alignment == WD_TAB_ALIGNMENT.RIGHT
    assert abs(tab.position.pt - text_width) < 0.1
    entry = next(p for p in word.paragraphs if style_of(p) == "Entry")
    assert entry.text == "Position 0, University of Turin\t2000 – 2001"
    bodies = [p for p in word.paragraphs if style_of(p) == "Entry Body"]
    assert bodies and all(p.paragraph_format.left_indent > 0 for p in bodies)


def test_styled_blocks_letterhead_and_signature() -> None:
    word = read(render_docx(letter(), SETUP))
    by_text = {p.text: p for p in word.paragraphs}
    letterhead = [p for p in word.paragraphs if style_of(p) == "Letterhead"]
    assert [p.text for p in letterhead] == ["Ada Lovelace", "St James's Square, London"]
    assert letterhead[0].runs[0].font.size == Pt(17.5)  # the name, 1.6 times the body size
    assert by_text["3 March 2025"].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert by_text["small print"].runs[0].font.size == Pt(10)
    assert by_text["muted print"].runs[0].font.color.rgb is not None
    assert style_of(by_text["A quoted line."]) == "Quote"
    signature = [p for p in word.paragraphs if style_of(p) == "Signature"]
    assert [p.text for p in signature] == ["Sincerely,", "Ada Lovelace"]
    assert (signature[1].paragraph_format.space_before or 0) > Pt(20)  # room to sign
    # the page break is "page break before" on the paragraph that follows it
    assert by_text[INJECTION].paragraph_format.page_break_before
    assert "\n" in by_text["Search Committee\nUniversity of Turin"].text


def test_inline_formatting() -> None:
    word = read(render_docx(letter(), SETUP))
    runs = {r.text: r for p in word.paragraphs for r in p.runs}
    assert runs["x = 1"].font.name == "Courier New"
    assert runs["2"].font.superscript


def test_core_properties_are_fixed_by_the_setup(cv_docx: bytes) -> None:
    props = read(cv_docx).core_properties
    assert (props.title, props.author, props.keywords) == ("CV of Ada", "Ada Lovelace",
                                                           "cv, engines")
    stamp = datetime(2025, 3, 3, tzinfo=UTC)
    assert (props.created, props.modified, props.last_printed) == (stamp, stamp, stamp)
    assert props.revision == 1
    assert props.comments == ""


def test_two_renders_are_byte_identical(cv_docx: bytes) -> None:
    assert render_docx(cv(), SETUP) == cv_docx
    infos = zipfile.ZipFile(io.BytesIO(cv_docx)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_identical_across_processes(tmp_path: Path) -> None:
    """A fresh interpreter with another hash seed writes the same bytes."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_docx as t; "
        "from packet.render.docx import render_docx; "
        "sys.stdout.buffer.write(render_docx(t.cv(), t.SETUP))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)],
                         capture_output=True, check=True, env=env).stdout
    assert out == render_docx(cv(), SETUP)


def test_data_text_stays_literal() -> None:
    data = render_docx(letter(), SETUP)
    word = read(data)
    assert INJECTION in [p.text for p in word.paragraphs]
    body = part_xml(data, "word/document.xml")
    assert "instrText" not in body and "fldSimple" not in body


def test_control_characters_are_dropped_not_fatal() -> None:
    doc = Document("x", "Bad\x00 title", [Paragraph([Text("a\x00b\x0bc\td\ne\ud800")])])
    word = read(render_docx(doc, PageSetup()))
    assert word.paragraphs[0].text == "abc d e"
    assert word.core_properties.title == "Bad title"
