"""The Typer application and the options every command shares.

Command modules register themselves on `app`; each imports heavy libraries
inside its command function so that `packet --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from packet.store.workspace import Workspace

app = typer.Typer(
    name="packet",
    help="Assemble grant and job application packets from one profile store.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state: dict[str, Path | None] = {"workspace": None}


@app.callback()
def _root(
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            envvar="PACKET_WORKSPACE",
            help="Workspace folder (default: the current directory).",
            show_default=False,
        ),
    ] = None,
) -> None:
    _state["workspace"] = workspace


def get_workspace() -> Workspace:
    """The workspace chosen by --workspace, PACKET_WORKSPACE or the current directory."""
    from packet.store.workspace import Workspace

    if _state["workspace"]:
        return Workspace.open(_state["workspace"])
    try:
        here = Path.cwd()
    except FileNotFoundError:  # the shell's folder was removed (or replaced) meanwhile
        from packet.errors import Problem, UserError

        raise UserError("the current folder no longer exists",
                        [Problem("it was removed after the shell entered it",
                                 hint="cd into the workspace again, or pass --workspace DIR."
                                 )]) from None
    return Workspace.open(here)
