"""Which source the user means and which format it is in.

A SOURCE is a file, a folder of files, `-` (standard input) or an identifier
(`orcid:…`, `arxiv:…`, `doi:…`, `arxiv-author:"Last, First"`). A file's format is
recognised from its content first (each reader's `sniff`, most specific first), from
its extension second; `--format` decides over both.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import BinaryIO

from packet.errors import Problem, UserError
from packet.paths import read_user_bytes
from packet.sources.candidate import Format, NotRecognised, Skipped, SourceRead

# Reader modules, each offering `FORMATS: list[Format]`. A module listed here must import.
READERS: tuple[str, ...] = (
    "packet.sources.bibtex",
    "packet.sources.ris",
    "packet.sources.csljson",
    "packet.sources.rendercv",
    "packet.sources.jsonresume",
    "packet.sources.cv_data",
    "packet.sources.arxiv",
    "packet.sources.orcid",
    "packet.sources.crossref",
    "packet.sources.pubindex",
    "packet.sources.cv",
)
IDENTIFIER_PREFIXES = ("orcid:", "arxiv:", "doi:", "arxiv-author:")
MAX_BYTES = 20 * 1024 * 1024  # a 5,000-entry BibTeX file is about 5 MB; CVs are far smaller
SNIFF_BYTES = 64 * 1024

Loaded = tuple[SourceRead, str]  # what was read, and the sha256 of the bytes it came from


@cache
def formats() -> tuple[Format, ...]:
    """Every format the registered readers offer, most specific (highest priority) first."""
    found: list[Format] = []
    for name in READERS:
        found.extend(importlib.import_module(name).FORMATS)
    return tuple(sorted(found, key=lambda f: -f.priority))


def format_names() -> list[str]:
    return [f.name for f in formats()]


def find_format(name: str) -> Format:
    for fmt in formats():
        if fmt.name == name:
            return fmt
    raise UserError(
        f"unknown format '{name}'",
        [Problem("no reader offers it", hint=f"Known formats: {', '.join(format_names())}.")],
    )


def choose_format(data: bytes, shown: str, forced: str | None = None) -> Format:
    """The format of one file's bytes: --format, else content, else extension."""
    if forced:
        return find_format(forced)
    if not data.strip():
        raise UserError(f"{shown} is empty", [Problem("the file has no content", file=shown)])
    head = data[:SNIFF_BYTES]
    for fmt in formats():
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt
    suffix = "".join(Path(shown).suffixes[-1:]).casefold()
    for fmt in formats():
        if suffix and suffix in fmt.extensions:
            return fmt
    what = "a binary file" if b"\0" in head else "in no format packet reads"
    raise NotRecognised(
        f"{shown} is {what}",
        [
            Problem(
                "its content and its name match no known format",
                file=shown,
                hint=f"Pass --format with one of: {', '.join(format_names())}.",
            )
        ],
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _too_large(size: int, shown: str) -> UserError:
    return UserError(
        f"{shown} is too large ({size / 1e6:.0f} MB; packet reads sources up to "
        f"{MAX_BYTES // (1024 * 1024)} MB)",
        [
            Problem(
                "not read", file=shown, hint="Split it into smaller files and import them together."
            )
        ],
    )


def read_bytes(data: bytes, shown: str, forced: str | None = None) -> Loaded:
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), shown)
    fmt = choose_format(data, shown, forced)
    return fmt.read(data, shown), digest(data)


def _read_file(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(
            f"{shown} does not exist", [Problem("no such file or folder", file=shown)]
        ) from None
    if size > MAX_BYTES:
        raise _too_large(size, shown)  # before reading it: 50 MB of nothing useful in memory
    # A regular file only: a named pipe would wait for ever, /dev/zero never ends.
    return read_user_bytes(path, shown, MAX_BYTES, "source")


def read_identifier(spec: str) -> Loaded:
    """An identifier fetched through the network readers (packet.sources.remote)."""
    remote = importlib.import_module("packet.sources.remote")  # looked up: tests put a player there

    fetch: Callable[[str], SourceRead] = remote.read_identifier
    read = fetch(spec)
    body = json.dumps([asdict(c) for c in read.candidates], sort_keys=True, default=str)
    return read, digest(body.encode())


def read_source(
    spec: str, forced: str | None = None, stdin: BinaryIO | None = None
) -> list[Loaded]:
    """Everything one SOURCE argument holds (a folder gives one read per file it can read)."""
    path = Path(spec)
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return [read_bytes(stream.read(MAX_BYTES + 1), "<stdin>", forced)]
    if spec.casefold().startswith(IDENTIFIER_PREFIXES) and not path.exists():
        return [read_identifier(spec)]
    if path.is_dir():
        return _read_folder(path, spec, forced)
    return [read_bytes(_read_file(path, spec), spec, forced)]


def _read_folder(folder: Path, shown: str, forced: str | None) -> list[Loaded]:
    loaded: list[Loaded] = []
    passed: list[Skipped] = []
    real = folder.resolve()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        name = str(Path(shown) / relative)
        if real not in path.resolve().parents:
            # The folder was chosen, not what its links point to (a downloaded folder
            # may link to ~/.ssh): a file elsewhere is named as a file, not read.
            passed.append(Skipped(name, f"a symbolic link to {path.resolve()}, outside "
                                        f"{shown}: give that file itself to import it"))
            continue
        try:
            loaded.append(read_bytes(_read_file(path, name), name, forced))
        except UserError as err:
            if not isinstance(err, NotRecognised) and "empty" not in err.summary:
                raise  # a file in a known format that is broken is an error, as on its own
            passed.append(Skipped(name, err.summary.removeprefix(name + ":").removeprefix(
                name + " ").strip()))
    if not loaded:
        raise UserError(
            f"{shown} holds no file packet can read",
            [Problem(s.reason, file=s.origin) for s in passed]
            or [Problem("the folder is empty", file=shown)],
        )
    loaded[0][0].skipped.extend(passed)
    return loaded
