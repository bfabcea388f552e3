"""`packet import`: sources (BibTeX, RIS, CSL-JSON, RenderCV, JSON Resume, ...) into a profile."""

from __future__ import annotations

import os
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from packet.cli.app import app, get_workspace
from packet.cli.output import console, err_console

if TYPE_CHECKING:
    from pathlib import Path

    from packet.sources.detect import Loaded
    from packet.sources.plan import ImportPlan
    from packet.store.workspace import Workspace

_PROFILE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Prefer(StrEnum):
    existing = "existing"
    new = "new"


@app.command("import")
def import_(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, '-' for standard input, or identifiers (orcid:0000-..., "
            'arxiv:2506.07899, doi:10..., arxiv-author:"Last, First").',
            show_default=False,
        ),
    ] = None,
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="Profile to import into (created if new).")
    ] = "",
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Read every source in this format (docs/import.md)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would change; save nothing.")
    ] = False,
    prefer: Annotated[
        Prefer,
        typer.Option("--prefer", help="Whose value wins a conflict: the profile's or the new one."),
    ] = Prefer.existing,
    sections: Annotated[
        list[str] | None,
        typer.Option("--sections", "-s", help="Import only these sections (repeat or use commas)."),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="Put back the profile as it was before the last import.")
    ] = False,
) -> None:
    """Import publications, talks, awards, ... from files a researcher already has.

    Each item is matched against the profile (DOI or arXiv id, then title with year
    and a shared author): a match fills missing fields, a new item is added with an
    id in the profile's scheme, a disagreement is listed and the profile's value kept
    (unless [bold]--prefer new[/]). The previous file is kept as profile.yaml.bak.

    Example: [bold]packet import refs.bib cv.json --profile favero --dry-run[/]
    """
    from packet.errors import Problem, UserError
    from packet.store.imports import profile_path, undo_import

    if not profile or not _PROFILE_ID.match(profile):
        raise UserError(
            "which profile?" if not profile else f"'{profile}' is not a profile name",
            [
                Problem(
                    "--profile NAME is required", hint="A folder under profiles/: --profile favero."
                )
            ],
        )
    workspace = get_workspace()
    folder = workspace.profile_dir(profile)
    shown = workspace.show(profile_path(folder))
    _contain(workspace, folder)
    if undo:
        console().print(undo_import(folder, shown))
        return
    if not sources:
        hint = f"e.g. packet import refs.bib --profile {profile}"
        raise UserError("nothing to import", [Problem("give at least one SOURCE", hint=hint)])
    _run(sources, folder, shown, fmt, dry_run, prefer.value, _sections(sections))


def _contain(workspace: Workspace, folder: Path) -> None:
    """The profile folder and every file import reads or replaces in it lie in the workspace
    (a symbolic link to elsewhere is refused before anything is read or written)."""
    from packet.paths import require_file
    from packet.store.imports import BACKUP_SUFFIX, PROVENANCE

    if os.path.lexists(folder):
        workspace.contain(folder, "profile folder")
    for name in ("profile.yaml", PROVENANCE):
        for path in (folder / name, folder / (name + BACKUP_SUFFIX)):
            if os.path.lexists(path):
                workspace.contain(path)
                require_file(path, workspace.show(path))


def _sections(values: list[str] | None) -> set[str] | None:
    from packet.errors import Problem, UserError
    from packet.model.profile import SECTIONS

    if not values:
        return None
    chosen = {s.strip() for v in values for s in v.split(",") if s.strip()}
    unknown = sorted(chosen - set(SECTIONS))
    if unknown:
        raise UserError(
            f"unknown section {', '.join(unknown)}",
            [Problem("not a profile section", hint=f"Sections: {', '.join(SECTIONS)}.")],
        )
    return chosen


def _run(
    sources: list[str],
    folder: Path,
    shown: str,
    fmt: str | None,
    dry_run: bool,
    prefer: str,
    sections: set[str] | None,
) -> None:
    from rich.progress import Progress

    from packet.cli.import_view import print_plan
    from packet.sources.apply import plan_edits
    from packet.sources.detect import read_source
    from packet.sources.planner import plan_import
    from packet.store.imports import (
        earlier_imports,
        load_for_import,
        profile_path,
        record_provenance,
        render_import,
        save_import,
    )

    file = load_for_import(profile_path(folder), shown)
    digests, kept = earlier_imports(folder)
    reads: list[Loaded] = []
    with Progress(console=err_console(), transient=True) as bar:
        reading = bar.add_task("reading sources", total=len(sources))
        for spec in sources:
            bar.update(reading, description=f"reading {spec}")
            reads.extend(read_source(spec, fmt))
            bar.advance(reading)
        total = sum(len(read.candidates) for read, _ in reads)
        merging = bar.add_task("matching items", total=total)
        plan = plan_import(
            reads,
            file.profile,
            sections=sections,
            prefer=prefer,
            known_digests=digests,
            pending=kept,
            progress=lambda n: bar.advance(merging, n),
        )
    out = console()
    print_plan(plan, out)
    if not plan.changes_profile:
        if plan.pending != kept and not dry_run:
            record_provenance(folder, {"sources": _sources(plan), "pending": plan.pending})
        again = all(s.already_imported for s in plan.sources)
        why = "already imported" if again else "everything is already in the profile"
        out.print(f"nothing to change in {shown}: {why}")
        return
    changed, added, person = plan_edits(plan)
    names = ", ".join(s.source for s in plan.sources)
    header = (
        f"Profile store created by `packet import` from {names}.\n"
        "Ids are stable: applications refer to items by id."
    )
    text = render_import(file, changed, added, person, header)
    if dry_run:
        out.print(f"dry run: {shown} not changed (the result was checked: it is a valid profile)")
        return
    record = {
        "sources": _sources(plan),
        "items": plan.provenance,
        "unplaced": plan.unplaced,
        "pending": plan.pending,
    }
    save_import(folder, text, record)
    what = "created" if file.profile is None else "saved"
    out.print(
        f"{what} {shown}: {len(plan.added)} added, {len(plan.merged)} merged, "
        f"{len(plan.conflicts)} conflicts (undo: packet import --undo --profile {folder.name})"
    )


def _sources(plan: ImportPlan) -> list[dict[str, Any]]:
    return [
        {"source": s.source, "format": s.format, "sha256": s.digest, "candidates": s.candidates}
        for s in plan.sources
    ]
