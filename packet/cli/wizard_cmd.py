"""`packet wizard`: the interactive way to prepare one application (or, with --defaults
or --data and no terminal, the scripted one)."""

from __future__ import annotations

import sys
from pathlib import Path
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
    defaults: Annotated[bool, typer.Option(
        "--defaults", help="Ask nothing: take the saved answers, else every default.")] = False,
    data: Annotated[list[str] | None, typer.Option(
        "--data", "-d", metavar="KEY=VALUE",
        help="Answer a prompt (by its id), or focus, addressee, skip_documents, "
             "selections.SECTION, attachments.ID. Repeatable.")] = None,
    data_file: Annotated[list[Path] | None, typer.Option(
        "--data-file", metavar="FILE", help="Answers as a YAML or JSON mapping, as for --data.")
    ] = None,
) -> None:
    """Prepare an application step by step: the items that fit the call, your answers, the packet.

    The answers go to profiles/PROFILE/applications/CALL.yaml once every question is
    answered; Ctrl-C keeps the session in CALL.draft.yaml, offered on the next run. Shift-Tab
    goes back a step; the review menu changes any answer.

    Example: [bold]packet wizard --profile favero --call erc-stg[/]
    Without a terminal: [bold]packet wizard -p favero -c erc-stg --defaults --data summary=...[/]
    """
    from packet.errors import Problem, UserError

    answers: dict[str, str] = {}
    if data or data_file:
        from packet.wizard.scripted import read_data

        answers = read_data(data or [], data_file or [])
    interactive = _terminal(sys.stdin) and _terminal(sys.stdout)
    ws = get_workspace()
    from packet.wizard.upfront import check_ids

    check_ids(ws, profile, call)  # before anything is asked: "Did you mean humboldt?"
    if defaults or (answers and not interactive):
        from packet.wizard.scripted import run_scripted

        shown, written = run_scripted(ws, profile, call, answers)
        said = "Saved" if written else "Nothing changed in"
        console().print(f"{said} [bold]{shown}[/]. Build it with [bold]packet build "
                        f"--profile {profile or ws.settings.profile} --call {call}[/].",
                        soft_wrap=False)
        return
    if not interactive:
        which = "standard input" if not _terminal(sys.stdin) else "standard output"
        raise UserError(
            "the wizard asks questions, so it needs an interactive terminal",
            [Problem(f"{which} is not a terminal",
                     hint="Run it in a terminal; to answer without one, add --defaults (and "
                     "--data KEY=VALUE); to build from saved answers, run "
                     f"`packet build --profile {profile or 'PROFILE'} --call {call or 'CALL'}`.")],
        )
    # Only what the questions need loads now; the build's libraries load after them.
    from packet.wizard.flow import Stopped, run_wizard

    try:
        outcome = run_wizard(ws, profile, call, console, answers)
    except Stopped as stop:
        _stopped(stop)
        raise typer.Exit(130) from None
    out = console()
    build = f"packet build --profile {outcome.profile} --call {outcome.call}"
    state = "saved in" if outcome.written else "unchanged in"
    if not outcome.build:
        out.print(f"Answers {state} [bold]{outcome.answers_file}[/]. "
                  f"Build the packet with [bold]{build}[/].")
        return
    _build(ws, outcome.profile, outcome.call, outcome.answers_file, build)


def _stopped(stop: object) -> None:
    from packet.wizard.flow import Stopped

    assert isinstance(stop, Stopped)
    out = console()
    kept = f" {stop.application} is as it was." if stop.application else ""
    if not stop.saved:
        out.print(f"\n[yellow]Stopped.[/] Nothing new to keep.{kept}")
        return
    also = f", with {stop.unfinished}," if stop.unfinished else ""
    out.print(f"\n[yellow]Stopped.[/] This session's answers{also} are kept in "
              f"[bold]{stop.path}[/]; the next `packet wizard` offers to continue them.{kept}")


def _build(ws: object, profile: str, call: str, answers_file: str, command: str) -> None:
    import shutil

    from rich.live import Live
    from rich.spinner import Spinner

    from packet.cli.build_cmd import print_summary
    from packet.pipeline import build_packet
    from packet.store.workspace import Workspace

    assert isinstance(ws, Workspace)
    out = console()
    output = ws.output_for(call, profile)
    existed = output.exists()
    try:
        # Live, not console.status(): it draws the spinner at once, not on its first tick,
        # so "Building the packet…" is on the screen from the moment Enter is pressed.
        with Live(Spinner("dots", "Building the packet…"), console=out, transient=True,
                  refresh_per_second=12.5):
            result = build_packet(ws, profile, call)
    except KeyboardInterrupt:
        if not existed and output.is_dir() and not any(p.is_file() for p in output.rglob("*")):
            shutil.rmtree(output, ignore_errors=True)
        out.print(f"\n[yellow]Build stopped.[/] Your answers are saved in [bold]{answers_file}"
                  f"[/]; build them with [bold]{command}[/].")
        raise typer.Exit(130) from None
    print_summary(ws, result)
