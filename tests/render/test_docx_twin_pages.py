"""The DOCX of an example packet runs as many pages in LibreOffice as its PDF, in both
themes (the report counts them when `soffice` is installed; without it there is nothing
to lay the DOCX out with, and the test is skipped)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clirun import REPO, Cli, make_cli

from packet.render.docx_pages import soffice

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return make_cli(tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("twin") / "ws"
    for name in ("profiles", "calls", "templates"):
        shutil.copytree(REPO / name, root / name)
    return root


# The Cambridge CV ran 5 pages in the DOCX against 4 in the PDF; the ML-theory CV is
# capped at 3 pages and was 0.2 of a page longer in the DOCX.
@pytest.mark.parametrize(("call", "theme"), [
    ("cambridge-jrf", "classic"), ("cambridge-jrf", "modern"),
    ("ml-theory-fellowship", "classic"), ("ml-theory-fellowship", "modern"),
])
def test_each_docx_has_the_pages_of_its_pdf(ws: Path, cli: Cli, call: str, theme: str) -> None:
    out = ws / "output" / theme / call
    result = cli("--workspace", str(ws), "build", "-p", "favero", "-c", call,
                 "--theme", theme, "--out", str(out))
    assert result.code == 0, result.out + result.err
    report = json.loads((out / "report.json").read_text())
    documents = [d for d in report["documents"] if not d["attachment"]]
    assert documents
    pages = {d["id"]: (d["pages"], d["docx_pages"]) for d in documents}
    assert all(pdf == docx for pdf, docx in pages.values()), pages
    assert not [f for f in report["findings"] if f["rule"] == "docx-pages"]
