"""`packet watch`: each save gives a correct packet; a broken save keeps the last good one."""

from __future__ import annotations

import queue
import threading
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
