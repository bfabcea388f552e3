"""COA rows written into the layout of NSF's COA template, with openpyxl, reproducibly.

The layout is that of NSF's `coa_template.xlsx` version 3.8 ("v3.8 PAPPG
2023" in its properties), read 2026-12-04 from a copy kept in a public
repository (918particle/NSF_CAREER, 2023-07-03): one sheet "NSF COA
Template"; thirteen instruction rows merged across columns A-E; then five
blocks, each a title row, a header row whose first cell is the table's number,
and blank rows, held in Excel tables NSF named TableA, TableD23, TableC,
TableD and TableD5 (Table 3 has four columns, the others five but Table 1);
a list of type codes in column A of each table; dates as m/d/yyyy; Calibri
10 pt; fixed column widths and fit to one page wide. NSF's own texts are
reproduced as the template prints them (they are what reviewers' staff read).
The template lets users insert rows, so a table grows past its blank rows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

SHEET = "NSF COA Template"
TEMPLATE_VERSION = "3.8 (PAPPG 2023)"
DATE_FORMAT = "m/d/yyyy"
HEADER_FILL = "FF1F4E79"
WIDTHS = {"A": 4.09, "B": 22.09, "C": 38.9, "D": 29.1, "E": 12.39, "F": 2.6}
DISAMBIGUATE = "To disambiguate common names"

# The instruction rows 1-13 of the template, with their heights in points.
INSTRUCTIONS: tuple[tuple[str, float], ...] = (
    ("The following information regarding collaborators and other affiliations (COA) must be "
     "separately provided for each individual identified as senior personnel. The COA "
     "information must be provided through use of this COA template.  \n\nPlease complete "
     "this template using Microsoft Excel (Google Sheets application is not supported), save "
     "as .xlsx and upload directly in Research.gov under Senior Personnel Documents as a "
     "single-copy document. Do not upload .pdf. \nGrants.gov Users: The COA information must "
     "be provided through use of the COA template and uploaded as a PDF attachment for the "
     "PD/PI.  If your Grants.gov application has additional Senior/Key persons, you must add "
     "those persons and their documents, including this COA template, as an .xlsx file in "
     "Research.gov after submitting your application in Grants.gov.\n\nPlease note that some "
     "information requested in prior versions of the NSF Proposal & Award Policies & "
     "Procedures Guide (PAPPG) is no longer requested. This is purposeful and we no longer "
     "require this information to be reported.  Certain relationships will be reported in "
     "other sections (i.e., the names of postdoctoral scholar sponsors should not be "
     "reported, however if the individual collaborated on research with their postdoctoral "
     "scholar sponsor, then they would be reported as a collaborator). The information in "
     "the tables is not required to be sorted, alphabetically or otherwise. ", 195.75),
    ("There are five separate categories of information which correspond to the five tables "
     "in the COA template:\n\nCOA template Table 1:\nList the individual\u2019s last name, "
     "first name, middle initial, and organizational affiliation in the last 12 months. ",
     87.75),
    ("COA template Table 2:\nList names as last name, first name, middle initial, for whom a "
     "personal, family, or business relationship would otherwise preclude their service as a "
     "reviewer.  In the \u201cType of Relationship\u201d column, specify the personal, "
     "family, or business relationship involved.", 67.5),
    ("COA template Table 3:\nList names as last name, first name, middle initial, and provide "
     "organizational affiliations, if known, for the following: \n\u2022 The "
     "individual\u2019s Ph.D. advisors; and\n\u2022 All of the individual\u2019s Ph.D. "
     "thesis advisees.", 72.75),
    ("COA template Table 4:\nList names as last name, first name, middle initial, and provide "
     "organizational affiliations, if known, for the following:\n\u2022 Co-authors on any "
     "book, article, report, abstract or paper with collaboration in the last 48 months "
     "(publication date may be later); and\n\u2022 Collaborators on projects, such as funded "
     "awards, graduate research or others in the last 48 months. \n", 82.5),
    ("COA template Table 5:\nList editorial board, editor-in chief and co-editors with whom "
     "the individual interacts.  An editor-in-chief must list the entire editorial board.\n "
     "\u2022 Editorial Board: List name(s) of editor-in-chief and journal in the past 24 "
     "months; and\n\u2022 Other co-Editors of journal or collections with whom the "
     "individual has directly interacted in the last 24 months.", 79.5),
    ("The template has been developed to be fillable, however, the content and format "
     "requirements must not be altered by the user. \nThis information is used to manage "
     "reviewer selection. See PAPPG Exhibit II-2 for additional information on potential "
     "reviewer conflicts.  ", 123.75),
    (" 1. Note that graduate advisors are no longer required to be reported.\n 2. Editorial "
     "Board does not include Editorial Advisory Board, International Advisory Board, "
     "Scientific Editorial Board, or any other subcategory of Editorial Board. It is limited "
     "to those individuals who perform editing duties or manage the editing process (i.e., "
     "editor in chief).", 51.75),
    ("List names as Last Name, First Name, Middle Initial.  Additionally, provide email, "
     "organization, and department (optional) to disambiguate common names.", 38.25),
    ("Fixed column widths keep this sheet one page wide; if you cut and paste text, set font "
     "size at 10pt or smaller, and abbreviate, where necessary, to make the data fit. \nYou "
     "may make rows taller.", 39.75),
    ("To insert n blank rows, select n row numbers to move down, right click, and choose "
     "Insert from the menu. ", 24.0),
    ("\nYou may fill-down (crtl-D) to mark a sequence of collaborators, or copy "
     "affiliations.  Excel has arrows that enable sorting.", 33.0),
    ("\"Last Active Date\" and \"Last Active\" must be in a mm/dd/yyyy or m/d/yyyy format, "
     "however column dates are optional, but will help NSF staff easily determine which "
     "information remains relevant for reviewer selection. \n\u201cLast Active Date\u201d "
     "and \u201cLast Active\u201d columns may be left blank for ongoing or current "
     "affiliations. \n\"Organizational Affiliation\" may include location but should not "
     "include street address. There is a  limit of 255 characters. ", 60.75),
)


@dataclass(frozen=True)
class Block:
    """One of the template's five tables: its rows above the header, header, blank rows."""

    number: int
    name: str  # the Excel table's name in NSF's file
    titles: tuple[tuple[str, float, int], ...]  # text, row height, font size
    header: tuple[str, ...]
    codes: str  # the list offered in column A ('' for Table 1)
    blank_rows: int
    note: str = ""  # Table 2's line under the title, in columns B-E
    date_column: int = 0  # 1-based column holding a date, 0 for none
    hint: bool = True  # an empty row and "To disambiguate common names" above the header


BLOCKS = (
    Block(1, "TableA",
          (("Table 1: List the individual\u2019s last name, first name, middle initial, and "
            "organizational affiliation in the last 12 months.", 36.75, 11),),
          ("1", "Your Name:", "Your Organizational Affiliation(s), last \n12 mo",
           "Last Active Date"), "", 5, date_column=4, hint=False),
    Block(2, "TableD23",
          (("Table 2: List names as last name, first name, middle initial, for whom a "
            "personal, family, or business relationship would otherwise preclude their "
            "service as a reviewer.", 28.5, 11),),
          ("2", "Name", "Type of Relationship", "Optional  (email, Department)",
           "Last Active"), '"R:"', 5,
          note="Select \"R:\" for column A to designate relationships that would otherwise "
               "preclude their service as a reviewer. ", date_column=5),
    Block(3, "TableC",
          (("Table 3: List names as last name, first name, middle initial, and provide "
            "organizational affiliations, if known, for the following:\nG: The "
            "individual\u2019s Ph.D. advisors; and \nT: All of the individual\u2019s Ph.D. "
            "thesis advisees.", 68.25, 11),),
          ("3", "Advisor/Advisee Name:", "Organizational Affiliation",
           "Optional  (email, Department)"), '"G:,T:"', 7),
    Block(4, "TableD",
          (("Table 4: List names as last name, first name, middle initial, and provide "
            "organizational affiliations, if known, for the following:", 36.0, 11),
           ("A: Co-authors on any book, article, report, abstract or paper with collaboration "
            "in the last 48 months (publication date may be later); and ", 27.0, 10),
           ("C: Collaborators on projects, such as funded awards, graduate research or others "
            "in the last 48 months.", 12.75, 10)),
          ("4", "Name:", "Organizational Affiliation", "Optional  (email, Department)",
           "Last Active"), '"A:,C:"', 5, date_column=5),
    Block(5, "TableD5",
          (("Table 5: List editorial board, editor-in chief and co-editors with whom the "
            "individual interacts. An editor-in-chief must list the entire editorial board.",
            28.5, 11),
           ("B: Editorial Board:  List name(s) of editor-in-chief and journal in the past 24 "
            "months; and ", 12.75, 10),
           ("E: Other co-Editors of journal or collections with whom the individual has "
            "directly interacted in the last 24 months.", 12.75, 10)),
          ("5", "Name:", "Organizational Affiliation", "Journal/Collection", "Last Active"),
          '"B:,E:"', 5, date_column=5),
)
HEADERS = {b.number: b.header for b in BLOCKS}
TABLE_NAMES = {b.number: b.name for b in BLOCKS}


@dataclass
class Row:
    """One row of a table: column A's code, then the columns as the block's header names them.

    `affiliation` is Table 2's "Type of Relationship"; `optional` is Table 5's
    "Journal/Collection"; Table 1 and Table 3 have no column E.
    """

    table: int
    code: str  # "A:", "G:", ... ("" for Table 1)
    name: str
    affiliation: str = ""
    optional: str = ""
    last_active: dt.date | None = None


def _values(block: Block, row: Row) -> list[object]:
    if block.number == 1:
        return [None, row.name, row.affiliation, row.last_active]
    values: list[object] = [row.code, row.name, row.affiliation, row.optional]
    return values if block.number == 3 else [*values, row.last_active]


def write_workbook(rows: list[Row], built: dt.date) -> bytes:
    """The COA workbook in the template's layout, the rows in their tables; same bytes for
    the same rows and date."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    plain = Font(name="Calibri", size=10)
    wrapped = Alignment(horizontal="center", vertical="center", wrap_text=True)

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.sheet_view.showGridLines = False
    sheet.sheet_format.defaultRowHeight = 12.75
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    hidden = sheet.column_dimensions["G"]  # the template hides every column after F
    hidden.min, hidden.max, hidden.hidden = 7, 16384, True
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_LETTER
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0

    def banner(line: int, text: str, height: float, size: int, first: str = "A") -> None:
        sheet.merge_cells(f"{first}{line}:E{line}")
        cell = sheet[f"{first}{line}"]
        cell.value = text
        cell.font = Font(name="Calibri", size=size, bold=True)
        cell.alignment = wrapped
        sheet.row_dimensions[line].height = height

    line = 1
    for text, height in INSTRUCTIONS:
        banner(line, text, height, 10)
        line += 1
    line += 1  # the template's empty row 14
    for block in BLOCKS:
        for text, height, size in block.titles:
            banner(line, text, height, size)
            line += 1
        if block.note:
            banner(line, block.note, 12.75, 10, first="B")
            line += 1
        if block.hint:
            line += 1  # an empty row, then the hint above column D
            sheet.cell(line, 4, DISAMBIGUATE).font = plain
            line += 1
        header = line
        if any("\n" in text for text in block.header):
            sheet.row_dimensions[header].height = 25.5  # Table 1's two-line heading, as NSF's
        columns = len(block.header)
        for column, text in enumerate(block.header, start=1):
            cell = sheet.cell(header, column, text)
            cell.font = Font(name="Calibri", size=10, bold=column > 1, color="FFFFFFFF")
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.border = box
            cell.alignment = Alignment(vertical="bottom", wrap_text="\n" in text)
        mine = [r for r in rows if r.table == block.number]
        count = max(len(mine), block.blank_rows)
        for offset in range(1, count + 1):
            values = _values(block, mine[offset - 1]) if offset <= len(mine) else [None] * columns
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(header + offset, column, value)
                cell.font = plain
                cell.border = box
                cell.alignment = Alignment(vertical="top")
                if column == block.date_column:
                    cell.number_format = DATE_FORMAT
        end = header + count
        last = "ABCDE"[columns - 1]
        table = Table(displayName=block.name, ref=f"A{header}:{last}{end}")
        sheet.add_table(table)
        if block.codes:
            check = DataValidation(type="list", formula1=block.codes, allow_blank=True)
            check.add(f"A{header + 1}:A{end}")
            sheet.add_data_validation(check)
        line = end + 2
    stamp = dt.datetime(built.year, built.month, built.day)
    book.properties.title = SHEET
    book.properties.creator = "packet"
    book.properties.description = f"Written by packet in the layout of NSF's COA template " \
                                  f"version {TEMPLATE_VERSION}."
    book.properties.created = stamp
    book.properties.modified = stamp
    return _fixed_times(_saved(book), stamp)


def _saved(book: object) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return raw.getvalue()


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
