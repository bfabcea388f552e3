"""`packet wizard`: the interactive way to prepare one application."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console


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

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("the wizard needs an interactive terminal", [Problem(
            "standard input or output is not a terminal",
            hint="To build from saved answers without questions, run "
                 "`packet build --profile PROFILE --call CALL`.")])
    from packet.cli.build_cmd import print_summary
    from packet.pipeline import build_packet
    from packet.wizard.flow import Stopped, run_wizard

    ws = get_workspace()
    out = console()
    try:
        outcome = run_wizard(ws, profile, call, out)
    except Stopped as stop:
        out.print(f"\n[yellow]Stopped.[/] Everything you answered is saved as a draft in "
                  f"[bold]{stop.path}[/]. Run the wizard again to continue from there.")
        raise typer.Exit(130) from None
    out.print(f"Answers saved in [bold]{outcome.answers_file}[/].")
    if not outcome.build:
        out.print(f"Build it later with [bold]packet build --profile {outcome.profile} "
                  f"--call {outcome.call}[/].")
        return
    with out.status("Building the packet…"):
        result = build_packet(ws, outcome.profile, outcome.call)
    print_summary(ws, result)
