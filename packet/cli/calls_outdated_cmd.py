"""`packet calls outdated`: every call whose rules may be stale, and why."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from packet.cli.app import get_workspace
from packet.cli.output import console
from packet.cli.show_cmds import calls_app


@calls_app.command("outdated")
def calls_outdated(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Judge as of this date (default: today)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any call is outdated.")
    ] = False,
) -> None:
    """List the calls whose rules were read for a round that has passed, or need re-reading.

    Example: [bold]packet calls outdated --as-of 2027-05-01[/]
    """
    from rich.table import Table

    from packet.check.cycle import stale_reasons
    from packet.cli.call_rules_view import cycle_line
    from packet.cli.dates_opt import parse_date_option

    today = parse_date_option(as_of, "--as-of")
    ws = get_workspace()
    rows: list[dict[str, object]] = []
    found: list[tuple[str, list[str]]] = []
    for call_id in ws.call_ids():
        call = ws.call(call_id)
        reasons = stale_reasons(call, today)
        if reasons:
            found.append((call_id, reasons))
            rows.append({"id": call_id, "rules_read": str(call.rules_read),
                         "cycle": cycle_line(call.cycle) if call.cycle else None,
                         "reasons": reasons})
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        console().print(f"Every call's rules are current as of {today}.")
    else:
        table = Table(title=f"Calls to check as of {today}", title_justify="left",
                      title_style="bold", header_style="bold")
        for column in ("id", "rules read", "cycle", "why"):
            table.add_column(column, overflow="fold")
        for row, (_, reasons) in zip(rows, found, strict=True):
            table.add_row(str(row["id"]), str(row["rules_read"]), str(row["cycle"] or "—"),
                          "\n".join(reasons))
        console().print(table)
    if strict and rows:
        raise typer.Exit(1)
