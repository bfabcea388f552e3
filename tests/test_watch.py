"""`packet watch`: each save gives a correct packet; a broken save keeps the last good one."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from packet.pipeline import BuildOptions
from packet.watch import Rebuild, rebuilds

CALL = "ml-theory-fellowship"


def text_of(pdf: Path) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))


@pytest.fixture
def watching(example_workspace: Path) -> Iterator[queue.Queue[Rebuild]]:
    stop = threading.Event()
    results: queue.Queue[Rebuild] = queue.Queue()

    def run() -> None:
        for rebuild in rebuilds(example_workspace, "favero", CALL,
                                BuildOptions(formats=("pdf",)), stop=stop):
            results.put(rebuild)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield results
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_each_save_rebuilds_and_a_broken_one_keeps_the_last_packet(
    example_workspace: Path, watching: queue.Queue[Rebuild],
) -> None:
    first = watching.get(timeout=60)
    assert first.result is not None and first.changed == []
    packet = first.result.packet
    profile = example_workspace / "profiles" / "favero" / "profile.yaml"
    original = profile.read_text("utf-8")

    profile.write_text(original.replace("name: Alessandro Favero", "name: Alessandro Q. Favero"),
                       "utf-8")
    edited = watching.get(timeout=60)
    assert edited.result is not None, edited.error
    assert edited.changed == ["profiles/favero/profile.yaml"]
    assert "Alessandro Q. Favero" in text_of(packet)

    good = packet.read_bytes()
    profile.write_text(original + "\nunclosed: [\n", "utf-8")
    broken = watching.get(timeout=60)
    assert broken.result is None and broken.error is not None
    assert "profile.yaml" in str(broken.error.problems[0])
    assert packet.read_bytes() == good


class SlowLibreOffice:
    """Stands in for LibreOffice: each count waits until the test lets it finish, and
    lays the CV out on 9 pages (3 are allowed: the count adds an error)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: queue.Queue[threading.Event] = queue.Queue()
        monkeypatch.setattr("packet.pipeline.soffice", lambda: "/usr/bin/soffice")
        monkeypatch.setattr("packet.pipeline.cached_page_counts", self.count)

    def count(self, files: dict[str, bytes], cache: object) -> dict[str, int]:
        release = threading.Event()
        self.started.put(release)
        assert release.wait(30)
        return {name: (9 if name.split("-", 1)[-1] == "cv" else 1) for name in files}


def watch_events(ws: Path, stop: threading.Event) -> queue.Queue[object]:
    events: queue.Queue[object] = queue.Queue()

    def run() -> None:
        for event in rebuilds(ws, "favero", CALL, BuildOptions(), stop=stop):
            events.put(event)

    threading.Thread(target=run, daemon=True).start()
    return events


def test_the_docx_pages_are_counted_after_the_packet_is_published(
    example_workspace: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from packet.pipeline import build_packet
    from packet.store.workspace import Workspace
    from packet.watch import DocxPagesCounted

    office = SlowLibreOffice(monkeypatch)
    stop = threading.Event()
    events = watch_events(example_workspace, stop)
    try:
        built = events.get(timeout=60)
        assert isinstance(built, Rebuild) and built.result is not None
        folder = built.result.folder
        # Published before LibreOffice is done: the report says the count is under way and
        # claims no fingerprint, so a batch would not take this packet as up to date.
        pending = json.loads((folder / "report.json").read_text("utf-8"))
        assert pending["inputs"] is None
        assert [f["rule"] for f in pending["findings"]][-1] == "docx-pages"
        assert "being counted" in pending["findings"][-1]["message"]
        assert (folder / "packet.pdf").is_file()
        office.started.get(timeout=10).set()
        counted = events.get(timeout=60)
        assert isinstance(counted, DocxPagesCounted)
        assert "9 pages (DOCX)" in [f.actual for f in counted.added if f.document == "cv"]
        assert counted.report.errors
    finally:
        stop.set()
    final = (folder / "report.json").read_bytes()
    # The completed report is the one a build that counted first writes.
    monkeypatch.setattr("packet.pipeline.cached_page_counts",
                        lambda files, cache: {n: (9 if n == "cv" else 1) for n in files})
    direct = build_packet(Workspace.open(example_workspace), "favero", CALL, BuildOptions())
    assert (direct.folder / "report.json").read_bytes() == final


def test_a_count_for_a_packet_already_replaced_is_dropped(
    example_workspace: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from packet.watch import DocxPagesCounted

    office = SlowLibreOffice(monkeypatch)
    stop = threading.Event()
    events = watch_events(example_workspace, stop)
    profile = example_workspace / "profiles" / "favero" / "profile.yaml"
    try:
        first = events.get(timeout=60)
        assert isinstance(first, Rebuild) and first.result is not None
        old_count = office.started.get(timeout=10)
        profile.write_text(profile.read_text("utf-8").replace(
            "name: Alessandro Favero", "name: Alessandro Q. Favero"), "utf-8")
        second = events.get(timeout=60)
        assert isinstance(second, Rebuild) and second.result is not None
        new_count = office.started.get(timeout=10)
        old_count.set()  # the first packet's count ends after the second packet is out
        time.sleep(0.5)
        assert events.empty()
        report = json.loads((second.result.folder / "report.json").read_text("utf-8"))
        assert report["inputs"] is None and "being counted" in report["findings"][-1]["message"]
        new_count.set()
        counted = events.get(timeout=60)
        assert isinstance(counted, DocxPagesCounted)
        assert counted.report.inputs == second.result.docx_pending.inputs  # type: ignore[union-attr]
    finally:
        stop.set()
    report = json.loads((second.result.folder / "report.json").read_text("utf-8"))
    assert report["inputs"] and all("being counted" not in f["message"]
                                    for f in report["findings"])
