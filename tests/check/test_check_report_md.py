"""report.md: the call, the rules' date, each document, findings by severity."""

from __future__ import annotations

from packet.check.report_md import report_markdown
from packet.model.report import DocumentReport, Finding, OutputFile, Report


def _report(findings: list[Finding]) -> Report:
    return Report(
        profile="favero",
        call="erc-stg",
        call_name="ERC Starting Grant",
        rules_read="2026-11",
        build_date="2026-11-20",
        tool_version="0.1.0",
        packet=OutputFile(path="packet.pdf", bytes=2_400_000, sha256="ab" * 32),
        pages=12,
        documents=[
            DocumentReport(
                id="synopsis", title="B1 Part I | Synopsis", pages=6, first_page=2, words=3120,
                characters=20544, items={"publications": 10, "talks": 0},
                files=[OutputFile(path="documents/synopsis.pdf", bytes=81_000, sha256="cd" * 32)],
            ),
            DocumentReport(
                id="letter", title="Host letter", pages=1, first_page=8, words=0, characters=0,
                attachment=True,
            ),
        ],
        findings=findings,
    )


def test_report_with_findings() -> None:
    findings = [
        Finding(rule="max-pages", severity="error", document="synopsis", limit="5 pages",
                actual="6 pages", message="synopsis.pdf has 6 pages where 5 are allowed."),
        Finding(rule="min-font-size", severity="warning", document="synopsis", limit="11.0 pt",
                actual="9.0 pt", message="Small caption text (not confirmed).", unconfirmed=True),
        Finding(rule="searchable", severity="info", document="letter", limit="text-searchable",
                actual="page 1 without text", message="letter.pdf: page 1 has no text."),
    ]
    text = report_markdown(_report(findings))
    assert text.startswith("# ERC Starting Grant: compliance report\n")
    assert "rules as read on 2026-11" in text
    assert "`packet.pdf`, 12 pages, 2.4 MB" in text
    assert "**1 error and 1 warning.**" in text
    assert "| B1 Part I \\| Synopsis | 2 | 6 | 3,120 | 20,544 | 10 publications |" in text
    assert "| Host letter (attached as given) | 8 | 1 |  |  |  |" in text
    assert "`documents/synopsis.pdf` (81 kB" in text
    errors = text.index("## Errors (1)")
    warnings = text.index("## Warnings (1)")
    notes = text.index("## Notes (1)")
    assert errors < warnings < notes
    assert "| synopsis | max-pages | 5 pages | 6 pages |" in text
    assert "| min-font-size † | 11.0 pt | 9.0 pt |" in text
    assert "† The rule comes from a source not confirmed" in text


def test_report_without_findings() -> None:
    text = report_markdown(_report([]))
    assert "**The packet meets every rule checked.**" in text
    assert "## Errors" not in text and "†" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")
