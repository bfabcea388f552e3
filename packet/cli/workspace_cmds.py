"""`packet init`, `packet validate` and `packet schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console, print_user_error


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new workspace.")] = Path("."),
) -> None:
    """Create a workspace with a starter profile, one call and the folders.

    Existing files are never overwritten.

    Example: [bold]packet init my-applications[/]
    """
    from packet.store.starter import create_workspace

    created, kept = create_workspace(directory)
    out = console()
    for path in created:
        out.print(f"[green]created[/] {path}")
    for path in kept:
        out.print(f"[yellow]kept[/]    {path} (already there)")
    out.print(
        f"\nNext: edit {directory / 'profiles' / 'me' / 'profile.yaml'} (its items are "
        f"examples), run [bold]packet -w {directory} validate[/], then "
        f"[bold]packet -w {directory} wizard[/] to prepare an application."
    )


@app.command()
def validate() -> None:
    """Check every profile, call and application in the workspace; report every problem.

    Example: [bold]packet validate[/]
    """
    from packet.errors import UserError

    ws = get_workspace()
    out = console()
    failures = 0
    checked = 0

    def attempt(label: str, load: object) -> bool:
        nonlocal failures, checked
        checked += 1
        try:
            load()  # type: ignore[operator]
        except UserError as err:
            failures += 1
            print_user_error(err)
            return False
        out.print(f"[green]ok[/]  {label}")
        return True

    good_calls = set()
    for call_id in ws.call_ids():
        if ws.call_origin(call_id) == "workspace":
            if attempt(f"call {call_id}", lambda c=call_id: ws.call(c)):
                good_calls.add(call_id)
        else:
            # Built-in calls are tested when packet is released; load them quietly.
            try:
                ws.call(call_id)
                good_calls.add(call_id)
            except UserError as err:
                failures += 1
                print_user_error(err)
    for profile_id in ws.profile_ids():
        if not attempt(f"profile {profile_id}", lambda p=profile_id: ws.profile(p)):
            continue
        for call_id in ws.application_ids(profile_id):
            attempt(
                f"application {profile_id}/{call_id}",
                lambda p=profile_id, c=call_id: ws.application_with_data(p, c),
            )
    if not ws.profile_ids():
        out.print(
            "[yellow]no profiles yet[/]: create profiles/NAME/profile.yaml or run `packet init`."
        )
    if failures:
        verb = "has" if failures == 1 else "have"
        out.print(f"\n[red]{failures} of {checked} files {verb} problems.[/]")
        raise typer.Exit(1)
    out.print(f"\n[green]All {checked} files are valid[/] ({len(good_calls)} calls available).")


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", help="Folder for the JSON Schema files.")] = Path(
        "schema"
    ),
) -> None:
    """Write JSON Schemas of profiles, calls and applications for editor autocompletion.

    Example: [bold]packet schema --out schema[/]
    """
    from packet.store.schemas import write_schemas

    for path in write_schemas(out):
        console().print(f"[green]wrote[/] {path}")
