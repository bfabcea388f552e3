"""inspect_pdf: what it reads from PDFs made by Typst and by hand, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_samples import (
    LETTER,
    as_portfolio,
    encrypted,
    raw_pdf,
    typst_pdf,
    with_form_field,
    words,
)

from packet.check.pdf_facts import inspect_pdf
from packet.errors import UserError


def test_typst_pdf_facts() -> None:
    pdf = typst_pdf(f"= Aims\n{words(600)}", margin="1in")
    facts = inspect_pdf(pdf, name="aims.pdf")
    assert facts.name == "aims.pdf"
    assert facts.pages == 2
    first = facts.page_facts[0]
    assert (round(first.width, 1), round(first.height, 1)) == (595.3, 841.9)
    assert first.rotation == 0
    assert facts.body_size == 11.0 and facts.min_body_size == 11.0
    assert first.text_box is not None
    # Text starts at the 1 in margin (glyph side bearings move it a fraction of a point).
    assert first.text_box.left == pytest.approx(72, abs=1.5)
    assert all(f.embedded for f in facts.fonts) and facts.fonts
    assert not facts.encrypted and not facts.form_fields and not facts.portfolio
    assert facts.has_text and facts.pages_without_text == []
    assert facts.file_size == len(pdf)


def test_short_small_text_is_not_body_text() -> None:
    body = " ".join(f"{words(30)}#text(size: 7pt)[{i}] " for i in range(10))
    page = inspect_pdf(typst_pdf(body)).page_facts[0]
    assert page.min_size == 7.0  # the superscript-like markers are seen...
    assert page.min_body_size == 11.0  # ...but are not body text
    assert page.body_size == 11.0


def test_printed_size_includes_text_and_page_matrices() -> None:
    # Many tools write `1 Tf` and scale with Tm; others scale the page with `cm`.
    by_tm = b"BT /F1 1 Tf 9 0 0 9 72 700 Tm (Text set in one point and scaled nine times) Tj ET"
    by_cm = b"q 0.5 0 0 0.5 0 0 cm BT /F1 20 Tf 144 1400 Td (Twenty points halved by cm) Tj ET Q"
    assert inspect_pdf(raw_pdf(by_tm)).min_body_size == 9.0
    assert inspect_pdf(raw_pdf(by_cm)).min_body_size == 10.0


def test_text_inside_form_xobjects_is_measured_and_placed() -> None:
    form = b"BT /F1 10 Tf 0 0 Td (Text drawn inside a form object) Tj ET"
    pdf = raw_pdf(b"q 0.8 0 0 0.8 20 400 cm /X1 Do Q", form=form)
    page = inspect_pdf(pdf).page_facts[0]
    assert page.sizes == {8.0: 26}  # non-space characters
    assert page.text_box is not None
    assert page.text_box.left == pytest.approx(20, abs=2)


def test_rotated_page_is_measured_as_displayed() -> None:
    pdf = raw_pdf(b"BT /F1 11 Tf 72 300 Td (Turned page with enough text here) Tj ET", rotate=90)
    page = inspect_pdf(pdf).page_facts[0]
    assert (page.width, page.height) == (LETTER[1], LETTER[0])
    assert page.rotation == 90
    box = page.text_box
    assert box is not None
    # Turned clockwise: the text 72 pt from the left edge is now 72 pt from the top.
    assert box.top == pytest.approx(72, abs=2)


def test_fonts_embedded_or_not() -> None:
    facts = inspect_pdf(raw_pdf(b"BT /F1 11 Tf 72 700 Td (Helvetica, not embedded) Tj ET"))
    assert [(f.name, f.kind, f.embedded) for f in facts.fonts] == [("Helvetica", "Type1", False)]
    assert facts.unembedded_fonts == facts.fonts
    # Typst embeds subsets of composite fonts; the name loses its subset tag.
    typst_fonts = inspect_pdf(typst_pdf("Hello *world*")).fonts
    assert typst_fonts and all(f.embedded and "+" not in f.name for f in typst_fonts)


def test_protection_forms_portfolios_and_scans() -> None:
    pdf = typst_pdf(words(50))
    locked = inspect_pdf(encrypted(pdf))
    assert locked.encrypted and "changing the document" in locked.restrictions
    assert inspect_pdf(with_form_field(pdf)).form_fields == 1
    assert inspect_pdf(as_portfolio(pdf)).portfolio
    scan = inspect_pdf(typst_pdf('#rect(width: 5cm, height: 5cm, fill: gray)'))
    assert not scan.has_text and scan.pages_without_text == [1]


def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(UserError, match=r"letter\.pdf is encrypted: remove the password"):
        inspect_pdf(encrypted(typst_pdf("Secret"), user="open-sesame"), name="letter.pdf")


def test_not_a_pdf(tmp_path: Path) -> None:
    docx = tmp_path / "statement.pdf"
    docx.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UserError, match=r"statement\.pdf is not a PDF \(it starts with 'PK.*Word"):
        inspect_pdf(docx)
    text = tmp_path / "notes.pdf"
    text.write_text("Dear committee,\n")
    with pytest.raises(UserError, match=r"notes\.pdf is not a PDF \(it starts with 'Dear comm"):
        inspect_pdf(text)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match=r"empty\.pdf is empty"):
        inspect_pdf(empty)
    with pytest.raises(UserError, match=r"missing\.pdf does not exist"):
        inspect_pdf(tmp_path / "missing.pdf")


def test_truncated_and_damaged_pdfs() -> None:
    pdf = typst_pdf(words(400))
    with pytest.raises(UserError, match="is truncated"):
        inspect_pdf(pdf[: len(pdf) // 2], name="cut.pdf")
    # Header and end marker intact, nothing readable between them.
    damaged = pdf[:15] + b"\x00garbage" * 50 + b"\n%%EOF\n"
    with pytest.raises(UserError, match=r"damaged\.pdf is damaged"):
        inspect_pdf(damaged, name="damaged.pdf")


def test_object_spans_match_pdfium_one_character_at_a_time() -> None:
    """Galloping and the plain-address binding agree with pypdfium2's own binding."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from packet.check.pdf_text import _object_spans
    from packet.check.pdfium_calls import pdfium_calls

    plain = f"{words(300)} "
    math = "Let $x_i in RR^d$ and $f(x) = sum_(i=1)^n alpha_i k(x, x_i)$, as in [12]. " * 40
    for body in (plain, math):
        document = pdfium.PdfDocument(typst_pdf(body))
        textpage = document[0].get_textpage()
        count = textpage.count_chars()
        owners = [
            ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage.raw, i), ctypes.c_void_p).value
            for i in range(count)
        ]
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0
        spans = list(_object_spans(pdfium_calls().object_at, handle, count))
        assert [i for _, s, e in spans for i in range(s, e)] == list(range(count))
        assert all(owners[i] == obj for obj, s, e in spans for i in range(s, e))
        assert all(owners[s - 1] != owners[s] for _, s, _ in spans[1:])
        textpage.close()
        document.close()
