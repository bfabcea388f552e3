"""The fingerprint of everything a packet is built from.

Batch mode skips a packet whose fingerprint matches the one recorded in its
last report. It hashes file contents, never modification times, so copying or
touching a workspace does not force rebuilds and an edit always does.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from packet import __version__
from packet.store.calls import call_chain
from packet.store.workspace import Workspace


def _hash_tree(digest: hashlib._Hash, folder: Path, label: str) -> None:
    if not folder.is_dir():
        return
    files = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


TOOL_DATA = ("compose/templates", "render/themes", "render/fonts", "calls")


def _tool_files() -> list[tuple[str, Path]]:
    root = Path(str(resources.files("packet")))
    return [(part, path) for part in TOOL_DATA if (root / part).is_dir()
            for path in sorted((root / part).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts]


def tool_fingerprint() -> str:
    """The tool itself: its version and its built-in templates, themes and fonts.

    Hashed once per process and set of files (by size and mtime), so a long-lived
    process (the wizard, a test session) notices when the package's files change.
    """
    signature = []
    for part, path in _tool_files():
        stat = path.stat()
        signature.append((part, str(path), stat.st_size, stat.st_mtime_ns))
    return _tool_digest(tuple(signature))


@lru_cache(maxsize=4)
def _tool_digest(signature: tuple[tuple[str, str, int, int], ...]) -> str:
    digest = hashlib.sha256(f"packet {__version__}".encode())
    root = Path(str(resources.files("packet")))
    for part in TOOL_DATA:
        _hash_tree(digest, root / part, part)
    return digest.hexdigest()


def inputs_digest(
    ws: Workspace, profile_id: str, call_id: str, *, options: tuple[str, ...] = (),
    answers: Path | None = None,
) -> str:
    digest = hashlib.sha256(tool_fingerprint().encode())
    digest.update(repr(options).encode())
    profile_dir = ws.profile_dir(profile_id)
    for path in (profile_dir / "profile.yaml", answers or ws.application_path(profile_id, call_id)):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<none>")
    for path in call_chain(ws.call_sources, call_id):
        digest.update(path.read_bytes())
    _hash_tree(digest, ws.statements_dir(profile_id), "statements")
    _hash_tree(digest, ws.templates_dir, "templates")
    # Attachments live anywhere under the profile folder; hash every PDF there.
    for path in sorted(profile_dir.rglob("*.pdf")):
        digest.update(path.relative_to(profile_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    settings = ws.settings
    digest.update(repr((settings.theme, settings.style, tuple(settings.formats))).encode())
    return digest.hexdigest()
