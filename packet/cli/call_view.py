"""A call spec, readable in the terminal."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from packet.check.headings import label as heading_label
from packet.model.call import PAPERS, CallSpec, SectionRule
from packet.model.dates import PartialDate


def _mark(rule: object) -> str:
    """' (secondary source: Loughborough guide)': how sure a rule is and where it was read."""
    source, ref = getattr(rule, "source", "funder"), getattr(rule, "ref", None)
    status = {"funder": "", "secondary": "secondary source", "unconfirmed": "unconfirmed"}[source]
    said = ": ".join(t for t in (status, ref) if t)
    return f" ({said})" if said else ""


def describe_rule(rule: SectionRule | None) -> str:
    """'at most 10; since 2020; kinds journal, conference' (used by calls show and rank)."""
    if rule is None:
        return "no rule: every item is shown"
    return "; ".join(rule.limits()) or "no limits"


def call_renderables(
    call: CallSpec, origin: str, today: PartialDate | None = None
) -> Iterator[RenderableType]:
    head = Text()
    head.append(call.name, style="bold")
    head.append(f"  [{call.id}, {origin}]\n", style="dim")
    head.append(f"{call.funder} · {call.kind}")
    if call.deadline:
        head.append(f" · deadline {call.deadline}")
    head.append(f" · rules read {call.rules_read}\n")
    if call.url:
        head.append(call.url + "\n", style="blue")
    if call.description:
        head.append(call.description.strip() + "\n")
    yield head

    fmt = call.format
    margins = fmt.margins
    fonts = ", ".join(fmt.fonts) if fmt.fonts else "any"
    yield Text(
        f"Format{_mark(fmt)}: {PAPERS[fmt.paper].name}, body {fmt.font_size:g} pt "
        f"(at least {fmt.min_font_size:g} pt), fonts: {fonts}; margins {margins.top} / "
        f"{margins.right} / {margins.bottom} / {margins.left}"
        + (f", nothing within {fmt.min_margin} of the edge" if fmt.min_margin else "")
        + ("; page numbers" if fmt.page_numbers else "; no page numbers")
        + (f"; footer '{fmt.footer}'" if fmt.footer else "")
    )

    docs = Table(title="Documents", title_justify="left", title_style="bold", header_style="bold")
    for column in (
        "#",
        "id",
        "title",
        "template",
        "pages",
        "words",
        "chars",
        "items",
        "must contain",
    ):
        docs.add_column(column, overflow="fold")
    for index, doc in enumerate(call.documents, 1):
        title = doc.title + (" (optional)" if doc.optional else "") + _mark(doc)
        docs.add_row(
            str(index),
            escape(doc.id),
            escape(title),
            escape(doc.template or doc.kind),
            f"≤ {doc.max_pages}" if doc.max_pages else "—",
            f"≤ {doc.max_words:,}" if doc.max_words else "—",
            f"≤ {doc.max_chars:,}" if doc.max_chars else "—",
            escape("\n".join(f"{r.section}: {describe_rule(r)}" for r in doc.sections) or "—"),
            escape(", ".join(heading_label(h) for h in doc.required_headings) or "—"),
        )
    yield docs

    if call.prompts:
        prompts = Table(
            title="Prompts", title_justify="left", title_style="bold", header_style="bold"
        )
        for column in ("id", "question", "limit", "required"):
            prompts.add_column(column, overflow="fold")
        for p in call.prompts:
            limit = (
                " / ".join(
                    x
                    for x in (
                        f"≤ {p.max_words:,} words" if p.max_words else "",
                        f"≤ {p.max_chars:,} chars" if p.max_chars else "",
                    )
                    if x
                )
                or "—"
            )
            prompts.add_row(
                escape(p.id), escape(p.question + _mark(p)), limit,
                "yes" if p.required else "no"
            )
        yield prompts

    if call.attachments:
        atts = Table(
            title="Attachments (merged untouched)",
            title_justify="left",
            title_style="bold",
            header_style="bold",
        )
        for column in ("id", "title", "required", "pages"):
            atts.add_column(column, overflow="fold")
        for a in call.attachments:
            atts.add_row(
                escape(a.id),
                escape(a.title + (" — certified: kept byte for byte" if a.certified else "")
                       + _mark(a)),
                "yes" if a.required else "no",
                f"≤ {a.max_pages}" if a.max_pages else "—",
            )
        yield atts

    files = call.files
    rules = [
        f"≤ {files.max_size_mb:g} MB per file" if files.max_size_mb else "",
        f"file names ≤ {files.max_filename_length} characters" if files.max_filename_length else "",
        f"no {' '.join(files.forbidden_chars)} in file names" if files.forbidden_chars else "",
    ]
    if any(rules):
        yield Text("Files" + _mark(files) + ": " + "; ".join(r for r in rules if r))
    if call.eligibility:
        e = call.eligibility
        window = []
        if e.min_years_since_phd is not None:
            window.append(f"at least {e.min_years_since_phd:g}")
        if e.max_years_since_phd is not None:
            window.append(f"at most {e.max_years_since_phd:g}")
        text = (
            "Eligibility" + _mark(e) + ": " + " and ".join(window) + " years after the PhD"
        )
        yield Text(text + (f" ({e.note})" if e.note else ""))

    from packet.cli.call_rules_view import rules_renderables

    yield from rules_renderables(call, today or PartialDate.today())
