"""`packet check`: any PDF against one document's rules of a call."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console

if TYPE_CHECKING:
    from packet.check.pdf_facts import PdfFacts
    from packet.model.call import CallSpec, DocumentSpec


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="The PDF to check.", dir_okay=False)],
    call: Annotated[str, typer.Option("--call", "-c", help="Call id (see `packet list calls`).")],
    doc: Annotated[
        str | None,
        typer.Option(
            "--doc",
            "-d",
            help="Document of the call whose rules apply, e.g. b1-cv "
            "(default: only the call's format and file rules).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any rule is broken (any error).")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the findings as a JSON list instead of a table.")
    ] = False,
) -> None:
    """Check a PDF, made by packet or by any other tool, against a call's rules.

    Pages, paper size, smallest body text, text in the margins, embedded fonts,
    encryption, form fields and portfolios, plus the call's file rules (size,
    file name). Each finding shows the real figure beside the allowed one.

    Example: [bold]packet check synopsis.pdf --call erc-stg --doc b1-synopsis --strict[/]
    """
    from packet.check.active_content import active_content_of
    from packet.check.pdf_facts import inspect_pdf
    from packet.check.rules import check_files, check_pdf
    from packet.cli.findings_view import findings_json, print_findings, summary

    spec = get_workspace().call(call)
    doc_spec = _document(spec, doc)
    facts = inspect_pdf(file)
    findings = check_pdf(spec, doc_spec, facts, file.name) + check_files(spec, [file])
    findings += active_content_of(file.read_bytes(), file.name)
    if as_json:
        typer.echo(findings_json(findings))
    else:
        out = console()
        out.print(_describe(facts, spec, doc_spec))
        print_findings(findings, out)
        out.print(f"{file.name}: {summary(findings)}")
    if strict and any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


def _document(spec: CallSpec, doc_id: str | None) -> DocumentSpec | None:
    from packet.errors import Problem, UserError

    if doc_id is None:
        return None
    try:
        return spec.document(doc_id)
    except KeyError:
        known = ", ".join(d.id for d in spec.documents)
        raise UserError(
            f"call '{spec.id}' has no document '{doc_id}'",
            [Problem("unknown document", hint=f"Pass --doc with one of: {known}.")],
        ) from None


def _describe(facts: PdfFacts, spec: CallSpec, doc: DocumentSpec | None) -> str:
    """One line of what was measured, so the figures in the table have context."""
    from rich.markup import escape

    from packet.check.human import describe_paper, megabytes, plural, points

    first = facts.page_facts[0]
    body = facts.body_size
    against = f"{spec.name}, {doc.title}" if doc else f"{spec.name} (format and file rules)"
    parts = [
        plural(facts.pages, "page"),
        describe_paper(first.width, first.height),
        f"body text {points(body)}" if body else "no text",
        plural(len(facts.fonts), "font"),
        megabytes(facts.file_size),
    ]
    return f"[bold]{escape(facts.name)}[/]: {escape(', '.join(parts))} — against {escape(against)}"
