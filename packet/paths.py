"""Where packet may read and write, and how it reads a user's file.

A profile, call, template or attachment may come from someone else (a
colleague's workspace, a downloaded call). None of them may make packet read
or write outside the workspace, hang on a pipe or device, or exhaust memory
on a huge file, so every file named by data goes through here:

- `contained`: the path, symlinks followed, must lie inside one of the given
  roots (the workspace, packet's own package, a path given on the command line);
- `read_user_bytes`: a regular file only (never a FIFO, socket or device, which
  could block or never end), at most a given size;
- `read_user_text`: the same, decoded as UTF-8, with the byte and line of a
  wrong encoding;
- `plain_name`: profile and call ids are single folder names, never paths.

The limits are documented, each with its test, in docs/security.md.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from packet.errors import Problem, UserError

PACKAGE_DIR = Path(__file__).resolve().parent

MiB = 1024 * 1024
MAX_TEXT_BYTES = 2 * MiB  # a statement or template: ~300,000 words
MAX_YAML_BYTES = 8 * MiB  # a call, an application, settings: far beyond any real one
# A profile grows with its record: 10,000 publications with abstracts are about 15 MB.
MAX_PROFILE_BYTES = 48 * MiB
MAX_PDF_BYTES = 100 * MiB  # an attachment: far beyond any funder's file-size limit

_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def plain_name(value: str, what: str) -> str:
    """`value` if it is a plain name (letters, digits, `.`, `_`, `-`), else a UserError."""
    if _PLAIN_NAME.fullmatch(value) and ".." not in value:
        return value
    raise UserError(
        f"{what} '{value}' is not a plain name",
        [Problem(f"a {what} is the name of one folder or file, not a path",
                 value=repr(value),
                 hint="Use letters, digits, '.', '_' and '-' only, e.g. 'favero' or 'erc-stg'.")],
    )


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def contained(path: Path, roots: Iterable[Path], shown: str, what: str = "file",
              hint: str | None = None) -> Path:
    """`path` resolved (symlinks followed); a UserError if that lies outside every root."""
    try:
        resolved = path.resolve()
    except (OSError, ValueError, RuntimeError) as err:  # a NUL, a name too long, a loop
        why = ("it holds a NUL character" if isinstance(err, ValueError) else
               "its symbolic links form a loop" if isinstance(err, RuntimeError) else
               err.strerror or str(err))
        raise UserError(f"{what} {shown!r} cannot be used as a path",
                        [Problem(why, file=repr(shown),
                                 hint="Give the path of an ordinary file in the workspace.")]
                        ) from None
    real_roots = [r.resolve() for r in roots]
    for root in real_roots:
        if _is_within(resolved, root):
            if root != PACKAGE_DIR:  # an installer may hard-link packet's own files
                _refuse_outside_links(resolved, root, shown, what)
            return resolved
    via = " (through a symbolic link)" if path.is_symlink() or _has_link(path) else ""
    raise UserError(
        f"{what} {shown} is outside the workspace",
        [Problem(f"it points to {resolved}{via}, outside {real_roots[0]}", file=shown,
                 hint=hint or "packet reads and writes only inside the workspace: copy the "
                      "file into it, or give its path on the command line where a command "
                      "takes one.")],
    )


# Folder entries looked at, at most, to find the other names of a hard-linked file.
MAX_LINK_SCAN = 100_000
_names_inside: dict[tuple[Path, int, int], int] = {}  # (root, device, inode) -> names seen


def _refuse_outside_links(path: Path, root: Path, shown: str, what: str) -> None:
    """A UserError if the regular file `path` has a hard link that is not under `root`.

    A hard link is the same file under a second name: `ln ~/.ssh/id_rsa cert.pdf`
    inside the workspace reads as an ordinary file there. Its other names cannot be
    looked up, only counted, so the workspace is searched (once per process and
    file) for as many names as the file has; a file whose names are not all found
    there is refused.
    """
    try:
        info = os.stat(path)
    except OSError:
        return  # missing or unreadable: the read that follows says so
    if not stat.S_ISREG(info.st_mode) or info.st_nlink <= 1:
        return
    key = (root, info.st_dev, info.st_ino)
    if _names_inside.get(key, 0) < info.st_nlink:
        _names_inside[key] = _count_names(root, info.st_dev, info.st_ino)
    if _names_inside[key] >= info.st_nlink:
        return
    raise UserError(
        f"{what} {shown} is a hard link to a file outside the workspace",
        [Problem(f"the file has {info.st_nlink} names (hard links), "
                 f"{_names_inside[key]} of them in {root}", file=shown,
                 hint="packet reads only files that are wholly the workspace's: replace the "
                      f"link with a copy (cp {shown} copy && mv copy {shown}).")],
    )


def _count_names(root: Path, device: int, inode: int) -> int:
    seen = found = 0
    for folder, dirs, files in os.walk(root):  # symlinks to folders are not followed
        seen += len(dirs) + len(files)
        if seen > MAX_LINK_SCAN:
            break
        for name in files:
            try:
                info = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            if info.st_ino == inode and info.st_dev == device:
                found += 1
    return found


def _has_link(path: Path) -> bool:
    return any(p.is_symlink() for p in (path, *path.parents) if p != p.parent)


def require_file(path: Path, shown: str, what: str = "file") -> None:
    """A UserError unless `path` (symlinks followed) is a regular file, without opening it:
    for files packet will replace, which must be checked before anything is written."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except (OSError, ValueError) as err:  # ValueError: a NUL in the name
        why = getattr(err, "strerror", None) or "the name holds a NUL character"
        raise UserError(f"cannot read {what} {shown}", [Problem(why, file=shown)]) from None
    if stat.S_ISDIR(mode):
        raise folder_error(shown, what)
    if not stat.S_ISREG(mode):
        raise _not_regular(shown, what)


def _not_regular(shown: str, what: str) -> UserError:
    return UserError(f"{what} {shown} is not a regular file",
                     [Problem("it is a pipe, socket or device, which packet does not read",
                              file=shown, hint="Replace it with an ordinary file.")])


def read_user_bytes(path: Path, shown: str, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else a UserError saying why."""
    # A pipe or a device is refused before it is opened (opening a tape drive or a
    # terminal can act on it); the fstat below closes the race with a swapped file.
    require_file(path, shown, what)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UserError(f"{what} {shown} does not exist",
                        [Problem("no such file", file=shown)]) from None
    except IsADirectoryError:
        raise folder_error(shown, what) from None
    except OSError as err:
        raise UserError(f"cannot read {what} {shown}",
                        [Problem(err.strerror or str(err), file=shown)]) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise folder_error(shown, what)
        raise _not_regular(shown, what)
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > limit:
            raise too_big(shown, what, info.st_size, limit)
        try:
            data = handle.read(limit + 1)
        except OSError as err:  # EISDIR on some systems, EIO on a failing disk
            if err.errno == errno.EISDIR:
                raise folder_error(shown, what) from None
            raise UserError(f"cannot read {what} {shown}",
                            [Problem(err.strerror or str(err), file=shown)]) from None
    if len(data) > limit:  # grew while being read
        raise too_big(shown, what, len(data), limit)
    return data


def read_user_text(path: Path, shown: str, limit: int = MAX_TEXT_BYTES,
                   what: str = "file") -> str:
    """A regular file's UTF-8 text (a BOM is dropped), else a UserError with byte and line."""
    return decode_utf8(read_user_bytes(path, shown, limit, what), shown)


def decode_utf8(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise UserError(
            f"{shown} is not UTF-8 text",
            [Problem(f"byte 0x{raw[err.start]:02x} cannot be read as UTF-8", file=shown,
                     line=line, column=column,
                     hint="Save the file as UTF-8 (most editors: 'Save with encoding').")],
        ) from None


def folder_error(shown: str, what: str = "file") -> UserError:
    return UserError(f"{what} {shown} is a folder, not a file",
                     [Problem("a folder stands where a file should be", file=shown,
                              hint="Remove or rename the folder and put the file there.")])


def too_big(shown: str, what: str, size: int, limit: int) -> UserError:
    return UserError(f"{what} {shown} is too large",
                     [Problem(f"{size / MiB:.1f} MB; packet reads at most {limit / MiB:.0f} MB "
                              f"for a {what}", file=shown,
                              hint="Check that this is the right file.")])


def disk_error(err: OSError, where: Path) -> UserError:
    """A full or read-only disk (or no permission) while writing `where`, said plainly."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        what = "the disk is full"
        hint = (f"Free space on the disk holding {where} (old packets under output/, "
                "the cache in ~/.cache/packet) and build again.")
    elif err.errno == errno.EROFS:
        what = "the disk is read-only"
        hint = "Pass --out with a folder on a writable disk."
    elif err.errno in (errno.EACCES, errno.EPERM):
        what = "permission denied"
        hint = f"Make {where} writable for you, or pass --out with another folder."
    else:
        what = err.strerror or str(err)
        hint = "Check the disk and build again."
    return UserError(f"cannot write {where}: {what}",
                     [Problem(what, file=str(err.filename or where), hint=hint)])


def fast_pdf_comments() -> None:
    """Make pypdf skip a PDF comment in chunks rather than a byte at a time.

    pypdf 7 reads a comment (`%...` up to the end of the line) one byte per Python call,
    about 6 MB/s: an attachment of 50 MB that is one long comment took 9 s to open, and
    a build opens an attachment four times. The replacement does the same (the stream
    ends just past the first CR or LF; a comment that never ends is pypdf's own error)
    with one search per 64 KB. Installed once, by the readers of users' PDFs.
    """
    from pypdf import _reader, _utils
    from pypdf.errors import PdfStreamError
    from pypdf.generic import _data_structures

    if getattr(_utils.skip_over_comment, "packet_fast", False):
        return

    def skip_over_comment(stream: Any) -> None:
        tok = stream.read(1)
        stream.seek(-1, 1)  # as pypdf's own, also at the end of the stream
        if tok != b"%":
            return
        while True:
            chunk = stream.read(65536)
            if not chunk:
                raise PdfStreamError("File ended unexpectedly.")
            end = _LINE_END.search(chunk)
            if end is not None:
                stream.seek(end.end() - len(chunk), 1)
                return

    skip_over_comment.packet_fast = True  # type: ignore[attr-defined]
    skip_over_comment.__wrapped_original__ = _utils.skip_over_comment  # type: ignore[attr-defined]
    for module in (_utils, _reader, _data_structures):
        module.skip_over_comment = skip_over_comment  # type: ignore[attr-defined]


_LINE_END = re.compile(rb"[\r\n]")
