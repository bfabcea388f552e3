"""Fonts for every script in the DOCX: which slot of a run a character uses, and the font table.

Word picks one of four fonts of a run by the character: `ascii`/`hAnsi` for
Latin, Greek, Cyrillic and Vietnamese, `eastAsia` for Chinese, Japanese and
Korean, `cs` for the complex scripts (Arabic, Hebrew, Devanagari), each with
its own size (`szCs`) and bold (`bCs`). A name in Chinese in a run whose
every slot says "Times New Roman" shows only where the machine happens to
fall back to a font that has it. So the styles name a CJK font in the
`eastAsia` slot (SimSun, Microsoft YaHei: installed with Windows and with
Office for Mac), Times New Roman and Arial serve Arabic and Hebrew in the
`cs` slot, and the writer splits text into runs by script: CJK runs carry
`w:hint="eastAsia"` (so their punctuation is set in the CJK face too),
Arabic and Hebrew runs are marked right to left, Devanagari runs name
Nirmala UI in their `cs` slot. The font table lists each of these fonts with
its character set and PANOSE class, which Word uses to substitute a font a
machine lacks.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

EAST_ASIA = "ea"
RIGHT_TO_LEFT = "rtl"
DEVANAGARI = "deva"
DEVANAGARI_FONT = "Nirmala UI"

_RANGES = (
    (0x0590, 0x05FF, RIGHT_TO_LEFT), (0x0600, 0x06FF, RIGHT_TO_LEFT),
    (0x0700, 0x08FF, RIGHT_TO_LEFT), (0x0900, 0x097F, DEVANAGARI),
    (0x1100, 0x11FF, EAST_ASIA), (0x2E80, 0x2FDF, EAST_ASIA), (0x3000, 0x303F, EAST_ASIA),
    (0x3040, 0x31FF, EAST_ASIA), (0x3200, 0x4DBF, EAST_ASIA), (0x4E00, 0x9FFF, EAST_ASIA),
    (0xA8E0, 0xA8FF, DEVANAGARI), (0xAC00, 0xD7AF, EAST_ASIA), (0xF900, 0xFAFF, EAST_ASIA),
    (0xFB1D, 0xFB4F, RIGHT_TO_LEFT), (0xFB50, 0xFDFF, RIGHT_TO_LEFT),
    (0xFE70, 0xFEFF, RIGHT_TO_LEFT), (0xFF00, 0xFFEF, EAST_ASIA),
    (0x20000, 0x3FFFF, EAST_ASIA),
)

# Font table entries: (name, altName, PANOSE, charset, family, pitch). Charset 86 is
# GB2312, the one Word matches a Chinese substitute by.
_FONT_TABLE = {
    "SimSun": ("宋体", "02010600030101010101", "86", "auto", "variable"),
    "Microsoft YaHei": ("微软雅黑", "020B0503020204020204", "86", "swiss", "variable"),
    "Nirmala UI": (None, "020B0502040204020203", "00", "swiss", "variable"),
    "Courier New": (None, "02070309020205020404", "00", "modern", "fixed"),
}


def script_of(char: str) -> str:
    """The script class of a character ("" for the Latin slot)."""
    code = ord(char)
    if code < 0x0590:
        return ""
    for low, high, kind in _RANGES:
        if low <= code <= high:
            return kind
    return ""


def _neutral(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PSZ"


def segments(text: str) -> list[tuple[str, str]]:
    """`text` cut into (script class, piece) runs. Spaces and punctuation between two
    characters of one right-to-left or Indic script belong to it (a name "عبد الله" stays
    one run); elsewhere they go with the Latin text around them."""
    kinds = [script_of(c) for c in text]
    # A neutral character takes the class of the strong characters on both its sides
    # when they agree, else the Latin slot's.
    strong = [None if _neutral(c) and not k else k for c, k in zip(text, kinds, strict=True)]
    before: list[str | None] = []
    last: str | None = None
    for k in strong:
        before.append(last if k is None else k)
        if k is not None:
            last = k
    after: list[str | None] = [None] * len(text)
    nxt: str | None = None
    for i in range(len(text) - 1, -1, -1):
        after[i] = nxt if strong[i] is None else strong[i]
        if strong[i] is not None:
            nxt = strong[i]
    out: list[tuple[str, str]] = []
    for i, char in enumerate(text):
        # CJK has punctuation of its own (in its ranges): Latin commas and spaces between
        # two CJK names stay Latin.
        joined = before[i] if before[i] == after[i] and before[i] != EAST_ASIA else None
        kind = strong[i] or joined or ""
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + char)
        else:
            out.append((kind, char))
    return out


def mark_run(run: Any, kind: str) -> None:
    """Tell Word which slot a run's text uses (see the module docstring)."""
    if not kind:
        return
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    if kind == EAST_ASIA:
        fonts.set(qn("w:hint"), "eastAsia")
        return
    fonts.set(qn("w:hint"), "cs")
    if kind == DEVANAGARI:
        fonts.set(qn("w:cs"), DEVANAGARI_FONT)
    else:
        run.font.rtl = True


def add_fonts_to_table(word: Any, names: list[str]) -> None:
    """Entries for `names` in word/fontTable.xml, those it lacks, with what Word needs to
    substitute each on a machine that does not have it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    part = word.part.part_related_by(RT.FONT_TABLE)
    font_table = parse_xml(part.blob)
    have = {f.get(qn("w:name")) for f in font_table.iterfind(qn("w:font"))}
    for name in names:
        if name in have:
            continue
        have.add(name)
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        known = _FONT_TABLE.get(name)
        if known is not None:
            alt, panose, charset, family, pitch = known
            if alt:
                font.append(_val("w:altName", alt))
            font.append(_val("w:panose1", panose))
            font.append(_val("w:charset", charset))
            font.append(_val("w:family", family))
            font.append(_val("w:pitch", pitch))
        font_table.append(font)
    part._blob = serialize_part_xml(font_table)


def _val(tag: str, value: str) -> Any:
    el = OxmlElement(tag)
    el.set(qn("w:val"), value)
    return el
