"""Terminal output shared by the commands."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from packet.errors import UserError


@cache
def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, emoji=False)  # `:x:` in a title stays `:x:`


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)


def print_user_error(err: UserError) -> None:
    from rich.markup import escape

    out = err_console()
    # soft_wrap: a message is copied into editors and searches; never break it mid-line.
    out.print(f"[bold red]error:[/] {escape(err.summary)}", soft_wrap=True)
    for problem in err.problems:
        out.print(f"  {escape(str(problem))}", soft_wrap=True)
