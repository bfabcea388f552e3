"""`packet watch`: rebuild one packet whenever one of its inputs is saved.

The process stays alive between builds, so Typst's compiler, the DOCX styles,
the imported modules and the caches stay warm, and the renderer's memo
(`packet.render.memo`) re-typesets only the documents an edit changed. Each
rebuild reads the workspace afresh, so every saved file is seen as it is now.
A build that fails (a YAML mistake, a broken template) publishes nothing: the
last good packet stays where it was.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packet.errors import UserError
from packet.pipeline import BuildOptions, BuildResult, build_packet
from packet.store.workspace import Workspace

# Editors save through temporary files; these never change a build.
_IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part")


@dataclass
class Rebuild:
    seconds: float
    result: BuildResult | None = None
    error: UserError | None = None
    changed: list[str] = field(default_factory=list)  # workspace-relative paths


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
    debounce_ms: int = 80,
) -> Iterator[Rebuild]:
    """A build now, then one after each batch of saved changes, until `stop` is set."""
    import watchfiles

    flags = flags or {}
    ws = Workspace.open(root, **flags)
    tops = watched_folders(ws, profile_id)
    first = True
    while True:
        # The watcher runs before the first build starts, so a save during it is not
        # missed: with yield_on_timeout, its first (empty) batch comes once it is watching.
        # A new folder (say, statements/ created) starts a watcher that includes it.
        new_folder = False
        for changes in watchfiles.watch(
            *_real_folders(tops), stop_event=stop, debounce=debounce_ms, step=20,
            rust_timeout=100, yield_on_timeout=True, recursive=False,
            watch_filter=lambda _change, path: _relevant(path),
        ):
            if not changes and not first:
                continue
            # Editors and tools save through temporary files that are gone by now.
            paths = {Path(path) for _, path in changes}
            changed = sorted(ws.show(p) for p in ({p for p in paths if p.exists()} or paths))
            first = False
            yield _build(root, profile_id, call_id, options, flags, changed)
            new_folder = any(p.is_dir() and not p.is_symlink() for p in paths)
            if new_folder:
                break
        if not new_folder:
            return


def _build(
    root: Path, profile_id: str, call_id: str, options: BuildOptions | None,
    flags: dict[str, Any], changed: list[str],
) -> Rebuild:
    started = time.perf_counter()
    try:
        result = build_packet(Workspace.open(root, **flags), profile_id, call_id, options)
    except UserError as err:
        return Rebuild(time.perf_counter() - started, error=err, changed=changed)
    return Rebuild(time.perf_counter() - started, result=result, changed=changed)
