"""Raw WordprocessingML helpers for what python-docx has no API for.

Hyperlinks, fields, paragraph borders, fonts for every script, list numbering
that restarts, and a byte-stable package zip. Each helper touches the smallest
piece of XML it can and keeps the element order the schema demands, because
Word refuses (or "repairs") documents whose elements are out of order.
"""

from __future__ import annotations

import io
import re
import weakref
import zipfile
from typing import Any
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Children of w:pPr that must follow w:pBdr (ECMA-376 CT_PPrBase sequence).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
# XML 1.0 forbids most C0 controls and lone surrogates; lxml raises on them, so they go.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE_CONTROLS = re.compile(r"\r\n|[\r\n\t]")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def clean_text(text: str) -> str:
    """Text as one Word run: soft breaks and tabs become spaces, XML-illegal characters go.

    Line breaks are their own DocTree node; a tab from data would jump to the
    entry's right tab stop and wreck the layout.
    """
    return _NOT_XML.sub("", _WHITESPACE_CONTROLS.sub(" ", text))


def safe_link(url: str) -> str | None:
    """The URL if it may become a clickable link (http, https, mailto), else None."""
    url = url.strip()
    if not url or _NOT_XML.search(url) or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return None
    if scheme != "mailto" and not parts.netloc:
        return None
    return url


def set_fonts(rpr_owner: Any, name: str, east_asia: str | None = None) -> None:
    """Name the font of every script slot (`east_asia` for Chinese, Japanese and Korean,
    else `name` there too) and drop theme fonts (which would win)."""
    rpr = rpr_owner.get_or_add_rPr()
    _name_slots(rpr.get_or_add_rFonts(), name, east_asia)


def _name_slots(fonts: Any, name: str, east_asia: str | None) -> None:
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in _FONT_SLOTS:
        fonts.set(qn(slot), east_asia if east_asia and slot == "w:eastAsia" else name)


def replace_theme_fonts(styles_element: Any, name: str, east_asia: str | None = None) -> None:
    """Point every theme-font reference in styles.xml (defaults included) at `name`
    (`east_asia` in the East Asian slot)."""
    for fonts in styles_element.iter(qn("w:rFonts")):
        if any(attr.endswith("Theme") or attr.endswith("theme") for attr in fonts.attrib):
            _name_slots(fonts, name, east_asia)


def set_cs_size(rpr_owner: Any, points: float) -> None:
    """The size of complex-script text (Arabic, Hebrew, Devanagari): Word keeps it apart
    from w:sz, and the template's default is 11 pt whatever the body's size."""
    rpr = rpr_owner.get_or_add_rPr()
    size = rpr.find(qn("w:szCs"))
    if size is None:
        size = OxmlElement("w:szCs")
        sz = rpr.find(qn("w:sz"))
        later = next((e for e in (rpr.find(qn(t)) for t in _AFTER_SZCS) if e is not None), None)
        if sz is not None:
            sz.addnext(size)
        elif later is not None:
            later.addprevious(size)
        else:
            rpr.append(size)
    size.set(qn("w:val"), str(round(points * 2)))


# Children of w:rPr that follow w:szCs (ECMA-376 CT_RPr sequence).
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
               "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_default_language(styles_element: Any, tag: str) -> None:
    for lang in styles_element.iterfind(f"{qn('w:docDefaults')}//{qn('w:lang')}"):
        lang.set(qn("w:val"), tag)


def keep_line_breaks_unstretched(settings_element: Any) -> None:
    """Tell Word not to justify a line that ends in a manual line break.

    Without it an address block (name, line break, street...) in a justified
    paragraph spreads its words across the page.
    """
    compat = settings_element.find(qn("w:compat"))
    if compat is None or compat.find(qn("w:doNotExpandShiftReturn")) is not None:
        return
    # Schema order puts it before useFELayout and the compatSettings the template holds.
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


# CT_Settings children that come after w:autoHyphenation (ECMA-376 order); it goes
# before the first of them the template holds.
_AFTER_AUTO_HYPHENATION = (
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
    "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
    "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
    "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore",
    "w:savePreviewPicture", "w:doNotValidateAgainstSchema", "w:saveInvalidXml",
    "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
)


def hyphenate(settings_element: Any) -> None:
    """Turn on Word's automatic hyphenation, as the PDF hyphenates: justified text
    without it opens wide gaps."""
    if settings_element.find(qn("w:autoHyphenation")) is not None:
        return
    node = OxmlElement("w:autoHyphenation")
    for name in _AFTER_AUTO_HYPHENATION:
        later = settings_element.find(qn(name))
        if later is not None:
            later.addprevious(node)
            return
    settings_element.append(node)


class _LinkIndex:
    """A part's hyperlink relationships by address, and the next free id.

    python-docx's `relate_to` scans every relationship twice per link (for a
    match, then for a free rId): quadratic, 65 s for a 10,000-entry list. The
    index makes each link O(1); ids come out as python-docx would give them
    in a new document (rId1, rId2, ... with no gaps).
    """

    def __init__(self, rels: Any) -> None:
        self.by_url = {r.target_ref: r.rId for r in rels.values()
                       if r.is_external and r.reltype == RT.HYPERLINK}
        numbers = [int(k[3:]) for k in rels if k.startswith("rId") and k[3:].isdigit()]
        self.next = max(numbers, default=0) + 1
        self.taken = set(rels)


_LINK_INDEXES: weakref.WeakKeyDictionary[Any, _LinkIndex] = weakref.WeakKeyDictionary()


def _relate_link(part: Any, url: str) -> str:
    index = _LINK_INDEXES.get(part)
    if index is None:
        index = _LINK_INDEXES[part] = _LinkIndex(part.rels)
    rid = index.by_url.get(url)
    if rid is None:
        while f"rId{index.next}" in index.taken:
            index.next += 1
        rid = f"rId{index.next}"
        index.next += 1
        index.taken.add(rid)
        part.rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
        index.by_url[url] = rid
    return rid


def add_hyperlink(paragraph: Paragraph, url: str) -> Any:
    """Append an empty w:hyperlink to `paragraph`, related to `url`; runs go inside it."""
    rid = _relate_link(paragraph.part, url)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """Append a complex field (e.g. PAGE, NUMPAGES) with `shown` as its cached result."""
    parts: list[tuple[str, str | None]] = [
        ("begin", None), ("instr", f" {instruction} "), ("separate", None),
        ("text", shown), ("end", None),
    ]
    for kind, value in parts:
        run = OxmlElement("w:r")
        if kind == "instr":
            child = OxmlElement("w:instrText")
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            child.text = value
        elif kind == "text":
            child = OxmlElement("w:t")
            child.text = value
        else:
            child = OxmlElement("w:fldChar")
            child.set(qn("w:fldCharType"), kind)
        run.append(child)
        paragraph._p.append(run)


_SIDES = ("top", "left", "bottom", "right", "between", "bar")


def set_border(ppr_owner: Any, side: str, size: int, color: str, space: int = 1) -> None:
    """Give a paragraph (or paragraph style) a single line on one side; `size` in 1/8 pt."""
    ppr = ppr_owner.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    old = borders.find(qn(f"w:{side}"))
    if old is not None:
        borders.remove(old)
    line = OxmlElement(f"w:{side}")
    for attr, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space)),
                        ("w:color", color)):
        line.set(qn(attr), value)
    later = {qn(f"w:{s}") for s in _SIDES[_SIDES.index(side) + 1:]}
    follower = next((child for child in borders if child.tag in later), None)
    if follower is None:
        borders.append(line)
    else:
        follower.addprevious(line)


def clear_borders(ppr_owner: Any) -> None:
    ppr = ppr_owner.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is not None:
        ppr.remove(borders)


def set_contextual_spacing(paragraph: Paragraph, on: bool) -> None:
    """Whether spacing between paragraphs of the same style is ignored (lists set it on)."""
    ppr = paragraph._p.get_or_add_pPr()
    old = ppr.find(qn("w:contextualSpacing"))
    if old is not None:
        ppr.remove(old)
    flag = OxmlElement("w:contextualSpacing")
    flag.set(qn("w:val"), "1" if on else "0")
    after = _AFTER_PBDR[_AFTER_PBDR.index("w:contextualSpacing") + 1:]
    ppr.insert_element_before(flag, *after)


def add_list_definition(numbering: Any, label: str, color: str | None = None) -> int:
    """A new one-level list definition; returns its abstractNumId.

    `label` is Word's level text: "%1." or "[%1]" count, anything else is a
    bullet. No tab stops or indents are defined here: each paragraph sets its
    own, and a stale list tab would pull the text up against the marker.
    """
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iterfind(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    abstract.append(_val("w:multiLevelType", "singleLevel"))
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    counts = "%1" in label
    for tag, value in (("w:start", "1"), ("w:numFmt", "decimal" if counts else "bullet"),
                       ("w:lvlText", label), ("w:lvlJc", "left")):
        level.append(_val(tag, value))
    if color is not None:
        rpr = OxmlElement("w:rPr")
        rpr.append(_val("w:color", color))
        level.append(rpr)
    abstract.append(level)
    # Schema order: every w:abstractNum comes before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    return abstract_id


def start_list(numbering: Any, abstract_id: int, start: int) -> int:
    """A new numId for one list, counting from `start`.

    Word continues one numbering instance across every paragraph that uses it,
    so each list needs its own w:num to start again.
    """
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def set_num(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _val(tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def drop_extra_parts(word: Any) -> None:
    """Drop the template's blank-page thumbnail and its Word-2010-only copy of the styles.

    The thumbnail would show an empty page in file browsers, and
    stylesWithEffects would keep the template's fonts alongside ours.
    """
    package = word.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    for rid, rel in list(word.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del word.part.rels[rid]


def stable_package(word: Any) -> bytes:
    """The document as a zip that is the same bytes for the same document.

    python-docx's own save stamps each entry with the current time, so two
    saves of the same document differ; here entries get fixed timestamps and
    attributes, content types and package rels first as readers expect, the
    rest by name, and every part is compressed once.
    """
    return zip_members(package_members(word))


def package_members(word: Any) -> dict[str, bytes]:
    """Zip member name -> bytes of the document's package, as python-docx's writer makes them."""
    try:
        from docx.opc.pkgwriter import _ContentTypesItem
    except ImportError:  # a python-docx without it: take the long way
        out = io.BytesIO()
        word.save(out)
        source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
        return {name: source.read(name) for name in source.namelist()}
    package = word.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = {
        "[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob,
        "_rels/.rels": package.rels.xml,
    }
    for part in parts:
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    return members


def zip_members(members: dict[str, bytes], compress: bool = True) -> bytes:
    """A zip with fixed timestamps and attributes, content types and package rels first,
    then the rest by name. `compress=False` stores them: for packages kept in memory."""
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    names = sorted(members, key=lambda n: (first.get(n, 2), n))
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, members[name], compresslevel=6 if compress else None)
    return out.getvalue()
