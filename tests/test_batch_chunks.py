"""Batch with LibreOffice: a worker builds a chunk of packets, then counts the DOCX pages of
them all in one LibreOffice run, and each report ends as a single build's would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packet import batch
from packet.batch import Job, build_jobs, chunk_size
from packet.pipeline import BuildOptions, build_packet
from packet.store.workspace import Workspace

CALLS = ("ml-theory-fellowship", "ai-faculty")


class FakeLibreOffice:
    """Counts every DOCX as 2 pages, and remembers each run it was asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs: list[list[str]] = []
        monkeypatch.setattr("packet.pipeline.soffice", lambda: "/usr/bin/soffice")
        monkeypatch.setattr("packet.pipeline.cached_page_counts", self.count)

    def count(self, files: dict[str, bytes], cache: object) -> dict[str, int]:
        self.runs.append(sorted(files))
        return {name: 2 for name in files}


def test_a_chunk_counts_its_docx_pages_in_one_run_and_completes_every_report(
    example_workspace: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    office = FakeLibreOffice(monkeypatch)
    ws = Workspace.open(example_workspace)
    monkeypatch.setitem(batch._WORKER, "ws", ws)
    results = build_jobs([Job("favero", call) for call in CALLS], BuildOptions())
    assert [r.status for r in results] == ["built", "built"]
    assert len(office.runs) == 1  # one LibreOffice start for both packets
    assert {name.split("-", 1)[0] for name in office.runs[0]} == {"0", "1"}
    chunked = {}
    for call, result in zip(CALLS, results, strict=True):
        folder = ws.output_for(call, "favero")
        report = json.loads((folder / "report.json").read_text("utf-8"))
        assert report["inputs"]
        assert not any("being counted" in f["message"] for f in report["findings"])
        assert {d["docx_pages"] for d in report["documents"] if not d["attachment"]
                and d["kind"] == "document"} == {2}
        assert result.errors == sum(f["severity"] == "error" for f in report["findings"])
        chunked[call] = (folder / "report.json").read_bytes()
    # The same reports as single builds that counted first.
    for call in CALLS:
        single = build_packet(ws, "favero", call, BuildOptions())
        assert (single.folder / "report.json").read_bytes() == chunked[call]


def test_chunks_only_with_libreoffice_and_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("packet.pipeline.soffice", lambda: None)
    assert chunk_size(50, 2, BuildOptions()) == 1
    monkeypatch.setattr("packet.pipeline.soffice", lambda: "/usr/bin/soffice")
    assert chunk_size(50, 2, BuildOptions()) == 8
    assert chunk_size(50, 2, BuildOptions(formats=("pdf",))) == 1
    assert chunk_size(12, 2, BuildOptions()) == 2
    assert chunk_size(3, 2, BuildOptions()) == 1


def test_a_failed_count_keeps_the_packets_and_their_pending_reports(
    example_workspace: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    FakeLibreOffice(monkeypatch)

    def broken(files: dict[str, bytes], cache: object) -> dict[str, int]:
        raise OSError("no space left on device")

    monkeypatch.setattr("packet.pipeline.cached_page_counts", broken)
    ws = Workspace.open(example_workspace)
    monkeypatch.setitem(batch._WORKER, "ws", ws)
    results = build_jobs([Job("favero", call) for call in CALLS], BuildOptions())
    assert [r.status for r in results] == ["built", "built"]
    assert all("DOCX pages not counted" in r.reason for r in results)
    for call in CALLS:
        report = json.loads((ws.output_for(call, "favero") / "report.json").read_text("utf-8"))
        assert report["inputs"] is None  # the next batch builds it again
        assert (ws.output_for(call, "favero") / "packet.pdf").is_file()
