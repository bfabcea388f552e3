"""A PDF against a call: pages, paper, font size, margins, fonts, protection, forms.

Every figure is a printed one, read from the PDF (see `packet.check.pdf_facts`),
so a document made by packet and one the applicant brings are judged alike.
"""

from __future__ import annotations

from collections import defaultdict

from packet.check.human import (
    describe_call_paper,
    describe_paper,
    finding,
    inches,
    length,
    page_list,
    plural,
    points,
    same_paper,
)
from packet.check.margins import SIDES, Bands
from packet.check.pdf_facts import PdfFacts
from packet.model.call import CallSpec, DocumentSpec, length_pt
from packet.model.report import Finding

# Glyphs may overhang the text block a little (hanging punctuation, italic
# overshoot, rounding): about a point at 11 pt. Closer than this is a real breach.
MARGIN_TOLERANCE_PT = 2.5
# Sizes are read to 0.1 pt; 10.96 pt printed from an 11 pt setting is still 11 pt.
SIZE_TOLERANCE_PT = 0.05
# Below-minimum body text on a page is an error once it is this share of the page's
# body text (or its main size); less is a warning: captions and footnotes, which
# some funders allow smaller.
SMALL_TEXT_SHARE = 0.10


def check_pdf(
    call: CallSpec, doc: DocumentSpec | None, facts: PdfFacts, name: str, *, layout: bool = True
) -> list[Finding]:
    """Findings for one PDF; `name` is how messages call it.

    `doc` gives page limits (None: the call's format and file rules only).
    `layout=False` skips paper, font size and margins, for files the applicant
    did not lay out (reference letters, transcripts): they still must be plain,
    searchable PDFs with embedded fonts.
    """
    document = doc.id if doc else name
    findings = _pages(call, doc, facts, name)
    if layout:
        findings += _paper(call, facts, name, document)
        findings += _font_size(call, facts, name, document)
        findings += _margins(call, facts, name, document)
    findings += _file_rules(call, facts, name, document)
    return findings


def _pages(call: CallSpec, doc: DocumentSpec | None, facts: PdfFacts, name: str) -> list[Finding]:
    if doc is None:
        return []
    count = facts.pages
    out = []
    counted, note = _counted_pages(call, doc, facts)
    if doc.max_pages is not None and counted > doc.max_pages:
        hidden = page_list(list(range(doc.max_pages + 1, counted + 1)))
        out.append(finding(
            "max-pages", "error",
            f"{name} has {plural(counted, 'page')}{note} where {doc.max_pages} are allowed: "
            f"evaluators will not see {hidden}.",
            document=doc.id, limit=plural(doc.max_pages, "page"),
            actual=plural(counted, "page") + (" without references" if note else ""),
            source=doc.source,
        ))
    if doc.min_pages is not None and count < doc.min_pages:
        out.append(finding(
            "min-pages", "warning",
            f"{name} has {plural(count, 'page')}; the call expects at least {doc.min_pages}.",
            document=doc.id, limit=f"at least {plural(doc.min_pages, 'page')}",
            actual=plural(count, "page"), source=doc.source,
        ))
    return out


def _counted_pages(call: CallSpec, doc: DocumentSpec, facts: PdfFacts) -> tuple[int, str]:
    """Pages that count toward the limit; the reference list's own pages do not when the
    call says so (ERC B1). A page with text above the References heading counts."""
    if doc.references_in_limit:
        return facts.pages, ""
    bands = _allowed_bands(call, facts)
    for page in facts.page_facts:
        heading = page.references
        if heading is None:
            continue
        running = bands.get(page.number, [])
        above = [
            box for box in page.boxes
            if box.bottom <= heading.top + 1
            and not any(top <= box.top and box.bottom <= bottom for top, bottom in running)
        ]
        return page.number - 1 + (1 if above else 0), " without the references"
    return facts.pages, ""


def _paper(call: CallSpec, facts: PdfFacts, name: str, document: str) -> list[Finding]:
    wanted = call.format.paper
    wrong: dict[str, list[int]] = defaultdict(list)
    for page in facts.page_facts:
        if not same_paper(page.width, page.height, wanted):
            wrong[describe_paper(page.width, page.height)].append(page.number)
    return [
        finding(
            "paper", "error",
            f"{name}: {page_list(numbers)} {'is' if len(numbers) == 1 else 'are'} {size}; "
            f"the call asks for {describe_call_paper(wanted)}.",
            document=document, limit=describe_call_paper(wanted), actual=size,
            source=call.format.source,
        )
        for size, numbers in wrong.items()
    ]


def _margin_rule(call: CallSpec) -> tuple[float, bool, str]:
    """The margin in points, whether a header and footer may sit inside it, and as written."""
    fmt = call.format
    if fmt.min_margin is not None:
        written = fmt.min_margin
    else:
        written = min(fmt.margins.model_dump().values(), key=length_pt)
    required = length_pt(written)
    return required, fmt.header or fmt.page_numbers or fmt.footer is not None, written


def _allowed_bands(call: CallSpec, facts: PdfFacts) -> Bands:
    """Header and footer blocks, per page, when the call allows any in its margins."""
    required, running, _ = _margin_rule(call)
    return facts.running_bands(required - MARGIN_TOLERANCE_PT) if running else {}


def _font_size(call: CallSpec, facts: PdfFacts, name: str, document: str) -> list[Finding]:
    minimum = call.format.min_font_size
    floor = minimum - SIZE_TOLERANCE_PT
    bands = _allowed_bands(call, facts)
    low: list[tuple[int, dict[float, int]]] = []  # pages with body text below the minimum
    major: list[int] = []  # ... where it is the page's main text or a good share of it
    for page in facts.page_facts:
        # A header or footer the call allows is not body text.
        body = page.body_sizes_outside(bands.get(page.number, []))
        small = sum(n for size, n in body.items() if size < floor)
        if not small:
            continue
        low.append((page.number, body))
        main = max(body, key=lambda s: body[s])
        if small >= SMALL_TEXT_SHARE * sum(body.values()) or main < floor:
            major.append(page.number)
    if not low:
        return []
    chosen = [(n, body) for n, body in low if n in major] if major else low
    pages = page_list([n for n, _ in chosen])
    smallest = min(min(body) for _, body in chosen)
    below = sum(c for _, body in chosen for size, c in body.items() if size < floor)
    if major:
        message = (
            f"{name}: body text at {points(smallest)} on {pages} "
            f"({plural(below, 'character')} below the minimum of {points(minimum)})."
        )
    else:
        message = (
            f"{name}: {plural(below, 'character')} of text at {points(smallest)} on {pages}, "
            f"below the minimum of {points(minimum)} (captions or footnotes?): check whether "
            "the call allows smaller text there."
        )
    return [finding(
        "min-font-size", "error" if major else "warning", message,
        document=document, limit=points(minimum), actual=points(smallest),
        source=call.format.source,
    )]


def _margins(call: CallSpec, facts: PdfFacts, name: str, document: str) -> list[Finding]:
    fmt = call.format
    required, running, written = _margin_rule(call)
    hits = facts.text_in_margin(required - MARGIN_TOLERANCE_PT, allow_running=running)
    out = []
    for side in SIDES:
        side_hits = [h for h in hits if h.side == side]
        if not side_hits:
            continue
        closest = min(side_hits, key=lambda h: h.distance)
        where = page_list([h.page for h in side_hits])
        if len(side_hits) > 1:
            where += f" (closest on page {closest.page})"
        out.append(finding(
            "margin", "error",
            f"{name}: text {inches(closest.distance)} from the {side} edge on {where}; "
            f"nothing may come closer than {length(written, required)}.",
            document=document, limit=length(written, required), actual=inches(closest.distance),
            source=fmt.source,
        ))
    return out


def _file_rules(call: CallSpec, facts: PdfFacts, name: str, document: str) -> list[Finding]:
    """Rules every funder's portal shares: readable, searchable, unprotected, flat, plain."""
    source = call.files.source
    out = []
    if not facts.has_text:
        out.append(finding(
            "searchable", "error",
            f"{name} has no text on any page: it looks scanned. Export it from the original "
            "file or run text recognition (OCR).",
            document=document, limit="text-searchable", actual="no text", source=source,
        ))
    elif facts.pages_without_text:
        missing = facts.pages_without_text
        out.append(finding(
            "searchable", "info",
            f"{name}: {page_list(missing)} {'has' if len(missing) == 1 else 'have'} no text "
            "(a scan or a full-page image?).",
            document=document, limit="text-searchable",
            actual=f"{page_list(missing)} without text", source=source,
        ))
    unembedded = facts.unembedded_fonts
    if unembedded:
        names = ", ".join(sorted({f.name for f in unembedded}))
        out.append(finding(
            "fonts-embedded", "error",
            f"{name} uses fonts that are not embedded ({names}): export it again with "
            "'embed all fonts' (or as PDF/A).",
            document=document, limit="all fonts embedded",
            actual=f"{plural(len(unembedded), 'font')} not embedded", source=source,
        ))
    if facts.encrypted:
        forbids = f"; it forbids {', '.join(facts.restrictions)}" if facts.restrictions else ""
        out.append(finding(
            "encryption", "error",
            f"{name} is encrypted{forbids}. Portals reject protected files: save a copy "
            "without security (or print it to a new PDF).",
            document=document, limit="no encryption or restrictions",
            actual="encrypted" + (" and restricted" if facts.restrictions else ""),
            source=source,
        ))
    if facts.form_fields or facts.xfa:
        actual = plural(facts.form_fields, "form field") if facts.form_fields else "an XFA form"
        out.append(finding(
            "form-fields", "error",
            f"{name} has {actual}: flatten the form (print it to a new PDF). "
            "Never flatten a certified SciENcv PDF: download it again instead.",
            document=document, limit="no form fields", actual=actual, source=source,
        ))
    if facts.portfolio:
        out.append(finding(
            "portfolio", "error",
            f"{name} is a PDF portfolio: portals accept only plain PDFs. "
            "Combine its files into one ordinary PDF.",
            document=document, limit="plain PDF", actual="PDF portfolio", source=source,
        ))
    return out
