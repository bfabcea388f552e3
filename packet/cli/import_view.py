"""The import plan as a person reviews it: one table per section, then what was left out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from packet.sources.plan import ImportPlan

ROWS_PER_KIND = (
    30  # per section and kind of row; the rest are counted, so a 5,000-entry import stays readable
)


def _short(value: Any, width: int = 60) -> str:
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(item: dict[str, Any]) -> str:
    for name in (
        "title",
        "degree",
        "course",
        "student",
        "organization",
        "area",
        "name",
        "category",
    ):
        if item.get(name):
            return _short(item[name], 50)
    return ""


def plan_rows(plan: ImportPlan, section: str) -> list[tuple[str, str, str]]:
    """(what, item, details) rows of one section, in the order: added, merged, conflict, ..."""
    rows: list[tuple[str, str, str]] = []
    rows += [("added", a.id, _label(a.item)) for a in plan.added if a.section == section]
    rows += [
        ("merged", m.id, "filled " + ", ".join(m.filled))
        for m in plan.merged
        if m.section == section
    ]
    for c in plan.conflicts:
        if c.section == section:
            verdict = "took the new value" if c.replaced else "kept"
            rows.append(
                (
                    "conflict",
                    c.id,
                    f"{c.field}: {verdict} {_short(c.other if c.replaced else c.kept, 40)!r}; "
                    f"{c.origin} says {_short(c.other if not c.replaced else c.kept, 40)!r}",
                )
            )
    rows += [("skipped", s.origin, s.reason) for sec, s in plan.skipped if sec == section]
    rows += [
        ("uncertain", u.id or u.origin, "; ".join(u.notes))
        for u in plan.uncertain
        if u.section == section
    ]
    return rows


def _capped(rows: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]], dict[str, int]]:
    shown: list[tuple[str, str, str]] = []
    hidden: dict[str, int] = {}
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[0]] = counts.get(row[0], 0) + 1
        if counts[row[0]] <= ROWS_PER_KIND:
            shown.append(row)
        else:
            hidden[row[0]] = hidden.get(row[0], 0) + 1
    return shown, hidden


STYLES = {
    "added": "green",
    "merged": "cyan",
    "conflict": "yellow",
    "skipped": "red",
    "uncertain": "magenta",
}


def print_plan(plan: ImportPlan, out: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    for summary in plan.sources:
        note = " (imported before)" if summary.already_imported else ""
        out.print(
            f"{escape(summary.source)}: {summary.format}, {summary.candidates} items read{note}"
        )
    for section in plan.sections():
        rows = plan_rows(plan, section)
        unchanged = sum(1 for s, _ in plan.unchanged if s == section)
        if not rows:
            if unchanged:
                out.print(f"[bold]{section}[/]: {unchanged} already in the profile, unchanged")
            continue
        counts = {k: sum(1 for r in rows if r[0] == k) for k in STYLES}
        title = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        if unchanged:
            title += f", {unchanged} unchanged"
        table = Table(title=f"{section or 'not read'}: {title}", title_justify="left", expand=False)
        table.add_column("", no_wrap=True)
        table.add_column("item", overflow="fold")
        table.add_column("details", overflow="fold")
        shown, hidden = _capped(rows)
        for kind, item, details in shown:
            table.add_row(f"[{STYLES[kind]}]{kind}[/]", escape(item), escape(details))
        for kind, n in hidden.items():
            table.add_row(f"[{STYLES[kind]}]{kind}[/]", f"… {n} more", "")
        out.print(table)
    if plan.pending:
        origins = ", ".join(escape(str(p.get("origin"))) for p in plan.pending[:3])
        more = f" and {len(plan.pending) - 3} more" if len(plan.pending) > 3 else ""
        out.print(
            f"[magenta]kept for later[/] {len(plan.pending)} entries with no title or authors "
            f"({origins}{more}) complete no item yet: a later import that adds their "
            "publications completes them"
        )
    for source, headings in plan.unplaced.items():
        for heading, lines in headings.items():
            out.print(
                f"[magenta]kept as a note[/] {escape(source)}: section "
                f"{escape(heading)!r} ({len(lines)} lines) has no place in a profile"
            )
