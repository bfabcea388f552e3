"""A rebuild takes what did not change from packet's cache: typeset PDFs, DOCX files, the
merged packet and each PDF's facts, so a new process builds an unchanged packet without
Typst, python-docx, pypdf's merge or PDFium; the files are the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import packet.assemble as assemble
import packet.check.packet as check_packet
import packet.render.pdf as pdf
from packet.pipeline import build_packet
from packet.render.memo import DOCXS, PDFS
from packet.store.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
CALL = "ml-theory-fellowship"


def workspace(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    for name in ("profiles", "calls", "templates"):
        shutil.copytree(REPO / name, root / name)
    monkeypatch.setenv("PACKET_CACHE_DIR", str(cache))
    forget_this_process()  # earlier tests built the same documents
    ws = Workspace.open(root)
    assert ws.settings.cache_dir == cache
    return ws


def forget_this_process() -> None:
    """What a new process would not have: the in-memory layers."""
    PDFS._entries.clear()
    DOCXS._entries.clear()
    check_packet._KNOWN.clear()
    pdf._compilers.clear()


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in (".pdf", ".docx")}


def test_an_unchanged_rebuild_typesets_merges_and_reads_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = workspace(tmp_path / "ws", tmp_path / "cache", monkeypatch)
    first = build_packet(ws, "favero", CALL)
    before = outputs(first.folder)
    forget_this_process()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("done again although nothing changed")

    monkeypatch.setattr(pdf, "_theme_compiler", never)
    monkeypatch.setattr(pdf, "_compile_apart", never)
    monkeypatch.setattr(assemble, "merge_documents", never)
    monkeypatch.setattr(check_packet, "inspect_pdf", never)
    monkeypatch.setattr("packet.render.docx_process._serve", never)
    monkeypatch.setattr("packet.render.docx.render_docx", never)
    second = build_packet(ws, "favero", CALL)
    assert outputs(second.folder) == before
    assert second.report.findings == first.report.findings


def test_a_damaged_cache_entry_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = workspace(tmp_path / "ws", tmp_path / "cache", monkeypatch)
    before = outputs(build_packet(ws, "favero", CALL).folder)
    for kind in ("pdfs", "docx", "packets", "pdf-facts"):
        entries = list((tmp_path / "cache").glob(f"*/{kind}/*"))
        assert entries, kind
        for entry in entries:  # cut short, as by a full disk
            entry.write_bytes(entry.read_bytes()[:200])
    forget_this_process()
    result = build_packet(ws, "favero", CALL)
    assert result.report.errors == []
    assert outputs(result.folder) == before
