"""`packet rank`: a profile's items ranked against a call, with the reasons."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from packet.cli.app import app, get_workspace

if TYPE_CHECKING:
    from rich.table import Table

    from packet.model.call import SectionRule
    from packet.select import Ranked

TITLE_WIDTH = 60


def _shorten(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _row(entry: Ranked) -> dict[str, object]:
    from packet.select import item_title

    when = entry.item.when()
    return {
        "section": entry.section,
        "id": entry.item.id,
        "title": item_title(entry.item),
        "year": when.year if when else None,
        "score": entry.score,
        "reasons": entry.reasons,
        "selected": entry.selected,
        "allowed": entry.allowed,
        "blocked_by": entry.blocked_by,
    }


def _table(section: str, rows: list[dict[str, object]], rule: SectionRule | None) -> Table:
    from rich.markup import escape
    from rich.table import Table

    from packet.cli.call_view import describe_rule

    table = Table(
        title=f"[bold]{section}[/] [dim]({escape(describe_rule(rule))})[/]",
        title_justify="left",
        header_style="bold",
        show_lines=False,
    )
    table.add_column("#", justify="right")
    table.add_column("✓", justify="center")
    table.add_column("year")
    table.add_column("title", max_width=TITLE_WIDTH)
    table.add_column("score", justify="right")
    table.add_column("why")
    table.add_column("blocked", style="red")
    for place, row in enumerate(rows, start=1):
        reasons = row["reasons"]
        assert isinstance(reasons, list)
        table.add_row(
            str(place),
            "[green]✓[/]" if row["selected"] else "",
            str(row["year"] or ""),
            escape(_shorten(str(row["title"]))),
            f"{row['score']:.2f}",
            escape("; ".join(reasons)),
            escape(str(row["blocked_by"] or "")),
        )
    return table


@app.command("rank")
def rank(
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="Profile id (a folder in profiles/).")
    ],
    call: Annotated[str, typer.Option("--call", "-c", help="Call id (built-in or in calls/).")],
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            "-s",
            help="Only this section (repeatable), e.g. publications.",
            show_default=False,
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(help="Extra words describing what the call is about; they count double."),
    ] = None,
    document: Annotated[
        str | None,
        typer.Option(
            "--document",
            "-d",
            help="Apply this document's rules (default: the first "
            "document that restricts each section).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list instead of tables.")
    ] = False,
) -> None:
    """Rank a profile's items by relevance to a call, with the reasons and the call's rules.

    Items about the call's description and keywords come first; recent items,
    distinctions (an oral, a prize) and first authorship move an item up, and
    every reason is shown. ✓ marks the default selection: allowed by the call's
    rules and within its cap. The application's focus and pinned items are used
    when the profile has an application for the call; --focus replaces the focus.

    Example: [bold]packet rank -p favero -c ml-theory-fellowship -s publications
    --focus "diffusion models"[/]
    """
    from packet.model.profile import SECTIONS
    from packet.select import rank_items
    from packet.select.as_of import as_of_date

    unknown = [s for s in section or [] if s not in SECTIONS]
    if unknown:
        raise typer.BadParameter(
            f"no section '{unknown[0]}'; sections: {', '.join(SECTIONS)}", param_hint="--section"
        )
    ws = get_workspace()
    person = ws.profile(profile)
    spec = ws.call(call)
    application = ws.application(profile, call)
    if focus is None and application is not None:
        focus = application.focus
    ranked = rank_items(
        person,
        spec,
        focus=focus,
        as_of=as_of_date(spec, application),
        pinned=application.pinned if application else (),
        sections=section or None,
        document=document,
        vectors=ws.cache("vectors"),
    )

    if as_json:
        rows = [_row(entry) for entries in ranked.values() for entry in entries]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return

    from packet.cli.output import console
    from packet.select.rank import section_rules

    out = console()
    rules = section_rules(spec, document)
    if not ranked:
        out.print("The profile has no items to rank.")
    for name, entries in ranked.items():
        out.print(_table(name, [_row(e) for e in entries], rules.get(name)))
        out.print()
