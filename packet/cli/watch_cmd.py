"""`packet watch`: rebuild a packet whenever one of its inputs is saved."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.build_cmd import choose_profile
from packet.cli.output import console, print_user_error

if TYPE_CHECKING:
    from packet.model.report import Report
    from packet.watch import DocxPagesCounted


@app.command()
def watch(
    call: Annotated[str, typer.Option("--call", "-c", help="Call id (see `packet list calls`).")],
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile id.")] = None,
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: pdf, docx.")
    ] = "pdf,docx",
    theme: Annotated[
        str | None, typer.Option("--theme", help="classic (serif) or modern (sans).")
    ] = None,
    style: Annotated[
        str | None, typer.Option("--style", help="CSL citation style, e.g. apa, ieee.")
    ] = None,
) -> None:
    """Build a packet, then rebuild it each time you save its profile, application,
    statements, templates or call; Ctrl-C stops.

    A save that breaks the build (a YAML mistake, say) is reported and the last good
    packet stays in place until the next good save. With LibreOffice installed, the
    DOCX pages are counted after the packet and its report are out, and the report is
    completed then.

    Example: [bold]packet watch --profile favero --call ml-theory-fellowship[/]
    """
    from packet.cli.findings_view import print_findings
    from packet.pipeline import DOCX_PAGES_PENDING, BuildOptions
    from packet.watch import DocxPagesCounted, rebuilds, watched_folders

    ws = get_workspace()
    profile_id = choose_profile(ws, profile)
    ws.call(call)  # an unknown call is said now, not after the first build
    options = BuildOptions(formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
                           theme=theme, style=style)
    out = console()
    shown = ", ".join(ws.show(p) for p in watched_folders(ws, profile_id))
    out.print(f"Watching {shown}. Ctrl-C stops.", highlight=False)
    try:
        for rebuild in rebuilds(ws.root, profile_id, call, options):
            stamp = time.strftime("%H:%M:%S")
            if isinstance(rebuild, DocxPagesCounted):
                _print_docx_pages(rebuild, stamp)
                continue
            after = f" after {', '.join(rebuild.changed)}" if rebuild.changed else ""
            if rebuild.error is not None:
                out.print(f"{stamp} [red]build failed[/]{after}; the last good packet "
                          "is unchanged:", highlight=False)
                print_user_error(rebuild.error)
                continue
            assert rebuild.result is not None
            report = rebuild.result.report
            pending = rebuild.result.docx_pending is not None
            out.print(f"{stamp} built in {rebuild.seconds:.2f} s{after}: {report.pages} pages, "
                      f"{_verdict(report, pending)} → {ws.show(rebuild.result.packet)}",
                      highlight=False)
            listed = [f for f in report.findings if not (pending and f == DOCX_PAGES_PENDING)]
            if listed:
                print_findings(listed, out)
    except KeyboardInterrupt:
        out.print("Stopped.")


def _verdict(report: Report, pending: bool) -> str:
    from packet.pipeline import DOCX_PAGES_PENDING

    errors, warnings = len(report.errors), len(report.warnings)
    others = [f for f in report.findings if f != DOCX_PAGES_PENDING]
    verdict = ("[green]meets every rule checked[/]" if not others else
               f"[red]{errors} error(s)[/], [yellow]{warnings} warning(s)[/]")
    return verdict + ("; DOCX pages being counted" if pending else "")


def _print_docx_pages(counted: DocxPagesCounted, stamp: str) -> None:
    from packet.cli.findings_view import print_findings

    out = console()
    found = ("no DOCX page problems" if not counted.added else
             f"{len(counted.added)} finding(s) on the DOCX pages")
    out.print(f"{stamp} DOCX pages counted {counted.seconds:.2f} s later: {found}; the report "
              f"now says {_verdict(counted.report, False)}", highlight=False)
    if counted.added:
        print_findings(counted.added, out)
