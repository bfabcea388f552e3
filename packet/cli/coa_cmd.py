"""`packet coa`: NSF's Collaborators and Other Affiliations spreadsheet from a profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console


@app.command("coa")
def coa(
    profile_id: Annotated[str, typer.Option("--profile", "-p", metavar="P", help="Profile id.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE",
                     help="Submission date the 48 months count back from (default: today)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE.xlsx",
                     help="Where to write (default: output/coa/<profile>.xlsx)."),
    ] = None,
) -> None:
    """Write NSF's COA spreadsheet: co-authors of the last 48 months, advisors, advisees.

    Lists what the profile could not fill (most co-authors' affiliations, relationships,
    co-editors) so that it can be completed by hand.

    Example: [bold]packet coa --profile favero --as-of 2027-01-15 --out coa.xlsx[/]
    """
    from packet.cli.dates_opt import parse_date_option
    from packet.errors import Problem, UserError
    from packet.forms.coa import coa_rows
    from packet.forms.coa_sheet import write_workbook
    from packet.store.yaml_io import write_atomic

    date = parse_date_option(as_of, "--as-of")
    ws = get_workspace()
    profile = ws.profile(profile_id)
    # The default lies in the workspace's output folder, which must not lead elsewhere.
    target = out or ws.contain(ws.output_dir / "coa", "output folder") / f"{profile_id}.xlsx"
    if target.suffix.lower() != ".xlsx":
        raise UserError(f"--out {target} is not an .xlsx file",
                        [Problem("NSF takes the COA only as .xlsx",
                                 hint="Give a file name ending in .xlsx.")])
    rows, unfilled = coa_rows(profile, date)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, write_workbook(rows, date.as_date()))
    counts = {n: sum(1 for r in rows if r.table == n) for n in (1, 3, 4)}
    console().print(f"COA as of {date}: {counts[4]} co-authors (Table 4), {counts[3]} advisors "
                    f"and advisees (Table 3) -> {target}")
    if unfilled:
        console().print(f"[bold]To fill by hand ({len(unfilled)}):[/]")
        for line in unfilled:
            console().print(f"  {line}", soft_wrap=True)
