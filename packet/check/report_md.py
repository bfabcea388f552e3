"""report.md: the compliance report a person reads beside the packet."""

from __future__ import annotations

from packet.check.human import megabytes
from packet.model.report import Finding, OutputFile, Report

_SEVERITIES = (("error", "Errors"), ("warning", "Warnings"), ("info", "Notes"))
_UNCONFIRMED_MARK = "†"


def report_markdown(report: Report) -> str:
    lines = [f"# {report.call_name}: compliance report", ""]
    lines += [
        f"- Applicant profile: `{report.profile}`",
        f"- Call: {report.call_name} (`{report.call}`)"
        + (f", rules as read on {report.rules_read}" if report.rules_read else ""),
        f"- Built: {report.build_date} with packet {report.tool_version}",
    ]
    if report.packet is not None:
        lines.append(
            f"- Packet: `{report.packet.path}`, {_pages(report.pages)}, {_size(report.packet)}"
        )
    lines += ["", _verdict(report.findings), ""]
    if report.documents:
        lines += _documents(report)
    for severity, title in _SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if group:
            lines += _findings(title, group)
    if any(f.unconfirmed for f in report.findings):
        lines += [
            f"{_UNCONFIRMED_MARK} The rule comes from a source not confirmed with the funder: "
            "check the call's own pages before submitting.",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _verdict(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if not errors and not warnings:
        return "**The packet meets every rule checked.**"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    tail = " Funders hide pages past a limit and may reject the rest." if errors else ""
    return f"**{' and '.join(parts)}.**{tail}"


def _documents(report: Report) -> list[str]:
    lines = [
        "## Documents",
        "",
        "| Document | Starts on page | Pages | Words | Characters | Items shown |",
        "|---|--:|--:|--:|--:|---|",
    ]
    for doc in report.documents:
        items = ", ".join(f"{n} {section}" for section, n in doc.items.items() if n)
        title = doc.title + (" (attached as given)" if doc.attachment else "")
        title += " (certified: kept byte for byte)" if doc.certified else ""
        words = "" if doc.attachment else f"{doc.words:,}"
        chars = "" if doc.attachment else f"{doc.characters:,}"
        # Paste sheets and the COA spreadsheet are files beside the packet, not its pages.
        pages = ("—", "—") if doc.kind != "document" else (str(doc.first_page), str(doc.pages))
        cells = [_cell(title), *pages, words, chars, _cell(items)]
        lines.append("| " + " | ".join(cells) + " |")
    files = [f for doc in report.documents for f in doc.files]
    if files:
        lines += ["", "Files:", ""]
        lines += [f"- `{f.path}` ({_size(f)}, sha256 `{f.sha256[:12]}…`)" for f in files]
    return [*lines, ""]


def _findings(title: str, findings: list[Finding]) -> list[str]:
    lines = [
        f"## {title} ({len(findings)})",
        "",
        "| Document | Rule | Allowed | Actual | What to do |",
        "|---|---|---|---|---|",
    ]
    for f in findings:
        rule = f.rule + (f" {_UNCONFIRMED_MARK}" if f.unconfirmed else "")
        lines.append(
            f"| {_cell(f.document or '')} | {_cell(rule)} | {_cell(f.limit or '')} "
            f"| {_cell(f.actual or '')} | {_cell(f.message)} |"
        )
    return [*lines, ""]


def _cell(text: str) -> str:
    """Table cells hold one line and no bare pipes."""
    return " ".join(text.split()).replace("|", "\\|")


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def _size(file: OutputFile) -> str:
    return megabytes(file.bytes)
