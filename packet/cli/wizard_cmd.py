"""`packet wizard`: the interactive way to prepare one application."""

from __future__ import annotations

import sys
from typing import Annotated, TextIO

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console


def _terminal(stream: TextIO | None) -> bool:
    """A stream that is open and a terminal (standard input may be closed, or None)."""
    try:
        return stream is not None and not stream.closed and stream.isatty()
    except (ValueError, OSError):
        return False


@app.command()
def wizard(
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile id.")] = None,
    call: Annotated[str | None, typer.Option("--call", "-c", help="Call id.")] = None,
) -> None:
    """Prepare an application step by step: the items that fit the call, your answers, the packet.

    Everything is saved to profiles/PROFILE/applications/CALL.yaml as you go; Ctrl-C keeps a
    draft, and running the wizard again starts from it.

    Example: [bold]packet wizard --profile favero --call erc-stg[/]
    """
    from packet.errors import Problem, UserError

    if not (_terminal(sys.stdin) and _terminal(sys.stdout)):
        which = "standard input" if not _terminal(sys.stdin) else "standard output"
        raise UserError(
            "the wizard asks questions, so it needs an interactive terminal",
            [
                Problem(
                    f"{which} is not a terminal",
                    hint="Run it in a terminal; to build from saved answers without questions, run "
                    f"`packet build --profile {profile or 'PROFILE'} --call {call or 'CALL'}`.",
                )
            ],
        )
    # Only what the questions need loads now; the build's libraries load after them.
    from packet.wizard.flow import Stopped, run_wizard

    ws = get_workspace()
    try:
        outcome = run_wizard(ws, profile, call, console)
    except Stopped as stop:
        out = console()
        if not stop.saved:
            out.print("\n[yellow]Stopped[/] before anything was answered: nothing was saved.")
        elif stop.complete:
            out.print(f"\n[yellow]Stopped.[/] Your answers are saved in [bold]{stop.path}[/].")
        else:
            also = f", and {stop.unfinished}," if stop.unfinished else ""
            out.print(
                f"\n[yellow]Stopped.[/] Everything you answered so far{also} is saved "
                f"as a draft in [bold]{stop.path}[/]. Run the wizard again to continue "
                "from there."
            )
        raise typer.Exit(130) from None
    out = console()
    build = f"packet build --profile {outcome.profile} --call {outcome.call}"
    if not outcome.build:
        out.print(
            f"Answers saved in [bold]{outcome.answers_file}[/]. "
            f"Build the packet with [bold]{build}[/]."
        )
        return
    from packet.cli.build_cmd import print_summary
    from packet.pipeline import build_packet

    with out.status("Building the packet…"):
        result = build_packet(ws, outcome.profile, outcome.call)
    print_summary(ws, result)
