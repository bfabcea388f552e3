"""Publishing a build's output folder all at once.

A build writes into a staging folder next to the final one and swaps it in
only when everything succeeded, so a failed build leaves the previous packet
exactly as it was, and readers never see a mix of old and new files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from packet.errors import Problem, UserError
from packet.model.report import OutputFile


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


class Staging:
    def __init__(self, final: Path) -> None:
        self.final = final.resolve()
        self.root: Path | None = None

    def __enter__(self) -> Staging:
        check_replaceable(self.final)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.staging-",
                                          dir=self.final.parent))
        return self

    def path(self, relative: str) -> Path:
        assert self.root is not None, "use Staging as a context manager"
        return self.root / relative

    def write(self, relative: str, data: bytes | str) -> OutputFile:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        return output_file(relative, payload)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self.root is not None
        if kind is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            return
        os.chmod(self.root, 0o755)
        backup = None
        try:
            if self.final.exists():
                backup = self.final.with_name(f".{self.final.name}.previous-{os.getpid()}")
                os.replace(self.final, backup)
            os.replace(self.root, self.final)
        except BaseException:
            # The swap failed (a full or read-only disk): the previous packet goes back.
            if backup is not None and not self.final.exists():
                os.replace(backup, self.final)
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)


def output_file(relative: str, data: bytes) -> OutputFile:
    """What the report says of a file: its path in the output folder, size and hash."""
    return OutputFile(path=relative, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())


def publish(final: Path, files: dict[str, bytes]) -> None:
    """Write `files` (path in the folder -> bytes) as the whole of folder `final`, all at once."""
    with Staging(final) as stage:
        for relative, data in files.items():
            stage.write(relative, data)
