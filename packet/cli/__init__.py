"""Command-line interface: the only place that prints and sets exit codes."""

from __future__ import annotations

import sys

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


def main() -> None:
    from packet.errors import UserError

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
