"""Writing COA rows into NSF's spreadsheet layout with openpyxl, byte for byte reproducibly.

NSF's template is one sheet, "NSF COA Template", with five tables; each row
starts with a type code (A: co-author, C: collaborator, G: graduate advisor,
T: thesis advisee, R: relationship, B/E: editorial board, editor). The FAQ
(2023-01-30) and the scripts that fill the template place Table 4 in columns
A-E: code, Name, Organizational Affiliation, Optional (email, Department),
Last Active. The layout here follows that; the template file itself could not
be read for this build, which docs/calls.md says.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

HEADERS = ("Name:", "Organizational Affiliation", "Optional  (email, Department)",
           "Last Active")
TABLES = {
    1: "Table 1: List your last name, first name, middle initial, and organizational "
       "affiliation (including considered affiliation) in the last 12 months.",
    2: "Table 2: List names as last name, first name, middle initial, for whom a personal, "
       "family, or business relationship would otherwise preclude their service as a "
       "reviewer.",
    3: "Table 3: List your graduate advisor(s) (G:) and your graduate thesis advisees (T:).",
    4: "Table 4: List your co-authors (A:) and collaborators (C:) of the last 48 months.",
    5: "Table 5: List editorial board (B:) and co-editors (E:) of the last 24 months.",
}


@dataclass
class Row:
    table: int
    code: str  # "A:", "G:", ... ("" for Table 1)
    name: str
    affiliation: str = ""
    optional: str = ""
    last_active: str = ""


def write_workbook(rows: list[Row], built: dt.date) -> bytes:
    """The COA workbook: the five tables in order, each with its header and rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.table import Table, TableStyleInfo
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "NSF COA Template"
    sheet["A1"] = "NSF Collaborators and Other Affiliations (COA) Information"
    sheet["A1"].font = Font(bold=True, size=12)
    for letter, width in zip("ABCDE", (6, 34, 44, 30, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    line = 3
    for number, title in TABLES.items():
        sheet.cell(line, 1, title).font = Font(bold=True)
        header = line + 1
        for column, text in enumerate((str(number), *HEADERS), start=1):
            sheet.cell(header, column, text).font = Font(bold=True)
        mine = [r for r in rows if r.table == number] or [Row(number, "", "")]
        for offset, row in enumerate(mine, start=1):
            values = (row.code, row.name, row.affiliation, row.optional, row.last_active)
            for column, value in enumerate(values, start=1):
                sheet.cell(header + offset, column, value or None)
        end = header + len(mine)
        table = Table(displayName=f"Table{number}", ref=f"A{header}:E{end}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        sheet.add_table(table)
        line = end + 2
    stamp = dt.datetime(built.year, built.month, built.day)
    book.properties.creator = "packet"
    book.properties.created = stamp
    book.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_times(raw.getvalue(), stamp)


def _fixed_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook with every zip entry dated `stamp`: rebuilds give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
