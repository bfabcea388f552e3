"""The text of every example packet, page by page, against its golden file: what a
committee reads, including the CV heading that the workspace's templates/ overrides.
(`pytest --update-goldens` rewrites them; read the diff before committing.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from goldens import check_golden

from packet.pipeline import build_packet
from packet.store.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.stem for p in (REPO / "profiles" / "favero" / "applications").glob("*.yaml"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("golden-ws")
    for name in ("profiles", "calls", "templates"):
        shutil.copytree(REPO / name, root / name)
    return Workspace.open(root)


def page_texts(pdf: Path) -> str:
    document = pdfium.PdfDocument(pdf)
    pages = []
    for number, page in enumerate(document, start=1):
        # pdfium reports a hyphenation break as U+FFFE; the page shows a hyphen there.
        text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\ufffe", "-")
        pages.append(f"=== page {number} ===\n{text.strip()}\n")
    return "\n".join(pages)


def test_there_are_example_applications() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("call", EXAMPLES)
def test_example_packet_text_matches_its_golden(
    request: pytest.FixtureRequest, workspace: Workspace, call: str
) -> None:
    result = build_packet(workspace, "favero", call)
    assert result.report.errors == [], result.report.errors
    check_golden(request, f"packets/{call}.txt", page_texts(result.packet))
