"""`packet watch`: rebuild one packet whenever one of its inputs is saved.

The process stays alive between builds, so Typst's compiler, the DOCX styles,
the imported modules and the caches stay warm, and the renderer's memo
(`packet.render.memo`) re-typesets only the documents an edit changed. Each
rebuild reads the workspace afresh, so every saved file is seen as it is now.
A build that fails (a YAML mistake, a broken template) publishes nothing: the
last good packet stays where it was.
"""

from __future__ import annotations

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
    return [p for p in folders if p.is_dir()] + [ws.root / "packet.toml"] * (
        (ws.root / "packet.toml").is_file())


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
    first = True
    # The watcher runs before the first build starts, so a save during it is not missed:
    # with yield_on_timeout, its first (empty) batch comes once it is watching.
    for changes in watchfiles.watch(
        *watched_folders(ws, profile_id), stop_event=stop, debounce=debounce_ms, step=20,
        rust_timeout=100, yield_on_timeout=True,
        watch_filter=lambda _change, path: _relevant(path),
    ):
        if not changes and not first:
            continue
        # Editors and tools save through temporary files that are gone by now.
        paths = {Path(path) for _, path in changes}
        changed = sorted(ws.show(p) for p in ({p for p in paths if p.exists()} or paths))
        first = False
        yield _build(root, profile_id, call_id, options, flags, changed)


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
