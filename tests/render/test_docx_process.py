"""DOCX rendering beside a build: the helper process and the thread give the bytes that
rendering in process gives, and a helper that fails hands the work back."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from packet.compose.doctree import Document, Entry, Heading, Link, Paragraph, Strong, Text
from packet.render import docx_process
from packet.render.docx import render_docx
from packet.render.setup import PageSetup

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")


def doc(n: int) -> Document:
    return Document(f"doc{n}", f"Document {n}", [
        Heading(1, [Text(f"Document {n}")]),
        Paragraph([Text("Plain, "), Strong([Text("strong")]), Text(" and "),
                   Link("https://example.org", [Text("a link")])]),
        Entry(date="2020–2024", head=[Text(f"An entry {n}")], body=[Paragraph([Text("Body.")])]),
    ])


def test_thread_worker_renders_the_same_bytes() -> None:
    setup = PageSetup(title="T", author="A", date="2025-01-02")
    worker = docx_process._ThreadWorker()
    try:
        worker.prepare(setup)
        futures = [worker.submit(doc(n), setup) for n in range(3)]
        rendered = [f.result(timeout=60) for f in futures]
    finally:
        worker.close()
    assert rendered == [render_docx(doc(n), setup) for n in range(3)]


def test_no_fork_while_the_process_has_threads() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not docx_process._can_fork()
        assert isinstance(docx_process.start_worker(), docx_process._ThreadWorker)
    finally:
        stop.set()
        other.join()


def _run(script: str) -> str:
    """Run `script` in a fresh interpreter: forking is only done from a single-threaded process."""
    prelude = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(__file__.rsplit("/", 1)[0])!r})
        from test_docx_process import doc
        from packet.render import docx_process
        from packet.render.docx import render_docx
        from packet.render.setup import PageSetup
        setup = PageSetup(title="T", author="A", date="2025-01-02", theme="modern")
    """)
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(script)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@linux_only
def test_helper_process_renders_the_same_bytes() -> None:
    out = _run("""
        assert docx_process._can_fork()
        worker = docx_process.start_worker()
        assert isinstance(worker, docx_process._ProcessWorker)
        worker.prepare(setup)
        futures = [worker.submit(doc(n), setup) for n in range(3)]
        rendered = [f.result(timeout=60) for f in futures]
        worker.close()
        assert rendered == [render_docx(doc(n), setup) for n in range(3)]
        print("same")
    """)
    assert out.strip() == "same"


@linux_only
def test_a_helper_that_dies_hands_every_document_back() -> None:
    out = _run("""
        import os
        docx_process._serve = lambda jobs, results: os._exit(3)
        worker = docx_process.start_worker()
        futures = [worker.submit(doc(n), setup) for n in range(3)]
        for future in futures:
            try:
                future.result(timeout=60)
            except docx_process.HelperFailed:
                print("handed back")
        worker.close()
    """)
    assert out.split() == ["handed", "back"] * 3


@linux_only
def test_a_document_that_fails_in_the_helper_is_handed_back() -> None:
    out = _run("""
        import packet.render.docx as rendering
        real = rendering.render_docx
        def render(doc, setup):
            if doc.id == "doc1":
                raise ValueError("bad document")
            return real(doc, setup)
        rendering.render_docx = render
        worker = docx_process.start_worker()
        futures = [worker.submit(doc(n), setup) for n in range(3)]
        for future in futures:
            try:
                print(len(future.result(timeout=60)) > 0)
            except docx_process.HelperFailed as err:
                print("handed back", "ValueError: bad document" in str(err))
        worker.close()
    """)
    assert out.splitlines() == ["True", "handed back True", "True"]
