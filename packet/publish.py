"""Publishing a build's output folder all at once.

A build writes into a staging folder next to the final one and swaps it in
only when everything succeeded, so a failed build leaves the previous packet
exactly as it was, and readers never see a mix of old and new files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from packet.errors import Problem, UserError
from packet.model.report import OutputFile
from packet.paths import disk_error


def check_replaceable(final: Path) -> None:
    """Refuse to swap out a folder that holds anything but an earlier packet.

    Publishing replaces the whole folder, so `--out ~/Documents` would otherwise
    delete every file there.
    """
    if not final.exists():
        return
    if not final.is_dir():
        raise UserError(f"output {final} is a file",
                        [Problem("the output must be a folder", file=str(final),
                                 hint="Pass a new or empty folder with --out.")])
    if (final / "report.json").is_file() or (final / "packet.pdf").is_file():
        return
    if any(final.iterdir()):
        raise UserError(f"output folder {final} holds other files",
                        [Problem("packet replaces its output folder as a whole, so it writes only "
                                 "into a new or empty folder or one holding an earlier packet",
                                 file=str(final),
                                 hint=f"Pass a new folder, e.g. --out {final / 'packet'}.")])


# How long a second build of the same packet waits for the first to publish.
LOCK_SECONDS = 120.0


class Staging:
    """The staging folder of one output folder, swapped in whole on success.

    While it exists, a lock beside the output folder (`.<name>.lock`, via
    `filelock`) keeps other builds of the same packet from publishing at the same
    time; whoever holds it first removes what killed runs left behind (see
    `recover`). The swap is one atomic exchange of the two folders where Linux
    has it (renameat2), so the output folder is never missing, not even for an
    instant; elsewhere two renames, and a killed run's `.previous-*` folder is put
    back by the next build.
    """

    def __init__(self, final: Path) -> None:
        self.final = final.resolve()
        self.root: Path | None = None
        self._lock: Any = None

    def __enter__(self) -> Staging:
        check_replaceable(self.final)
        try:
            self.final.parent.mkdir(parents=True, exist_ok=True)
            self._lock = PublishLock(self.final.with_name(f".{self.final.name}.lock"))
            self._lock.acquire(LOCK_SECONDS)
            recover(self.final)
            check_replaceable(self.final)  # a leftover put back, or the other build's packet
            self.root = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.staging-",
                                              dir=self.final.parent))
        except OSError as err:
            self._release()
            raise disk_error(err, self.final.parent) from None
        except BaseException:
            self._release()
            raise
        return self

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def path(self, relative: str) -> Path:
        assert self.root is not None, "use Staging as a context manager"
        return self.root / relative

    def write(self, relative: str, data: bytes | str) -> OutputFile:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target = self.path(relative)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(payload)
        except OSError as err:
            raise disk_error(err, self.final) from None
        return output_file(relative, payload)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self.root is not None
        try:
            if kind is not None:
                shutil.rmtree(self.root, ignore_errors=True)
                return
            try:
                self._swap(self.root)
            except OSError as err:
                raise disk_error(err, self.final) from None
        finally:
            self._release()

    def _swap(self, root: Path) -> None:
        os.chmod(root, 0o755)
        if self.final.exists() and _exchange(root, self.final):
            shutil.rmtree(root, ignore_errors=True)  # now the previous packet
            return
        backup = None
        try:
            if self.final.exists():
                backup = self.final.with_name(f".{self.final.name}.previous-{os.getpid()}")
                os.replace(self.final, backup)
            os.replace(root, self.final)
        except BaseException:
            # The swap failed (a full or read-only disk): the previous packet goes back.
            if backup is not None and not self.final.exists():
                os.replace(backup, self.final)
            shutil.rmtree(root, ignore_errors=True)
            raise
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)


class PublishLock:
    """An exclusive `filelock` lock whose file is removed on release, so nothing is left
    beside the output folder. Removing a lock file is safe only if a waiter that then
    gets the lock on the removed file notices: it compares the file it locked with the
    one at the path, and tries again when they differ."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._held: Any = None

    def acquire(self, timeout: float) -> None:
        from filelock import FileLock, Timeout

        deadline = time.monotonic() + timeout
        while True:
            lock = FileLock(self.path)
            try:
                lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
            except Timeout:
                raise UserError(f"another build of {self.path.parent / self.path.name[1:-5]} "
                                "is running",
                                [Problem(f"it has held the lock for more than {timeout:g} "
                                         "seconds", file=str(self.path),
                                         hint="Wait for it to finish, then build again.")]
                                ) from None
            if self._is_current(lock):
                self._held = lock
                return
            lock.release()

    def _is_current(self, lock: Any) -> bool:
        fd = getattr(getattr(lock, "_context", None), "lock_file_fd", None)
        if fd is None:  # another filelock version: keep the file, never remove it
            return True
        try:
            return os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except OSError:
            return False

    def release(self) -> None:
        if self._held is None:
            return
        if getattr(getattr(self._held, "_context", None), "lock_file_fd", None) is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        self._held.release()
        self._held = None


def recover(final: Path) -> None:
    """Put back or remove what killed builds left beside `final` (call with the lock held).

    A `.previous-*` folder is the last packet, moved aside by a run killed mid-swap:
    it goes back if `final` is missing, else it is stale. `.staging-*` folders are
    unfinished builds.
    """
    parent = final.parent
    if not parent.is_dir():
        return
    for path in sorted(parent.glob(f".{final.name}.previous-*")):
        if not final.exists() and path.is_dir():
            os.replace(path, final)
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path in parent.glob(f".{final.name}.staging-*"):
        shutil.rmtree(path, ignore_errors=True)


def tidy(final: Path) -> None:
    """`recover` under the lock, for a packet that is not rebuilt (batch: up to date).
    Skipped when another build holds the lock: that build tidies up itself."""
    final = final.resolve()
    if not final.parent.is_dir():
        return
    lock = PublishLock(final.with_name(f".{final.name}.lock"))
    try:
        lock.acquire(0)
    except (UserError, OSError):
        return
    try:
        recover(final)
    finally:
        lock.release()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM):  # the file system cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(b))


def output_file(relative: str, data: bytes) -> OutputFile:
    """What the report says of a file: its path in the output folder, size and hash."""
    return OutputFile(path=relative, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())


def publish(final: Path, files: dict[str, bytes]) -> None:
    """Write `files` (path in the folder -> bytes) as the whole of folder `final`, all at once."""
    with Staging(final) as stage:
        for relative, data in files.items():
            stage.write(relative, data)
