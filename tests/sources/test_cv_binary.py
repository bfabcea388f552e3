"""Word and PDF CVs (built here, as their tools make them) and the errors a user can meet."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import typst
from pypdf import PdfWriter

from packet.errors import UserError
from packet.sources.cv import FORMATS, read_docx, read_html, read_markdown, read_pdf, read_text


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Amara Diallo", level=0)
    document.add_heading("Education", level=1)
    document.add_paragraph("Ph.D. in Economics, University of Chicago, 2018", style="List Bullet")
    document.add_heading("Work Experience", level=1)
    p = document.add_paragraph(style="List Bullet")
    p.add_run("Economist").bold = True
    p.add_run(", World Bank, Washington, DC, March 2019 – present")
    heading = document.add_paragraph()
    heading.add_run("Working Papers").bold = True  # a bold line as a heading
    document.add_paragraph(
        "Diallo, A. and Kone, B., 2023. Mobile money and savings. NBER Working Paper 31000.",
        style="List Number",
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_headings_bold_lines_and_lists() -> None:
    cv = read_docx(_docx(), "diallo.docx")
    by = {c.section: c.fields for c in cv.candidates}
    assert cv.person["name"] == "Amara Diallo"
    assert by["education"]["institution"] == "University of Chicago"
    assert (
        by["positions"]["title"],
        by["positions"]["organization"],
        by["positions"]["start"],
    ) == ("Economist", "World Bank", "2019-03")
    assert (by["publications"]["title"], by["publications"]["kind"]) == (
        "Mobile money and savings",
        "preprint",
    )


def _pdf(tmp_path: Path) -> bytes:
    source = tmp_path / "cv.typ"
    source.write_text(
        """#set page(width: 16cm, height: auto, margin: 1cm)
= Jonas Berg
== EDUCATION
Ph.D. in Chemistry, University of Basel, 2015--2019

== PUBLICATIONS
+ Berg, J. and Roe, R., 2021. Catalysis at scale. Journal of Chemistry, 12(3), pp. 1--9.
+ Berg, J., 2019. Enzymes in the cold. Nature Chemistry, 11, pp. 40--48.
""",
        encoding="utf-8",
    )
    return bytes(typst.compile(str(source), ignore_system_fonts=True))


def test_pdf_text_layer(tmp_path: Path) -> None:
    cv = read_pdf(_pdf(tmp_path), "berg.pdf")
    pubs = [c.fields for c in cv.candidates if c.section == "publications"]
    assert [p["title"] for p in pubs] == ["Catalysis at scale", "Enzymes in the cold"]
    assert pubs[0]["pages"] == "1-9" and pubs[1]["venue"] == "Nature Chemistry"
    edu = next(c.fields for c in cv.candidates if c.section == "education")
    assert (edu["start"], edu["end"]) == ("2015", "2019")


def test_a_pdf_without_text_is_a_scan() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UserError, match=r"scan\.pdf: this PDF is a scan: it has no text layer"):
        read_pdf(out.getvalue(), "scan.pdf")


def test_a_broken_pdf_says_so() -> None:
    with pytest.raises(UserError, match=r"broken\.pdf: this PDF cannot be read"):
        read_pdf(b"%PDF-1.7\nnot really", "broken.pdf")


def test_a_document_with_no_cv_section_names_the_file_and_what_was_expected() -> None:
    with pytest.raises(UserError) as err:
        read_text(b"Shopping list\n\n- eggs\n- milk\n", "notes.txt")
    message = str(err.value)
    assert "notes.txt: no CV section was recognised" in message
    assert "Education" in message and "Publications" in message


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(UserError, match="binary"):
        read_markdown(b"\x00\x01\x02PK\x00", "photo.md")


def test_not_a_word_document() -> None:
    with pytest.raises(UserError, match=r"cv\.docx: this is not a readable Word document"):
        read_docx(b"hello", "cv.docx")


def test_html_entities_and_scripts() -> None:
    cv = read_html(
        b"<html><script>var x='<h2>Awards</h2>'</script><h2>Awards &amp; Honours</h2>"
        b"<ul><li>Prize of the Soci&eacute;t&eacute; Chimique, 2020</li></ul></html>",
        "x.html",
    )
    assert [c.fields["title"] for c in cv.candidates] == ["Prize of the Société Chimique"]


def test_formats_have_names_and_extensions() -> None:
    assert {f.name: f.extensions for f in FORMATS} == {
        "cv-latex": (".tex", ".ltx"),
        "cv-html": (".html", ".htm"),
        "cv-markdown": (".md", ".markdown"),
        "cv-pdf": (".pdf",),
        "cv-docx": (".docx",),
        "cv-text": (".txt", ".text"),
    }


def _margin_pdf(tmp_path: Path) -> bytes:
    """Entries with their organisation, place and dates stacked in a left column, flush
    right against the text (as RenderCV and moderncv set them)."""
    source = tmp_path / "margin.typ"
    entry = """#grid(columns: (3.8cm, 1fr), column-gutter: 0.3cm, row-gutter: 0.5cm,
  align(right)[{left}], [{right}])
"""
    body = "\n".join(
        entry.replace("{left}", left).replace("{right}", right)
        for left, right in [
            ("Ruritania University \\\nStrelsau \\\n2021 – present",
             "Associate Professor \\\nDepartment of Physics"),
            ("Zenda College \\\nZenda \\\n2016 – 2021", "Assistant Professor"),
        ]
    )  # fmt: skip
    source.write_text(
        "#set page(width: 16cm, height: auto, margin: 1cm)\n= Jonas Berg\n== Employment\n"
        + body
        + "\n== Awards\n"
        + entry.replace("{left}", "2019").replace("{right}", "*Early Career Award* Physics Society"),
        encoding="utf-8",
    )
    return bytes(typst.compile(str(source), ignore_system_fonts=True))


def test_pdf_margin_column_joined_to_its_entry(tmp_path: Path) -> None:
    cv = read_pdf(_margin_pdf(tmp_path), "berg.pdf")
    jobs = [c.fields for c in cv.candidates if c.section == "positions"]
    assert [(j["title"], j["organization"], j["start"], j["end"]) for j in jobs] == [
        ("Associate Professor", "Ruritania University", "2021", "present"),
        ("Assistant Professor", "Zenda College", "2016", "2021"),
    ]
    assert jobs[0]["department"] == "Department of Physics"
    [award] = [c.fields for c in cv.candidates if c.section == "awards"]
    assert award["date"] == "2019"
    # the bold title ends where the bold does
    assert (award["title"], award["issuer"]) == ("Early Career Award", "Physics Society")
