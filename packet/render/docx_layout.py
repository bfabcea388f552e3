"""DOCX layout: page, header and footer, and Word styles per theme (after the Typst themes).

The DOCX should read like the PDF: the same hierarchy, rules and greys, in a
font every Word install has. Sizes are multiples of the call's font size, and
no heading is ever set smaller than the body text.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, replace
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from packet.model.call import PAPERS
from packet.render import docx_scripts as scripts
from packet.render import docx_xml as xml
from packet.render.setup import PageSetup

PAPER_TWIPS = {key: (round(p.width * 20), round(p.height * 20)) for key, p in PAPERS.items()}
LANGUAGES = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "it": "it-IT", "es": "es-ES",
             "nl": "nl-NL", "pt": "pt-PT", "sv": "sv-SE", "pl": "pl-PL"}
_FIELD = re.compile(r"\{(pages|page)\}")
QUOTE_INDENT = 1.5  # ems a quote sits in from both sides
STYLE_NAMES = (
    "Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2",
    "List Bullet 3", "List Number", "List Number 2", "List Number 3", "List", "List Continue",
    "Quote", "Entry", "Entry Body", "Letterhead", "Signature", "Hyperlink",
)


@dataclass(frozen=True)
class HeadingLook:
    scale: float  # of the body size; never below 1
    before: float  # ems, Word's (the theme's spacing less its leading)
    after: float  # ems
    bold: bool = True
    italic: bool = False
    small_caps: bool = False
    all_caps: bool = False
    center: bool = False
    accent: bool = True  # accent colour, else ink
    rule: int = 0  # bottom border in eighths of a point; 0 for none


@dataclass(frozen=True)
class Gaps:
    """The Typst theme's vertical rhythm, as Word expresses it.

    Typst puts `leading` between the lines of a paragraph and replaces it by a
    block's spacing between blocks; Word sets each line at the font's line
    height times `line` and adds the larger of one paragraph's space after and
    the next one's space before. So `line` makes Word's line pitch the theme's
    (measured in LibreOffice with Times New Roman's and Arial's metrics, 1.15 em
    single), and each gap below is the theme's spacing minus its leading, in ems.
    """

    line: float  # Word line spacing, a multiple of single
    paragraph: float  # between paragraphs of prose
    letter: float  # between a letter's paragraphs (letters are set looser)
    entry: float  # between dated entries
    pull: float  # how much closer than a line an entry's body follows its head
    reference: float  # between the items of a reference list
    stacked: float  # more above a heading that follows a heading (Typst's heading inset)


@dataclass(frozen=True)
class Theme:
    font: str
    ink: str
    muted: str
    accent: str
    link: str
    hairline: str
    justify: bool
    headings: tuple[HeadingLook, HeadingLook, HeadingLook, HeadingLook]
    entry_indent: float  # ems
    letterhead_center: bool
    letterhead_rule: tuple[int, str]  # eighths of a point, colour
    footer_align: WD_ALIGN_PARAGRAPH
    title_italic_in_header: bool
    gaps: Gaps
    east_asia: str  # the font of Chinese, Japanese and Korean text (docx_scripts.py)


THEMES = {
    "classic": Theme(
        font="Times New Roman", ink="262626", muted="616161", accent="262626", link="1F3D7A",
        hairline="616161", justify=True,
        headings=(
            HeadingLook(1.75, 0, 1.45, bold=False, center=True),
            HeadingLook(1.15, 1.25, 0.45, bold=False, small_caps=True, rule=4),
            HeadingLook(1.0, 0.55, 0.3, italic=True),
            HeadingLook(1.0, 0.35, 0.0, italic=True, bold=False),
        ),
        entry_indent=1.2, letterhead_center=True, letterhead_rule=(4, "262626"),
        footer_align=WD_ALIGN_PARAGRAPH.CENTER, title_italic_in_header=True,
        east_asia="SimSun",
        # classic.typ: leading 0.55 em, paragraphs 0.85 (letters 1.1), entries 0.72,
        # references 0.65; a line of 1.21 em
        gaps=Gaps(line=1.05, paragraph=0.3, letter=0.55, entry=0.17, pull=0.15, reference=0.1,
                  stacked=0.4),
    ),
    "modern": Theme(
        font="Arial", ink="1F1F1F", muted="666666", accent="1D4E7E", link="1D4E7E",
        hairline="B8B8B8", justify=False,
        headings=(
            HeadingLook(1.9, 0, 0.95),
            HeadingLook(1.0, 1.05, 0.45, all_caps=True, rule=5),
            HeadingLook(1.0, 0.45, 0.3, accent=False),
            HeadingLook(1.0, 0.3, 0.0, accent=False, italic=True),
        ),
        entry_indent=1.0, letterhead_center=False, letterhead_rule=(10, "1D4E7E"),
        footer_align=WD_ALIGN_PARAGRAPH.RIGHT, title_italic_in_header=False,
        east_asia="Microsoft YaHei",
        # modern.typ: leading 0.5 em, paragraphs 0.75 (letters 0.85), entries 0.7,
        # references 0.6; a line of 1.225 em
        gaps=Gaps(line=1.075, paragraph=0.25, letter=0.35, entry=0.2, pull=0.1, reference=0.1,
                  stacked=0.22),
    ),
}


def theme_for(setup: PageSetup) -> Theme:
    return THEMES.get(setup.theme, THEMES["classic"])


def font_for(setup: PageSetup, theme: Theme) -> str:
    """The first font the call allows, else the theme's own."""
    return setup.fonts[0] if setup.fonts else theme.font


def text_width(setup: PageSetup) -> float:
    """Points between the margins."""
    width = PAPER_TWIPS.get(setup.paper, PAPER_TWIPS["a4"])[0] / 20
    return width - setup.margins["left"] - setup.margins["right"]


def half(points: float) -> float:
    """Round to the half point Word stores font sizes in."""
    return round(points * 2) / 2


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color)


def set_up_styles(word: WordDocument, setup: PageSetup, theme: Theme) -> dict[str, Any]:
    """Make the template's styles use the call's font, size and the theme; add the few it lacks.

    Returns the styles the renderer uses, by name.
    """
    size = setup.font_size
    styles = word.styles
    font = font_for(setup, theme)
    xml.replace_theme_fonts(styles.element, font, theme.east_asia)
    lang = setup.lang if "-" in setup.lang else LANGUAGES.get(setup.lang, setup.lang)
    xml.set_default_language(styles.element, lang)

    def get(name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH, builtin: bool = True) -> Any:
        try:
            return styles[name]
        except KeyError:
            style = styles.add_style(name, kind, builtin=builtin)
            if kind == WD_STYLE_TYPE.PARAGRAPH:
                style.base_style = styles["Normal"]
            return style

    def spacing(style: Any, before: float, after: float) -> None:
        style.paragraph_format.space_before = Pt(half(size * before))
        style.paragraph_format.space_after = Pt(half(size * after))

    normal = get("Normal")
    xml.set_fonts(normal.element, font, theme.east_asia)
    normal.font.size = Pt(size)
    xml.set_cs_size(normal.element, size)
    normal.font.color.rgb = rgb(theme.ink)
    gaps = theme.gaps
    normal.paragraph_format.line_spacing = gaps.line
    normal.paragraph_format.widow_control = True
    if theme.justify:
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    spacing(normal, 0, gaps.paragraph)

    for name, look in zip(("Title", "Heading 1", "Heading 2", "Heading 3"), theme.headings,
                          strict=True):
        if name == "Title" and setup.short:  # as the themes' title-size: a third smaller
            look = replace(look, scale=max(1.0, look.scale * 0.78))
        _heading(get(name), look, theme, font, size)

    ragged = ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
              "List Number 3", "List", "List Continue")
    for name in ragged:
        get(name).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    entry = get("Entry", builtin=False)
    entry.paragraph_format.tab_stops.add_tab_stop(Pt(text_width(setup)), WD_TAB_ALIGNMENT.RIGHT)
    entry.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # Entries stand apart by the space after each; a body follows its head at the line
    # pitch and its last paragraph carries the gap to the next entry (docx.py).
    spacing(entry, 0, gaps.entry)
    body = get("Entry Body", builtin=False)
    body.paragraph_format.left_indent = Pt(half(size * theme.entry_indent))
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    spacing(body, 0, gaps.paragraph)

    quote = get("Quote")
    quote.font.italic = False
    quote.font.color.rgb = rgb(theme.ink)
    quote.paragraph_format.left_indent = Pt(half(size * QUOTE_INDENT))
    quote.paragraph_format.right_indent = Pt(half(size * QUOTE_INDENT))

    letterhead = get("Letterhead", builtin=False)
    letterhead.paragraph_format.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER if theme.letterhead_center else WD_ALIGN_PARAGRAPH.LEFT)
    # Its lines sit as close as the themes set them (0.3 em apart).
    letterhead.paragraph_format.line_spacing = 0.9
    spacing(letterhead, 0, 0)
    signature = get("Signature")
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    signature.paragraph_format.keep_with_next = True
    spacing(signature, 0, 0.3)

    for name in ("Header", "Footer"):
        style = get(name)
        # The template's tabs suit US Letter with 1.25" margins; one right tab at the
        # text width puts the document title flush right on any page.
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Pt(text_width(setup)), WD_TAB_ALIGNMENT.RIGHT)
        style.font.size = Pt(half(size * 0.85))
        style.font.color.rgb = rgb(theme.muted)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        spacing(style, 0, 0)

    link = get("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = rgb(theme.link)
    link.font.underline = False  # coloured, not underlined: as in the PDF
    return {name: styles[name] for name in STYLE_NAMES}


# Blank, styled documents by layout: (package bytes, style id by name).
_BLANKS: dict[str, tuple[bytes, dict[str, str]]] = {}
_BLANKS_LOCK = threading.Lock()
_BLANKS_KEEP = 16


def blank_document(setup: PageSetup, theme: Theme) -> tuple[WordDocument, dict[str, str]]:
    """A new document from python-docx's template, styled for `setup` and `theme`, and the
    ids of the styles the renderer uses, by name.

    Styling takes ~20 ms and the template's styles.xml is large, while the
    styles depend only on the layout (page setup and theme), never on a
    document's metadata (title, author, keywords, date): so the first
    document of a layout is styled from scratch and kept as a package, and
    the next ones are opened from it (the same XML, in half the time).
    """
    key = repr((replace(setup, title="", author="", keywords=(), date=""), theme))
    with _BLANKS_LOCK:
        cached = _BLANKS.get(key)
    if cached is not None:
        return docx.Document(io.BytesIO(cached[0])), dict(cached[1])
    word = docx.Document()
    xml.drop_extra_parts(word)
    xml.keep_line_breaks_unstretched(word.settings.element)
    xml.hyphenate(word.settings.element)
    ids = {name: style.style_id for name, style in set_up_styles(word, setup, theme).items()}
    scripts.add_fonts_to_table(word, [font_for(setup, theme), theme.east_asia,
                                      scripts.DEVANAGARI_FONT, "Courier New"])
    blank = xml.package_members(word)
    with _BLANKS_LOCK:
        if len(_BLANKS) >= _BLANKS_KEEP:
            _BLANKS.clear()
        _BLANKS[key] = (xml.zip_members(blank, compress=False), dict(ids))
    return word, ids


def set_up_page(word: WordDocument, setup: PageSetup) -> None:
    width, height = PAPER_TWIPS.get(setup.paper, PAPER_TWIPS["a4"])
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(width)
    section.page_height = Twips(height)
    margins = setup.margins
    section.top_margin = Pt(margins["top"])
    section.bottom_margin = Pt(margins["bottom"])
    section.left_margin = Pt(margins["left"])
    section.right_margin = Pt(margins["right"])
    # Header and footer sit halfway into the margin so they never overlap the text.
    section.header_distance = Pt(min(36.0, margins["top"] / 2))
    section.footer_distance = Pt(min(36.0, margins["bottom"] / 2))


def add_header_footer(word: WordDocument, setup: PageSetup, theme: Theme, title: str) -> None:
    """One header line: the call's own (every page), else the name and the title from
    page 2 on (and on page 1 when nothing there names the applicant); footer on every page."""
    section = word.sections[0]
    footer = setup.footer or ("{page} / {pages}" if setup.page_numbers else "")
    first_differs = bool(setup.header) and not setup.header_line and not setup.byline
    if setup.header_line or setup.header:
        section.different_first_page_header_footer = first_differs
        par = section.header.paragraphs[0]
        if setup.header_line:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER if theme.justify else None
            fill_with_fields(par, setup.header_line)
        else:
            fill_with_fields(par, setup.header or "")
            # "Curriculum Vitae — Ada Lovelace" beside "Ada Lovelace" says the name twice.
            suffix = f" — {setup.header}"
            running = title[: -len(suffix)] if title.endswith(suffix) else title
            if running:
                par.add_run().add_tab()
                par.add_run(xml.clean_text(running)).italic = theme.title_italic_in_header or None
    if footer:
        footers = [section.footer]
        if first_differs:
            footers.append(section.first_page_footer)
        for part in footers:
            par = part.paragraphs[0]
            par.alignment = theme.footer_align
            fill_with_fields(par, footer)


def fill_with_fields(par: Paragraph, template: str) -> None:
    """Write `template`, turning {page} into a PAGE field and {pages} into NUMPAGES."""
    for index, piece in enumerate(_FIELD.split(template)):
        if index % 2:
            xml.add_field(par, "PAGE" if piece == "page" else "NUMPAGES", "1")
        elif piece:
            par.add_run(xml.clean_text(piece))


def _heading(style: Any, look: HeadingLook, theme: Theme, font: str, size: float) -> None:
    xml.set_fonts(style.element, font, theme.east_asia)
    style.font.size = Pt(half(size * max(look.scale, 1.0)))
    xml.set_cs_size(style.element, half(size * max(look.scale, 1.0)))
    style.font.bold = look.bold
    style.font.cs_bold = look.bold
    style.font.italic = look.italic
    style.font.cs_italic = look.italic
    style.font.small_caps = look.small_caps
    style.font.all_caps = look.all_caps
    style.font.color.rgb = rgb(theme.accent if look.accent else theme.ink)
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if look.center else WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before = Pt(half(size * look.before))
    fmt.space_after = Pt(half(size * look.after))
    fmt.keep_with_next = True
    if look.rule:
        xml.set_border(style.element, "bottom", look.rule, theme.hairline
                       if look.all_caps else theme.ink, space=3)
    else:
        xml.clear_borders(style.element)
