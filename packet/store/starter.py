"""`packet init`: copy the starter workspace, never overwriting anything."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from packet.paths import contained
from packet.store.yaml_io import write_atomic

FOLDERS = ("profiles/me/applications", "calls", "templates")


def create_workspace(target: Path) -> tuple[list[Path], list[Path]]:
    """Returns (created, kept): files written, and files left alone because they existed."""
    created: list[Path] = []
    kept: list[Path] = []
    starter = resources.files("packet") / "starter"
    files = _walk(starter, Path())
    # A folder that already holds links (a downloaded workspace) must not lead the
    # starter's files elsewhere: every path is checked before anything is written.
    for relative in [r for _, r in files] + [Path(f) for f in FOLDERS]:
        contained(target / relative, [target], str(relative))
    for source, relative in files:
        path = target / relative
        if path.exists():
            kept.append(path)
            continue
        write_atomic(path, source.read_bytes())
        created.append(path)
    for folder in FOLDERS:
        path = target / folder
        if not path.exists():
            path.mkdir(parents=True)
            created.append(path)
    return created, kept


def _walk(
    node: resources.abc.Traversable, relative: Path
) -> list[tuple[resources.abc.Traversable, Path]]:
    found = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name == "__pycache__":
            continue
        if child.is_dir():
            found.extend(_walk(child, relative / child.name))
        else:
            found.append((child, relative / child.name))
    return found
