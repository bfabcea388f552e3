"""Findings on the terminal (a rich table) and as JSON; shared by check, build, batch, wizard."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from packet.model.report import Finding

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def print_findings(findings: list[Finding], console: Console) -> None:
    """One row per finding, errors first; prints nothing for no findings."""
    from rich.markup import escape
    from rich.table import Table

    if not findings:
        return
    ordered = sorted(findings, key=lambda f: _ORDER.get(f.severity, 3))
    if console.width < 120:
        # A six-column table folds every message into a thin column on a narrow
        # terminal; one finding per paragraph stays readable.
        for f in ordered:
            style = SEVERITY_STYLES.get(f.severity, "")
            where = f" {escape(f.document)}" if f.document else ""
            figures = (
                f" — {escape(f.actual)} (limit {escape(f.limit)})" if f.actual and f.limit else ""
            )
            unconfirmed = " [dim](unconfirmed rule)[/]" if f.unconfirmed else ""
            console.print(
                f"[{style}]{f.severity}[/]{where} [bold]{f.rule}[/]{figures}{unconfirmed}"
            )
            console.print(f"  {escape(f.message)}", style="dim" if f.severity == "info" else None)
        return
    table = Table(header_style="bold", show_lines=False, expand=False)
    table.add_column("severity", no_wrap=True)
    table.add_column("document", overflow="fold")
    table.add_column("rule", no_wrap=True)
    table.add_column("limit", overflow="fold")
    table.add_column("actual", overflow="fold")
    table.add_column("message", ratio=1, overflow="fold")
    for f in ordered:
        style = SEVERITY_STYLES.get(f.severity, "")
        rule = f.rule + (" [dim](unconfirmed)[/]" if f.unconfirmed else "")
        table.add_row(
            f"[{style}]{f.severity}[/]",
            escape(f.document or ""),
            rule,
            escape(f.limit or ""),
            f"[{style}]{escape(f.actual or '')}[/]",
            escape(f.message),
        )
    console.print(table)


def findings_json(findings: list[Finding]) -> str:
    """A JSON list of objects: rule, severity, document, limit, actual, message, unconfirmed."""
    return json.dumps([f.model_dump() for f in findings], indent=2, ensure_ascii=False)


def summary(findings: list[Finding]) -> str:
    """'2 errors, 1 warning' in rich markup, or a green all-clear."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if not errors and not warnings:
        return "[green]meets every rule checked[/]"
    return (
        f"[red]{errors} error{'s' if errors != 1 else ''}[/], "
        f"[yellow]{warnings} warning{'s' if warnings != 1 else ''}[/]"
    )
