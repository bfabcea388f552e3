"""A real `packet` in a pseudo-terminal, its output drawn on an emulated screen (pyte),
so a test reads what a person would see at 60 or 120 columns."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pexpect
import pyte

ENTER = "\r"
FINISH = "\x1b\r"  # Esc then Enter ends a multi-line answer
DOWN = "\x1b[B"
END = "\x1b[F"
BACK = "\x1b[Z"
CTRL_C = "\x03"
CTRL_U = "\x15"
CTRL_Z = "\x1a"
CURSOR_QUERY = "\x1b[6n"


def packet_command() -> tuple[str, list[str]]:
    found = shutil.which("packet")
    return (found, []) if found else (sys.executable, ["-m", "packet.cli"])


def environment(tmp_path: Path, columns: int) -> dict[str, str]:
    editor = tmp_path / "editor.sh"  # stands in for the person's editor: adds a sentence
    editor.write_text("#!/bin/sh\nprintf 'written in the editor.' >> \"$1\"\n")
    editor.chmod(0o755)
    return {**os.environ, "TERM": "xterm", "SOURCE_DATE_EPOCH": "1790000000",  # 2026-09-21
            "PACKET_CACHE_DIR": str(tmp_path / "cache"), "EDITOR": str(editor),
            "COLUMNS": str(columns), "LINES": "30"}


class Terminal:
    """A spawned command on a columns x 30 screen."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str], columns: int) -> None:
        command, prefix = packet_command()
        self.columns = columns
        self.screen = pyte.Screen(columns, 30)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn(command, [*prefix, *args], cwd=str(cwd), env=env,
                                   dimensions=(30, columns), encoding="utf-8", timeout=30)
        self.seen = ""  # everything written, for what scrolled off the screen
        self.mark = 0  # where in `seen` the output after the last keys starts

    def _feed(self, chunk: str) -> None:
        self.seen += chunk
        if CURSOR_QUERY in chunk:  # a real terminal answers where its cursor is
            self.child.send(f"\x1b[{self.screen.cursor.y + 1};{self.screen.cursor.x + 1}R")
        self.stream.feed(chunk)

    def shown(self) -> str:
        """The screen's text with its line breaks as spaces (words wrap at line ends)."""
        return " ".join(" ".join(self.screen.display).split())

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def fresh(self) -> str:
        """What was written since the last keys, as text."""
        return _plain(self.seen[self.mark:])

    def wait_for(self, text: str, timeout: float = 30, fresh: bool = True) -> None:
        """Read until `text` is on the screen and, when `fresh`, was written after the last
        keys (not left over from an earlier question still on the screen)."""
        while text not in self.shown() or (fresh and text not in self.fresh()):
            try:
                self._feed(self.child.read_nonblocking(65536, timeout=timeout))
            except (pexpect.TIMEOUT, pexpect.EOF) as gone:
                why = "the program ended" if isinstance(gone, pexpect.EOF) else "timed out"
                raise AssertionError(f"{text!r} not shown ({why}); the screen:\n"
                                     + "\n".join(self.lines())) from None

    def settle(self, seconds: float = 0.6) -> None:
        """Read whatever comes within `seconds` (the screen after a key)."""
        while True:
            try:
                self._feed(self.child.read_nonblocking(65536, timeout=seconds))
            except pexpect.TIMEOUT:
                return

    def type(self, *keys: str) -> None:
        self.mark = len(self.seen)
        for key in keys:
            self.child.send(key)

    def finish(self, timeout: float = 90) -> int:
        while True:
            try:
                self._feed(self.child.read_nonblocking(65536, timeout=timeout))
            except pexpect.EOF:
                break
        self.child.close()
        return self.child.exitstatus

    def text(self) -> str:
        """Everything shown, without the control sequences, whitespace collapsed."""
        return _plain(self.seen)


def _plain(written: str) -> str:
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r", "", written)
    return re.sub(r"\s+", " ", plain)
