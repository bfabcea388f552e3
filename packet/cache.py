"""The one on-disk cache of packet, its one atomic write, and one fingerprint of packet itself.

Parsing and validating YAML, formatting references and compiling templates are the
slow parts of a small build, and their results depend only on their input bytes
and on packet's own code. So every such result is stored under a key made of
those bytes, in a folder named after `code_fingerprint()`: a new version of
packet (or an edited source file) starts afresh instead of reading what older
code wrote. The cache is never a source of truth: a missing, damaged or
unreadable entry is a miss, and a read-only or full disk only costs speed.

The whole cache is kept under `MAX_BYTES`; past it, the entries used longest ago
are removed (each hit refreshes its entry's time).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from packet import __version__

MAX_BYTES = 256 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Replace `path` with `data` all at once: a reader sees the old file or the new one,
    and a crash never leaves it half-written.

    The temporary file has a unique name in the same folder (parallel writers must not
    share it, and a rename must not cross file systems). `durable` (every file a person
    keeps) flushes it to disk before the rename and keeps the mode of the file it
    replaces; cache entries, which can always be made again, skip that cost.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        # "x" rather than mkstemp: the umask sets the mode of a new file, as for any other.
        with open(tmp, "xb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if durable and path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _package_files() -> list[Path]:
    return sorted(p for p in _PACKAGE.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


_PINNED: list[str] = []  # set by fingerprint_pinned(), innermost last


@contextlib.contextmanager
def fingerprint_pinned() -> Iterator[str]:
    """One fingerprint for the span of a build: a build already runs the package's code,
    and reading the sizes and times of its 235 files for each of a build's eight caches
    cost ~60 ms of a 0.8 s build. Outside such a span every call looks again."""
    value = code_fingerprint()
    _PINNED.append(value)
    try:
        yield value
    finally:
        _PINNED.pop()


def code_fingerprint() -> str:
    """packet's version, Python's, and the bytes of every file of the package (code,
    templates, themes, fonts, built-in calls).

    Hashed once per process and state of the files (sizes and times), so a long-lived
    process (the wizard, a test session) notices an edited package file.
    """
    if _PINNED:
        return _PINNED[-1]
    signature = tuple((str(p), (s := p.stat()).st_size, s.st_mtime_ns) for p in _package_files())
    return _digest(signature)


@functools.lru_cache(maxsize=4)
def _digest(signature: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256(f"packet {__version__}\0{sys.version}".encode())
    for name, _, _ in signature:
        path = Path(name)
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def content_key(*parts: bytes | str) -> str:
    """A key for an entry made of these parts (file bytes, names, versions)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Entries of one kind ("profiles", "citations", ...) under `root`/<fingerprint>/<kind>/."""

    def __init__(self, root: Path, kind: str, max_bytes: int = MAX_BYTES) -> None:
        self.root = root
        self.folder = root / code_fingerprint() / kind
        self.max_bytes = max_bytes

    def _path(self, key: str) -> Path:
        return self.folder / key

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be evicted
        return data

    def put(self, key: str, data: bytes | str) -> None:
        try:
            write_atomic(self._path(key), data, durable=False)
        except OSError:
            return
        _prune_once(self.root, self.max_bytes)


@functools.cache
def _prune_once(root: Path, max_bytes: int) -> None:
    """Keep the cache under its bound: once per process, after its first write."""
    prune(root, max_bytes)


def prune(root: Path, max_bytes: int = MAX_BYTES) -> int:
    """Remove the entries used longest ago until the cache holds at most `max_bytes`;
    folders of other versions of packet go first once they are empty. Returns the
    number of bytes removed."""
    entries: list[tuple[int, int, Path]] = []
    try:
        # Only packet's own layout, <fingerprint>/<kind>/<entry>: a cache folder set to
        # one that holds other files (a home folder) must never lose them.
        for path in root.glob("*/*/*"):
            with contextlib.suppress(OSError):
                if _is_version(path.parent.parent) and path.is_file() and not path.is_symlink():
                    stat = path.stat()
                    entries.append((stat.st_mtime_ns, stat.st_size, path))
    except OSError:
        return 0
    total = sum(size for _, size, _ in entries)
    removed = 0
    for _, size, path in sorted(entries):
        if total - removed <= max_bytes:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            removed += size
    current = code_fingerprint()
    for folder in root.iterdir() if root.is_dir() else ():
        if _is_version(folder) and folder.name != current and not any(
                p.is_file() for p in folder.rglob("*")):
            shutil.rmtree(folder, ignore_errors=True)
    return removed


_VERSION_NAME = re.compile(r"[0-9a-f]{16}")


def _is_version(folder: Path) -> bool:
    """A folder named as `code_fingerprint()` names them (a real folder, not a link)."""
    return bool(_VERSION_NAME.fullmatch(folder.name)) and folder.is_dir() and \
        not folder.is_symlink()
