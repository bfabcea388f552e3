"""check_pdf: packets that break a call's rules are caught; compliant ones raise nothing."""

from __future__ import annotations

from check_samples import (
    as_portfolio,
    encrypted,
    make_call,
    raw_pdf,
    typst_pdf,
    with_form_field,
    words,
)

from packet.check.pdf_facts import inspect_pdf
from packet.check.rules import check_pdf
from packet.model.call import CallSpec
from packet.model.report import Finding

# Header and page numbers at 8.5 pt in the margins, like a word processor's.
RUNNING = (
    'header: text(size: 8.5pt)[Jane Doe — Test Fellowship — Research statement], '
    'footer: context align(center, text(size: 8.5pt)[Page #counter(page).display() of '
    '#counter(page).final().first()])'
)


def _call(**doc: object) -> CallSpec:
    fmt = {"paper": "a4", "font_size": 11, "min_font_size": 11, "min_margin": "2cm"}
    document = {"id": "statement", "title": "Research statement", "template": "statement", **doc}
    return make_call(format=fmt, documents=[document])


def _check(pdf: bytes, call: CallSpec | None = None, **doc: object) -> list[Finding]:
    call = call or _call(**doc)
    return check_pdf(call, call.documents[0], inspect_pdf(pdf), "statement.pdf")


def _rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in findings]


def _compliant_body() -> str:
    """Two pages of 11 pt text with 7 pt note markers, headings and a list."""
    parts = ["= Research statement"]
    for i in range(5):
        parts.append(f"== Part {i + 1}")
        parts.append(f"{words(70)}#super(typographic: false, size: 7pt)[{i + 1}] {words(40)}.")
        parts.append(f"- {words(12)}\n- {words(9)}")
    return "\n\n".join(parts)


def test_compliant_document_has_no_findings() -> None:
    pdf = typst_pdf(_compliant_body(), margin="2.5cm", page=RUNNING)
    facts = inspect_pdf(pdf)
    assert facts.pages == 2
    assert facts.page_facts[0].min_size == 7.0  # the markers are there
    assert _check(pdf, max_pages=2, min_pages=1) == []


def test_one_page_over_the_limit() -> None:
    pdf = typst_pdf(f"{words(600)}\n#pagebreak()\n{words(50)}")
    assert inspect_pdf(pdf).pages == 3
    [finding] = _check(pdf, max_pages=2)
    assert (finding.rule, finding.severity) == ("max-pages", "error")
    assert (finding.limit, finding.actual) == ("2 pages", "3 pages")
    assert "will not see page 3" in finding.message
    assert finding.document == "statement" and not finding.unconfirmed


def test_too_few_pages_is_a_warning() -> None:
    assert _rules(_check(typst_pdf(words(100)), min_pages=2)) == [("min-pages", "warning")]


def test_body_text_below_the_minimum_size() -> None:
    [finding] = _check(typst_pdf(words(600), size="9pt"))
    assert (finding.rule, finding.severity) == ("min-font-size", "error")
    assert (finding.limit, finding.actual) == ("11.0 pt", "9.0 pt")
    assert "page 1" in finding.message


def test_a_small_caption_is_a_warning_not_an_error() -> None:
    body = f"{words(100)}\n\n#text(size: 9pt)[Figure 1: {words(12)}]\n\n{words(350)}"
    [finding] = _check(typst_pdf(body))
    assert (finding.rule, finding.severity) == ("min-font-size", "warning")
    assert finding.actual == "9.0 pt"
    assert "captions or footnotes" in finding.message


def test_text_in_a_narrow_margin() -> None:
    call = make_call(format={"paper": "a4", "min_font_size": 11, "min_margin": "0.5in"})
    findings = _check(typst_pdf(words(400), margin="0.3in"), call)
    by_side = {f.message.split(" edge")[0].rsplit(" ", 1)[-1]: f for f in findings}
    assert {"left", "right", "top"} <= set(by_side)
    assert {(f.rule, f.severity, f.limit) for f in findings} == {("margin", "error", "0.50 in")}
    assert by_side["left"].actual == "0.30 in"
    assert "page 1" in by_side["left"].message
    # Ragged right and the first line's ascent: further in, still inside the margin.
    assert all(float(f.actual.split()[0]) < 0.45 for f in findings if f.actual)


def test_body_text_pushed_into_the_bottom_margin_is_caught_despite_page_numbers() -> None:
    # The call asks for 2.5 cm; the text runs down to 1 cm, with a page number below it.
    page = "numbering: \"1\""
    pdf = typst_pdf(words(900), margin="(x: 2.5cm, top: 2.5cm, bottom: 1.2cm)", page=page)
    call = make_call(format={"paper": "a4", "min_font_size": 11, "page_numbers": True})
    findings = [f for f in _check(pdf, call) if f.rule == "margin"]
    assert len(findings) == 1 and "bottom edge" in findings[0].message


def test_a_two_line_header_repeated_on_every_page_is_allowed_but_body_text_is_not() -> None:
    header = (
        'header: text(size: 9pt)[Jane Doe, Research statement \\ Test Fellowship 2026], '
        'footer: context align(center)[Page #counter(page).display()]'
    )
    pdf = typst_pdf(words(1500), page=header)
    assert inspect_pdf(pdf).pages >= 3
    assert _check(pdf) == []
    # The same text with its top margin cut to 0.3 in, where the header used to be.
    cramped = typst_pdf(words(1500), margin="(x: 2.5cm, top: 0.3in, bottom: 2.5cm)")
    [finding] = _check(cramped)
    assert finding.rule == "margin" and "top edge" in finding.message


def test_headers_are_margin_text_when_the_call_allows_none() -> None:
    pdf = typst_pdf(_compliant_body(), page=RUNNING)
    call = make_call(format={
        "paper": "a4", "min_font_size": 11, "min_margin": "2cm",
        "header": False, "page_numbers": False,
    })
    findings = _check(pdf, call)
    assert {(f.rule, f.message.split(" edge")[0].rsplit(" ", 1)[-1]) for f in findings} >= {
        ("margin", "top"), ("margin", "bottom"),
    }
    # Not allowed, so not exempt from the size minimum either.
    assert "min-font-size" in {f.rule for f in findings}


def test_letter_page_in_an_a4_call_and_the_reverse() -> None:
    [finding] = _check(typst_pdf(words(100), paper="us-letter"))
    assert (finding.rule, finding.severity) == ("paper", "error")
    assert finding.limit == "A4 (210 × 297 mm)"
    assert finding.actual == "US Letter (8.5 × 11 in)"
    us_call = make_call(format={"paper": "us-letter", "min_font_size": 11, "min_margin": "1in"})
    [finding] = _check(typst_pdf(words(100), margin="1in"), us_call)
    assert (finding.limit, finding.actual) == ("US Letter (8.5 × 11 in)", "A4 (210 × 297 mm)")


def test_file_level_rules() -> None:
    pdf = typst_pdf(words(100))
    assert _rules(_check(encrypted(pdf))) == [("encryption", "error")]
    assert _rules(_check(with_form_field(pdf))) == [("form-fields", "error")]
    assert _rules(_check(as_portfolio(pdf))) == [("portfolio", "error")]
    scan = typst_pdf("#rect(width: 8cm, height: 8cm, fill: gray)")
    assert _rules(_check(scan)) == [("searchable", "error")]
    mixed = typst_pdf(f"{words(50)}\n#pagebreak()\n#rect(width: 8cm, height: 8cm)")
    assert _rules(_check(mixed)) == [("searchable", "info")]


def test_pdf_from_another_tool_with_a_font_not_embedded() -> None:
    # 11 pt Helvetica set as `1 Tf` scaled by the text matrix, 1 in from the edges of Letter.
    lines = b"".join(
        b"BT /F1 1 Tf 11 0 0 11 72 %d Tm (%s) Tj ET\n" % (700 - 14 * i, words(8).encode())
        for i in range(30)
    )
    us_call = make_call(format={"paper": "us-letter", "min_font_size": 11, "min_margin": "1in"})
    findings = _check(raw_pdf(lines), us_call)
    [finding] = findings
    assert (finding.rule, finding.severity) == ("fonts-embedded", "error")
    assert "Helvetica" in finding.message and finding.actual == "1 font not embedded"
    lines_9pt = lines.replace(b"11 0 0 11", b"9 0 0 9")
    assert ("min-font-size", "error") in _rules(_check(raw_pdf(lines_9pt), us_call))


def test_unconfirmed_rules_say_so() -> None:
    call = make_call(
        format={"paper": "a4", "min_font_size": 11, "source": "unconfirmed"},
        documents=[{"id": "statement", "title": "S", "template": "s", "max_pages": 1,
                    "source": "secondary"}],
    )
    findings = _check(typst_pdf(f"{words(600)}", paper="us-letter"), call)
    by_rule = {f.rule: f for f in findings}
    assert by_rule["paper"].unconfirmed and "not confirmed" in by_rule["paper"].message
    assert by_rule["paper"].severity == "error"
    assert not by_rule["max-pages"].unconfirmed


def test_layout_rules_can_be_skipped_for_documents_others_made() -> None:
    letter = typst_pdf(words(100), paper="us-letter", size="9pt", margin="0.3in")
    call = _call()
    facts = inspect_pdf(letter)
    assert {f.rule for f in check_pdf(call, None, facts, "letter.pdf")} == {
        "paper", "min-font-size", "margin",
    }
    assert check_pdf(call, None, facts, "letter.pdf", layout=False) == []


def test_reference_pages_left_out_when_the_call_says_so() -> None:
    text = f"= Synopsis\n{words(330)}\n\n"
    refs = "= References\n" + "\n".join(f"+ Author {i}. Paper {i}. 2024." for i in range(30))
    two_pages = typst_pdf(f"{text}#pagebreak()\n{text}{refs}")
    facts = inspect_pdf(two_pages)
    assert facts.pages == 3 and facts.page_facts[1].references is not None
    # The references start on page 2 below its text: pages 1-2 count, page 3 does not.
    assert _check(two_pages, max_pages=2, references_in_limit=False) == []
    [over] = _check(two_pages, max_pages=1, references_in_limit=False)
    assert over.actual == "2 pages without references"
    assert _rules(_check(two_pages, max_pages=2)) == [("max-pages", "error")]
    # References starting a page: that page is not counted either.
    apart = typst_pdf(f"{text}#pagebreak()\n{refs}", page=RUNNING)
    assert inspect_pdf(apart).pages == 2
    assert _check(apart, max_pages=1, references_in_limit=False) == []
