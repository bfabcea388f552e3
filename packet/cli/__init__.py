"""Command-line interface: the only place that prints and sets exit codes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def registered_app() -> typer.Typer:
    """The Typer application with every command on it."""
    from packet.cli.app import app

    # Registration: each module adds its commands to `app` when imported.
    from packet.cli import (  # noqa: F401  isort: skip
        workspace_cmds,
        show_cmds,
        build_cmd,
        batch_cmd,
        wizard_cmd,
        rank_cmd,
        check_cmd,
        watch_cmd,
        calls_outdated_cmd,
        coa_cmd,
        import_cmd,
    )

    return app


def main() -> None:
    from packet.cli import help_replay

    args = sys.argv[1:]
    if help_replay.is_help_request(args):
        # Help alone: replayed from the cache when nothing it is made from has changed.
        code = help_replay.replay(args)
        if code is not None:
            sys.exit(code)
        help_replay.record(args, registered_app())
        return
    from packet.errors import UserError

    app = registered_app()
    _exit_cleanly_on_sigterm()
    try:
        app()
    except UserError as err:
        from packet.cli.output import print_user_error

        print_user_error(err)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        sys.exit(130)


def _exit_cleanly_on_sigterm() -> None:
    """SIGTERM (a `kill`, a closing terminal's session) unwinds like Ctrl-C would, so a build's
    staging folder is removed and its lock released; SIGKILL leaves them to the next build."""
    import signal
    import threading

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
