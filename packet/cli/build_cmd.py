"""`packet build`: one profile, one call -> a packet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console

if TYPE_CHECKING:
    from packet.pipeline import BuildResult
    from packet.store.workspace import Workspace


def choose_profile(ws: Workspace, given: str | None) -> str:
    """The profile named, else the workspace's default, else the only one there is."""
    from packet.errors import Problem, UserError

    if given:
        return given
    if ws.settings.profile:
        return ws.settings.profile
    ids = ws.profile_ids()
    if len(ids) == 1:
        return ids[0]
    raise UserError(
        "which profile?",
        [
            Problem(
                "the workspace has " + (f"{len(ids)} profiles" if ids else "no profile"),
                hint="Pass --profile ID"
                + (f" (one of: {', '.join(ids)})" if ids else "")
                + ", or set profile in packet.toml.",
            )
        ],
    )


@app.command()
def build(
    call: Annotated[str, typer.Option("--call", "-c", help="Call id (see `packet list calls`).")],
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile id.")] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Application file to use instead of the saved one."),
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: pdf, docx.")
    ] = "pdf,docx",
    theme: Annotated[
        str | None, typer.Option("--theme", help="classic (serif) or modern (sans).")
    ] = None,
    style: Annotated[
        str | None, typer.Option("--style", help="CSL citation style, e.g. apa, ieee.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output folder.")] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when the packet breaks a rule.")
    ] = False,
) -> None:
    """Build every document of a call as PDF and DOCX, the combined packet and its report.

    Uses profiles/PROFILE/applications/CALL.yaml when it exists (what the wizard saved);
    otherwise the call's rules pick the items, newest first.

    Example: [bold]packet build --profile favero --call ml-theory-fellowship[/]
    """
    from packet.pipeline import BuildOptions, build_packet

    ws = get_workspace()
    profile_id = choose_profile(ws, profile)
    options = BuildOptions(
        formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
        theme=theme,
        style=style,
        answers=answers,
        out=out,
    )
    result = build_packet(ws, profile_id, call, options)
    print_summary(ws, result)
    if result.report.errors and (strict or ws.settings.strict):
        raise typer.Exit(1)


def print_summary(ws: Workspace, result: BuildResult) -> None:
    from rich.markup import escape
    from rich.table import Table

    from packet.cli.findings_view import print_findings

    report = result.report
    out = console()
    table = Table(
        title=escape(f"{report.call_name} — {report.profile}"),
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    for column, justify in (
        ("document", "left"),
        ("starts", "right"),
        ("pages", "right"),
        ("words", "right"),
        ("items", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for doc in report.documents:
        items = ", ".join(f"{n} {s}" for s, n in doc.items.items() if n)
        title = doc.title + (" (attachment)" if doc.attachment else "")
        title += " (certified, kept byte for byte)" if doc.certified else ""
        title += f" ({', '.join(f.path.split('/')[-1] for f in doc.files)})" if (
            doc.kind != "document") else ""
        form = doc.kind != "document"  # a file beside the packet, not pages of it
        table.add_row(
            escape(title),
            "—" if form else str(doc.first_page),
            "—" if form else str(doc.pages),
            f"{doc.words:,}" if not doc.attachment else "",
            escape(items),
        )
    out.print(table)
    if report.findings:
        print_findings(report.findings, out)
    errors, warnings = len(report.errors), len(report.warnings)
    verdict = (
        "[green]meets every rule checked[/]"
        if not errors and not warnings
        else f"[red]{errors} error(s)[/], [yellow]{warnings} warning(s)[/]"
    )
    out.print(f"{report.pages} pages, {verdict}")
    out.print(f"Packet: [bold]{escape(ws.show(result.packet))}[/]  "
              "(documents and report.md beside it)")
