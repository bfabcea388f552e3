"""A Word CV -> blocks, with python-docx: Heading/Title styles are headings, list
paragraphs are entries, bold and italic runs keep their emphasis, table rows are
lines with tab-separated cells."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from packet.errors import UserError
from packet.sources.cv.blocks import BOLD_OFF, BOLD_ON, ITAL_OFF, ITAL_ON, Block, plain


def _runs_text(paragraph: Any) -> str:
    out = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        if run.bold:
            text = BOLD_ON + text + BOLD_OFF
        if run.italic:
            text = ITAL_ON + text + ITAL_OFF
        out.append(text)
    return "".join(out).replace(BOLD_OFF + BOLD_ON, "").replace(ITAL_OFF + ITAL_ON, "")


# A Word CV, pictures included, unpacks to a few MB; python-docx holds every part in
# memory, so a zip bomb (a few MB unpacking to gigabytes) is refused before it unpacks.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_PARTS = 5_000


def _check_unpacked_size(data: bytes, source: str) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UserError(f"{source}: this is not a readable Word document ({exc})") from None
    size = sum(info.file_size for info in infos)
    if size > MAX_UNPACKED or len(infos) > MAX_PARTS:
        raise UserError(
            f"{source}: this Word document unpacks to {size / 1024 / 1024:,.0f} MB in "
            f"{len(infos):,} parts; packet reads at most {MAX_UNPACKED // 1024 // 1024} MB "
            f"and {MAX_PARTS:,} parts (a 'zip bomb' is built to exhaust memory)")


def docx_blocks(data: bytes, source: str) -> list[Block]:
    import docx
    from lxml.etree import LxmlError

    _check_unpacked_size(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError) as exc:
        # LxmlError: broken XML, and libxml2's own bounds (entity expansion, huge text).
        raise UserError(f"{source}: this is not a readable Word document ({exc})") from None
    blocks: list[Block] = []
    for number, paragraph in enumerate(document.paragraphs, 1):
        text = _runs_text(paragraph)
        if not plain(text):
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if style.startswith("Heading") or style == "Title":
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            blocks.append(Block("heading", text, level, number))
        elif "List" in style or numbered:
            blocks.append(Block("entry", text, 1, number))
        else:
            for line in text.split("\n"):
                if plain(line):
                    blocks.append(Block("text", line, 0, number))
    for table in document.tables:
        for row in table.rows:
            cells = [plain(c.text) for c in row.cells]
            if any(cells):
                blocks.append(Block("text", "\t".join(c for c in cells if c), 0, 0))
    return blocks
