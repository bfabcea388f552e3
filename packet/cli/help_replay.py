"""`packet --help` (and `packet CMD --help`) replayed from the cache when nothing it depends on
has changed.

Typer's rich help costs about three times the interpreter's own start: it imports
rich's Markdown, Syntax and Traceback (with pygments and markdown-it) and lays out
every panel, while the text it prints is a function of a few things only: the
command modules, typer's and rich's code, the words typed, the terminal (is it one,
its size, its encoding) and the environment variables rich and typer read. So the
first `--help` of a command is rendered as usual and what it wrote (each write to
stdout and stderr, in order, and the exit code) is recorded with the files it was
made from; a later one with the same terminal and words replays it exactly, without
importing typer, once every one of those files still has its size and time.

Only a request that is plainly help alone is replayed: command words followed by
`--help`/`-h`, or no words at all. Anything else, or any doubt (a completion request,
an unreadable entry, a changed file), runs the real command.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

_HELP_FLAGS = ("--help", "-h")
_WORD = re.compile(r"[a-z][a-z0-9-]*\Z")
# What rich, typer and click read from the environment to decide colours, width, boxes
# and the program's name (names matched generously: a spare variable only costs a miss).
_ENV = re.compile(r"COLOR|TERM|TTY|COLUMNS|LINES|JUPYTER|TYPER|CLICK|PACKET|GITHUB_ACTIONS|"
                  r"DATABRICKS|^LANG$|^LC_|^PYTHONIOENCODING$|^PYTHONUTF8$")
_LIBRARIES = ("typer", "rich", "click")
FORMAT = 1


def is_help_request(args: list[str]) -> bool:
    if any(name.startswith(("_TYPER_COMPLETE", "COMP_")) for name in os.environ):
        return False
    if not args:
        return True  # no_args_is_help
    *words, last = args
    return last in _HELP_FLAGS and all(_WORD.match(w) for w in words)


def cache_root() -> Path:
    """The cache folder `Settings.cache_dir` defaults to (help runs before any settings
    are read, so a `cache_dir` in packet.toml does not move it)."""
    given = os.environ.get("PACKET_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "packet"


def _terminal() -> list[Any]:
    facts: list[Any] = []
    for fd in (0, 1, 2):
        try:
            size = tuple(os.get_terminal_size(fd))
        except (OSError, ValueError):
            size = None
        try:
            tty = os.isatty(fd)
        except OSError:
            tty = None
        facts.append([size, tty])
    for stream in (sys.stdout, sys.stderr):
        facts.append([getattr(stream, "encoding", None), _isatty(stream)])
    return facts


def _isatty(stream: TextIO | None) -> bool | None:
    try:
        return bool(stream.isatty()) if stream is not None else None
    except (AttributeError, ValueError, OSError):
        return None


def request_key(args: list[str]) -> str:
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    facts = {
        "format": FORMAT, "args": args, "argv0": sys.argv[0] if sys.argv else "",
        "main": getattr(spec, "name", None), "python": [sys.version, sys.executable],
        "terminal": _terminal(),
        "env": sorted((k, v) for k, v in os.environ.items() if _ENV.search(k)),
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def _signature(path: str) -> list[Any] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [path, stat.st_size, stat.st_mtime_ns]


def _entry_path(key: str) -> Path:
    return cache_root() / "help" / f"{key}.json"


def replay(args: list[str]) -> int | None:
    """Write the recorded help for `args` and return its exit code; None when there is
    no valid recording (nothing has been written then)."""
    try:
        entry = json.loads(_entry_path(request_key(args)).read_text("utf-8"))
        if entry.get("format") != FORMAT:
            return None
        for path, size, mtime in entry["files"]:
            if _signature(path) != [path, size, mtime]:
                return None
        writes = [(str(stream), str(text)) for stream, text in entry["writes"]]
        code = int(entry["code"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for stream, text in writes:
        out = sys.stdout if stream == "out" else sys.stderr
        out.write(text)
    sys.stdout.flush()
    sys.stderr.flush()
    return code


class _Recorder:
    """A stand-in for sys.stdout or sys.stderr that passes everything through and
    remembers what was written as text (libraries ask it isatty(), fileno(), encoding).
    Bytes written to it or to its binary buffer spoil the recording: they are not kept."""

    def __init__(self, stream: TextIO, name: str, writes: list[tuple[str, str]],
                 spoiled: list[bool]) -> None:
        self._stream, self._name, self._writes, self._spoiled = stream, name, writes, spoiled

    def write(self, text: str) -> int:
        written = self._stream.write(text)  # first: click probes with b"" to learn the kind
        if isinstance(text, str):
            self._writes.append((self._name, text))
        elif text:
            self._spoiled.append(True)
        return written

    @property
    def buffer(self) -> Any:
        return _Spoiler(self._stream.buffer, self._spoiled)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Spoiler:
    def __init__(self, stream: Any, spoiled: list[bool]) -> None:
        self._stream, self._spoiled = stream, spoiled

    def write(self, data: bytes) -> int:
        if data:
            self._spoiled.append(True)
        return int(self._stream.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def record(args: list[str], run: Callable[[], None]) -> None:
    """Run the real help (`run`, which ends in SystemExit) and keep what it wrote."""
    key = request_key(args)  # before the run: it is what a later request will compute
    writes: list[tuple[str, str]] = []
    spoiled: list[bool] = []
    out, err = sys.stdout, sys.stderr
    sys.stdout = _Recorder(out, "out", writes, spoiled)
    sys.stderr = _Recorder(err, "err", writes, spoiled)
    code: int | None = 0
    try:
        run()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else None if exit_.code else 0
        raise
    finally:
        sys.stdout, sys.stderr = out, err
        if code is not None and not spoiled and sys.exc_info()[0] in (None, SystemExit):
            _save(key, writes, code)


def _made_from() -> list[list[Any]]:
    """Every loaded module file of packet and of the libraries that render help."""
    package = str(Path(__file__).resolve().parent.parent)
    roots = [package] + [str(Path(m.__file__).resolve().parent) for name in _LIBRARIES
                         if (m := sys.modules.get(name)) is not None and m.__file__]
    files = sorted({str(Path(f).resolve()) for m in list(sys.modules.values())
                    if isinstance(f := getattr(m, "__file__", None), str)
                    and any(str(Path(f).resolve()).startswith(r + os.sep) for r in roots)})
    return [s for f in files if (s := _signature(f)) is not None]


def _save(key: str, writes: list[tuple[str, str]], code: int) -> None:
    from packet.cache import write_atomic

    entry = {"format": FORMAT, "files": _made_from(), "writes": writes, "code": code}
    with contextlib.suppress(OSError):
        write_atomic(_entry_path(key), json.dumps(entry), durable=False)
