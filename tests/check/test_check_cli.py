"""`packet check FILE --call C --doc D`, the findings table and the findings JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from check_samples import typst_pdf, words
from rich.console import Console

import packet.cli.check_cmd  # noqa: F401  registers `check` until packet.cli imports it
from packet.cli.findings_view import findings_json, print_findings
from packet.model.report import Finding

CALL = """\
id: test-call
name: Test Fellowship
funder: Test Foundation
kind: fellowship
rules_read: 2026-11
format:
  paper: a4
  font_size: 11
  min_font_size: 11
  min_margin: 2cm
files:
  max_filename_length: 30
documents:
  - id: statement
    title: Research statement
    template: statement
    max_pages: 2
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "calls").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "calls" / "test-call.yaml").write_text(CALL)
    (root / "templates" / "statement.md.j2").write_text("{{ statement }}\n")
    return root


def _pdf(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _check(run: Callable[..., Any], ws: Path, *args: str) -> Any:
    return run("--workspace", str(ws), "check", *args)


def test_compliant_pdf(run: Callable[..., Any], workspace: Path, tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "statement.pdf", typst_pdf(words(300)))
    args = (str(pdf), "--call", "test-call", "--doc", "statement", "--strict")
    result = _check(run, workspace, *args)
    assert result.code == 0, result.err
    assert "1 page" in result.out and "meets every rule checked" in result.out


def test_errors_exit_1_only_when_strict(
    run: Callable[..., Any], workspace: Path, tmp_path: Path
) -> None:
    pdf = _pdf(tmp_path, "statement.pdf", typst_pdf(words(1000), size="9pt", paper="us-letter"))
    args = (str(pdf), "--call", "test-call", "--doc", "statement")
    lenient = _check(run, workspace, *args)
    assert lenient.code == 0
    assert "max-pages" not in lenient.out  # 9 pt fits it on 2 pages
    assert "min-font-size" in lenient.out and "9.0 pt" in lenient.out
    assert "US Letter" in lenient.out and "error" in lenient.out
    assert _check(run, workspace, *args, "--strict").code == 1


def test_json_output(run: Callable[..., Any], workspace: Path, tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "a-rather-long-file-name-for-portals.pdf",
               typst_pdf(f"{words(600)}\n#pagebreak()\n{words(600)}"))
    result = _check(run, workspace, str(pdf), "--call", "test-call", "--doc", "statement", "--json")
    assert result.code == 0, result.err
    findings = json.loads(result.out)
    by_rule = {f["rule"]: f for f in findings}
    assert set(by_rule) == {"max-pages", "filename-length"}
    assert by_rule["max-pages"]["severity"] == "error"
    assert (by_rule["max-pages"]["limit"], by_rule["max-pages"]["actual"]) == ("2 pages", "4 pages")
    assert by_rule["filename-length"]["actual"] == "39 characters"


def test_without_doc_only_format_and_file_rules_apply(
    run: Callable[..., Any], workspace: Path, tmp_path: Path
) -> None:
    pdf = _pdf(tmp_path, "cv.pdf", typst_pdf(f"{words(600)}\n#pagebreak()\n{words(600)}"))
    result = _check(run, workspace, str(pdf), "--call", "test-call", "--json")
    assert json.loads(result.out) == []


def test_user_errors(run: Callable[..., Any], workspace: Path, tmp_path: Path) -> None:
    fake = tmp_path / "statement.pdf"
    fake.write_text("not a pdf at all")
    result = _check(run, workspace, str(fake), "--call", "test-call")
    assert result.code == 1 and "statement.pdf is not a PDF" in result.err
    real = _pdf(tmp_path, "real.pdf", typst_pdf("text"))
    result = _check(run, workspace, str(real), "--call", "test-call", "--doc", "cv")
    assert result.code == 1 and "has no document 'cv'" in result.err and "statement" in result.err


def test_help_has_an_example(run: Callable[..., Any]) -> None:
    result = run("check", "--help")
    assert result.code == 0
    assert "Example" in result.out and "--strict" in result.out and "--json" in result.out


def test_findings_table_and_json() -> None:
    findings = [
        Finding(rule="max-pages", severity="error", document="cv", limit="2 pages",
                actual="3 pages", message="cv.pdf has 3 pages [sic]"),
        Finding(rule="paper", severity="warning", document="cv", limit="A4", actual="US Letter",
                message="unconfirmed rule", unconfirmed=True),
    ]
    console = Console(record=True, width=160, color_system=None)
    print_findings(findings, console)
    text = console.export_text()
    assert "max-pages" in text and "3 pages" in text and "[sic]" in text
    assert "(unconfirmed)" in text
    assert text.index("error") < text.index("warning")
    data = json.loads(findings_json(findings))
    assert data[1] == {
        "rule": "paper", "severity": "warning", "document": "cv", "limit": "A4",
        "actual": "US Letter", "message": "unconfirmed rule", "unconfirmed": True,
    }
    quiet = Console(record=True)
    print_findings([], quiet)
    assert quiet.export_text() == ""
