"""`packet watch`: rebuild one packet whenever one of its inputs is saved.

The process stays alive between builds, so Typst's compiler, the DOCX styles,
the imported modules and the caches stay warm, and the renderer's memo
(`packet.render.memo`) re-typesets only the documents an edit changed. Each
rebuild reads the workspace afresh, so every saved file is seen as it is now.
A build that fails (a YAML mistake, a broken template) publishes nothing: the
last good packet stays where it was.

With LibreOffice installed, counting the DOCX pages takes about a second a build,
so watch publishes the packet with its report first (the report says the DOCX
pages are being counted) and counts them in a thread; the report is then rewritten
with the DOCX page caps checked, but only if the folder still holds that packet:
a newer build (or another process) that published meanwhile wins, and its own
report stands.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packet.errors import UserError
from packet.model.report import Finding, Report
from packet.pipeline import (
    BuildOptions,
    BuildResult,
    build_packet,
    count_docx_pages,
    finish_docx_pages,
    still_published,
)
from packet.store.workspace import Workspace

# Editors save through temporary files; these never change a build.
_IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part")


@dataclass
class Rebuild:
    seconds: float
    result: BuildResult | None = None
    error: UserError | None = None
    changed: list[str] = field(default_factory=list)  # workspace-relative paths


@dataclass
class DocxPagesCounted:
    """The DOCX pages of the packet last built, counted after it was published; its
    report on disk now holds them."""

    seconds: float  # from the build's end
    report: Report
    added: list[Finding]  # what the count found (the DOCX files' page caps)


class _DocxCounter:
    """Counts a published packet's DOCX pages in a thread, and writes the completed
    report only while no build runs and the folder still holds that packet."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # held for a whole build
        self._generation = 0  # +1 for every build that published
        self._done: queue.SimpleQueue[DocxPagesCounted] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    @contextlib.contextmanager
    def building(self) -> Iterator[list[Rebuild]]:
        made: list[Rebuild] = []
        with self._lock:
            yield made
            if made and made[0].result is not None:
                self._generation += 1
                if made[0].result.docx_pending is not None:
                    self._start(self._generation, made[0].result)

    def _start(self, generation: int, result: BuildResult) -> None:
        thread = threading.Thread(target=self._count, name="packet-docx-pages", daemon=True,
                                  args=(generation, result, time.perf_counter()))
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _count(self, generation: int, result: BuildResult, started: float) -> None:
        assert result.docx_pending is not None
        [counts] = count_docx_pages(result.docx_pending)
        with self._lock:
            if generation != self._generation or not still_published(result):
                return
            try:
                report = finish_docx_pages(result, counts)
            except OSError:  # the folder went away: nothing to complete
                return
        before = {f.model_dump_json() for f in result.report.findings}
        added = [f for f in report.findings if f.model_dump_json() not in before]
        self._done.put(DocxPagesCounted(time.perf_counter() - started, report, added))

    def finished(self) -> Iterator[DocxPagesCounted]:
        while True:
            try:
                yield self._done.get_nowait()
            except queue.Empty:
                return

    def close(self, timeout: float) -> None:
        """Let a count under way finish (LibreOffice cleans up its temporary folder)."""
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def watched_folders(ws: Workspace, profile_id: str) -> list[Path]:
    """What a packet is built from: the profile's folder, the workspace's calls and
    templates, and packet.toml. The output folder is not among them."""
    folders = [ws.profile_dir(profile_id), ws.calls_dir, ws.templates_dir]
    for folder in folders:
        if folder.is_symlink() or folder.is_dir():
            ws.contain(folder, "folder")
    return [p for p in folders if p.is_dir()] + [ws.root / "packet.toml"] * (
        (ws.root / "packet.toml").is_file())


# Folders watched at most: each is one inotify watch, of which a user has ~8,000 to 500,000.
MAX_FOLDERS = 2_000


def _real_folders(paths: list[Path]) -> list[Path]:
    """`paths` and every folder in them, symbolic links not followed.

    The watcher is given each folder itself, not told to recurse: its own recursion
    follows links, so a `statements/x -> /` would have it walk the whole disk.
    """
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)  # packet.toml
            continue
        for folder, dirs, _ in os.walk(path):  # followlinks=False: links stay leaves
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            out.append(Path(folder))
            if len(out) >= MAX_FOLDERS:
                return out
    return out


def _relevant(path: str) -> bool:
    name = Path(path).name
    return not (name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES))


def rebuilds(
    root: Path, profile_id: str, call_id: str, options: BuildOptions | None = None, *,
    flags: dict[str, Any] | None = None, stop: threading.Event | None = None,
    debounce_ms: int = 80, docx_pages_later: bool = True,
) -> Iterator[Rebuild | DocxPagesCounted]:
    """A build now, then one after each batch of saved changes, until `stop` is set.

    With `docx_pages_later` (and LibreOffice installed) a build's DOCX pages are counted
    after it is published, and a `DocxPagesCounted` follows its `Rebuild` once they are."""
    import watchfiles

    flags = flags or {}
    options = replace(options or BuildOptions(), docx_pages_later=docx_pages_later)
    ws = Workspace.open(root, **flags)
    tops = watched_folders(ws, profile_id)
    counter = _DocxCounter()
    first = True
    try:
        while True:
            # The watcher runs before the first build starts, so a save during it is not
            # missed: with yield_on_timeout, its first (empty) batch comes once it is
            # watching, and another every 100 ms without changes, when finished DOCX page
            # counts are passed on. A new folder (say, statements/ created) starts a watcher
            # that includes it.
            new_folder = False
            for changes in watchfiles.watch(
                *_real_folders(tops), stop_event=stop, debounce=debounce_ms, step=20,
                rust_timeout=100, yield_on_timeout=True, recursive=False,
                watch_filter=lambda _change, path: _relevant(path),
            ):
                yield from counter.finished()
                if not changes and not first:
                    continue
                # Editors and tools save through temporary files that are gone by now.
                paths = {Path(path) for _, path in changes}
                changed = sorted(ws.show(p) for p in ({p for p in paths if p.exists()} or paths))
                first = False
                with counter.building() as made:
                    made.append(_build(root, profile_id, call_id, options, flags, changed))
                yield made[0]
                new_folder = any(p.is_dir() and not p.is_symlink() for p in paths)
                if new_folder:
                    break
            if not new_folder:
                return
    finally:
        counter.close(timeout=30)


def _build(
    root: Path, profile_id: str, call_id: str, options: BuildOptions,
    flags: dict[str, Any], changed: list[str],
) -> Rebuild:
    started = time.perf_counter()
    try:
        result = build_packet(Workspace.open(root, **flags), profile_id, call_id, options)
    except UserError as err:
        return Rebuild(time.perf_counter() - started, error=err, changed=changed)
    return Rebuild(time.perf_counter() - started, result=result, changed=changed)
