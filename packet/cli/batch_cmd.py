"""`packet batch`: rebuild many packets at once, in parallel, with a summary."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console

if TYPE_CHECKING:
    from packet.batch import JobResult

STATUS_STYLE = {"built": "green", "up to date": "dim", "failed": "red", "crashed": "bold red"}


@app.command()
def batch(
    profile: Annotated[
        list[str] | None, typer.Option("--profile", "-p", help="Only these profiles (repeatable).")
    ] = None,
    call: Annotated[
        list[str] | None,
        typer.Option("--call", "-c", help="These calls for every chosen profile (repeatable)."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parallel builds (default: cores).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even what is up to date.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any packet breaks a rule.")
    ] = False,
) -> None:
    """Build every saved application (or the given profiles for the given calls) in parallel.

    Packets whose inputs have not changed since their last build are skipped.
    A summary is written to output/batch-report.md and .json.

    Examples: [bold]packet batch[/]   ·
    [bold]packet batch --profile favero --call erc-stg --call nsf[/]
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from packet.batch import (
        batch_report_json,
        batch_report_markdown,
        default_workers,
        plan_jobs,
        run_batch,
    )
    from packet.pipeline import BuildOptions
    from packet.store.yaml_io import write_atomic

    ws = get_workspace()
    planned = plan_jobs(ws, profile or [], call or [])
    out = console()
    if not planned:
        out.print(
            "Nothing to build: no saved applications. Run `packet wizard`, or name calls "
            "with --call."
        )
        return
    workers = jobs or ws.settings.jobs or default_workers()
    options = BuildOptions(formats=tuple(ws.settings.formats))
    results: list[JobResult] = []
    started = time.perf_counter()
    interrupted = False
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=out,
        transient=True,
    ) as progress:
        task = progress.add_task("Building packets", total=len(planned))

        def advance(result: JobResult) -> None:
            progress.update(task, advance=1, description=f"{result.profile} / {result.call}")

        try:
            for result in run_batch(
                ws, planned, options, workers=workers, force=force, on_result=advance
            ):
                results.append(result)
        except KeyboardInterrupt:
            interrupted = True
    seconds = time.perf_counter() - started
    results.sort(key=lambda r: (r.profile, r.call))
    ws.output_dir.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(ws.output_dir / "batch-report.json", batch_report_json(results))
        write_atomic(ws.output_dir / "batch-report.md", batch_report_markdown(results, seconds))
    except OSError as err:
        from packet.paths import disk_error

        raise disk_error(err, ws.output_dir) from None
    print_table(results)
    failed = sum(1 for r in results if r.status in ("failed", "crashed"))
    broke = sum(1 for r in results if r.errors)
    out.print(
        f"{len(results)} of {len(planned)} packets in {seconds:.1f} s with {workers} "
        f"worker(s); report: {ws.show(ws.output_dir / 'batch-report.md')}"
    )
    if interrupted:
        out.print(
            f"[yellow]Stopped.[/] {len(planned) - len(results)} packet(s) not built; "
            "finished packets are kept, nothing half-written remains."
        )
        raise typer.Exit(130)
    if failed or (broke and (strict or ws.settings.strict)):
        raise typer.Exit(1)


def print_table(results: list[JobResult]) -> None:
    from rich.box import SIMPLE_HEAD
    from rich.markup import escape
    from rich.table import Table

    table = Table(header_style="bold", box=SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for column, justify in (
        ("profile", "left"),
        ("call", "left"),
        ("status", "left"),
        ("pages", "right"),
        ("errors", "right"),
        ("warnings", "right"),
        ("seconds", "right"),
    ):
        table.add_column(column, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for r in results:
        style = STATUS_STYLE.get(r.status, "")
        errors = f"[red]{r.errors}[/]" if r.errors else "0"
        table.add_row(
            r.profile,
            r.call,
            f"[{style}]{r.status}[/]",
            str(r.pages) if r.pages else "",
            errors,
            str(r.warnings),
            f"{r.seconds:.2f}" if r.seconds else "",
        )
    out = console()
    out.print(table)
    # Reasons below the table, each on lines of its own: in a column they were squeezed
    # into a few letters a line on an 80-column terminal.
    for r in results:
        if r.reason:
            out.print(f"[bold]{escape(r.profile)} / {escape(r.call)}[/]: {escape(r.reason)}",
                      highlight=False)
