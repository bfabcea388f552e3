"""`packet list`, `packet show` and `packet calls show`: reading the workspace."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console


class What(StrEnum):
    profiles = "profiles"
    calls = "calls"


@app.command("list")
def list_(
    what: Annotated[What, typer.Argument(help="profiles or calls")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the workspace's profiles, or the calls (built-in and the workspace's own).

    Example: [bold]packet list calls[/]
    """
    from packet.errors import UserError

    ws = get_workspace()
    rows: list[dict[str, object]] = []
    # One broken file must not hide the others: each is listed or named, and the
    # command fails at the end if any could not be read.
    broken: list[UserError] = []
    if what is What.profiles:
        for profile_id in ws.profile_ids():
            try:
                profile = ws.profile(profile_id)
            except UserError as err:
                broken.append(err)
                continue
            rows.append(
                {
                    "id": profile_id,
                    "name": profile.person.name,
                    "publications": len(profile.publications),
                    "applications": ws.application_ids(profile_id),
                }
            )
    else:
        for call_id in ws.call_ids():
            try:
                call = ws.call(call_id)
            except UserError as err:
                broken.append(err)
                continue
            rows.append(
                {
                    "id": call_id,
                    "name": call.name,
                    "funder": call.funder,
                    "kind": call.kind,
                    "rules_read": str(call.rules_read),
                    "deadline": str(call.deadline) if call.deadline else None,
                    "documents": [d.id for d in call.documents],
                    "origin": ws.call_origin(call_id),
                }
            )
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        _print_table(what, rows)
    if broken:
        from packet.cli.output import print_user_error

        for problem in broken:
            print_user_error(problem)
        raise typer.Exit(1)


def _print_table(what: What, rows: list[dict[str, object]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    if what is What.profiles:
        for column in ("id", "name", "publications", "applications"):
            table.add_column(column)
        for row in rows:
            apps = row["applications"]
            table.add_row(*map(escape, (
                str(row["id"]),
                str(row["name"]),
                str(row["publications"]),
                ", ".join(apps) if isinstance(apps, list) else "",
            )))
    else:
        for column in ("id", "name", "funder", "rules read", "documents", "origin"):
            table.add_column(column)
        for row in rows:
            docs = row["documents"]
            table.add_row(*map(escape, (
                str(row["id"]),
                str(row["name"]),
                str(row["funder"]),
                str(row["rules_read"]),
                str(len(docs)) if isinstance(docs, list) else "",
                str(row["origin"]),
            )))
    console().print(table)


@app.command()
def show(
    profile: Annotated[str, typer.Argument(help="Profile id (a folder under profiles/).")],
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="Only this section, e.g. publications.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the validated profile as JSON.")
    ] = False,
) -> None:
    """Show a profile: every section as a table, or as JSON.

    Example: [bold]packet show favero --section publications[/]
    """
    from packet.cli.profile_view import profile_tables
    from packet.errors import Problem, UserError
    from packet.model.profile import SECTIONS

    ws = get_workspace()
    data = ws.profile(profile)
    if section is not None and section not in (*SECTIONS, "person"):
        raise UserError(
            f"unknown section '{section}'",
            [Problem("not a profile section", hint=f"Sections: person, {', '.join(SECTIONS)}.")],
        )
    if as_json:
        dumped = data.model_dump(mode="json", exclude_none=True)
        payload = dumped if section is None else dumped.get(section, [])
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for renderable in profile_tables(data, section):
        console().print(renderable)


calls_app = typer.Typer(
    help="Inspect calls: their documents, limits, prompts and rules.", no_args_is_help=True
)
app.add_typer(calls_app, name="calls")


@calls_app.command("show")
def calls_show(
    call_id: Annotated[str, typer.Argument(metavar="ID", help="Call id, e.g. erc-stg.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the resolved spec as JSON.")
    ] = False,
) -> None:
    """Show a call's documents, limits, prompts, format and file rules.

    Example: [bold]packet calls show erc-stg[/]
    """
    from packet.cli.call_view import call_renderables

    ws = get_workspace()
    call = ws.call(call_id)
    if as_json:
        typer.echo(
            json.dumps(
                call.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False
            )
        )
        return
    for renderable in call_renderables(call, ws.call_origin(call_id), ws.today()):
        console().print(renderable)


@calls_app.command("list")
def calls_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the calls (same as `packet list calls`)."""
    list_(What.calls, as_json)
