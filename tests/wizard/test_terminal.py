"""The real `packet wizard` in a pseudo-terminal, answered key by key as a person would.

Each test runs the installed command in its own copy of the example workspace,
with no saved applications, a private cache and a fixed build date. The
terminal answers prompt_toolkit's cursor-position queries, as a real one does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

CALL = "ml-theory-fellowship"
ENTER = "\r"
FINISH = "\x1b\r"  # Esc then Enter ends a multi-line answer
CTRL_U = "\x15"  # clears the line
CURSOR_QUERY = "\x1b[6n"


@pytest.fixture
def workspace(example_workspace: Path) -> Path:
    shutil.rmtree(example_workspace / "profiles" / "favero" / "applications", ignore_errors=True)
    return example_workspace


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    editor = tmp_path / "editor.sh"  # stands in for the person's editor: adds a sentence
    editor.write_text("#!/bin/sh\nprintf 'written in the editor.' >> \"$1\"\n")
    editor.chmod(0o755)
    return {
        **os.environ,
        "TERM": "xterm",
        "SOURCE_DATE_EPOCH": "1790000000",  # 2026-09-21
        "PACKET_CACHE_DIR": str(tmp_path / "cache"),
        "EDITOR": str(editor),
        "COLUMNS": "120",
        "LINES": "40",
    }


def packet_command() -> tuple[str, list[str]]:
    found = shutil.which("packet")
    return (found, []) if found else (sys.executable, ["-m", "packet.cli"])


class Terminal:
    """A spawned command in a 120x40 pseudo-terminal."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        command, prefix = packet_command()
        self.child = pexpect.spawn(command, [*prefix, *args], cwd=str(cwd), env=env,
                                   dimensions=(40, 120), encoding="utf-8", timeout=20)
        self.seen = ""

    def wait_for(self, text: str, timeout: float = 20) -> None:
        """Read until `text` shows, answering cursor-position queries on the way."""
        while True:
            index = self.child.expect_exact([text, CURSOR_QUERY], timeout=timeout)
            self.seen += self.child.before + self.child.after
            if index == 0:
                return
            self.child.send("\x1b[1;1R")

    def type(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def finish(self, timeout: float = 60) -> int:
        while self.child.expect([pexpect.EOF, re.escape(CURSOR_QUERY)], timeout=timeout) == 1:
            self.seen += self.child.before
            self.child.send("\x1b[1;1R")
        self.seen += self.child.before
        self.child.close()
        return self.child.exitstatus

    def text(self) -> str:
        """What was shown, without the terminal's control sequences."""
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r", "", self.seen)
        return re.sub(r"\s+", " ", plain)


def test_whole_application_then_replay_is_byte_identical(workspace: Path, env: dict[str, str]):
    term = Terminal(["wizard", "--profile", "favero", "--call", CALL], workspace, env)
    term.wait_for("Focus (optional)")
    term.type("diffusion models and hierarchical data", FINISH)
    term.wait_for("ticked · the Curriculum Vitae allows at most 12")
    term.type(ENTER)  # the ranked default selection

    term.wait_for("Which faculty member")
    term.wait_for("Your answer")
    term.type("Prof. " + "x" * 130, ENTER)  # over the 120 characters
    term.wait_for("the limit is 120")
    term.type(CTRL_U, "Prof. Example Host", ENTER)

    term.wait_for("Why is the institute")
    term.wait_for("Your answer")
    term.type("The institute works on the theory I study, ")
    term.wait_for("I study, ")
    term.type("\x18\x05")  # Ctrl-X Ctrl-E: the editor; its text comes back to the box
    term.wait_for("written in the editor.")
    term.type(FINISH)
    term.wait_for("Addressed to (optional)")
    term.type(ENTER)

    term.wait_for("Build the packet now?")
    term.type("y")
    term.wait_for("Packet:", timeout=90)
    assert term.finish() == 0
    shown = term.text()
    assert "Review" in shown and "Prof. Example Host" in shown
    assert f"output/{CALL}/favero/packet.pdf" in shown

    saved = workspace / "profiles" / "favero" / "applications" / f"{CALL}.yaml"
    answers = saved.read_text()
    assert "status: complete" in answers
    assert "fit: The institute works on the theory I study, written in the editor." in answers
    packet = workspace / "output" / CALL / "favero" / "packet.pdf"
    built_by_wizard = packet.read_bytes()

    command, prefix = packet_command()
    rebuilt = subprocess.run(
        [command, *prefix, "build", "--profile", "favero", "--call", CALL],
        cwd=workspace, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=120,
    )
    assert rebuilt.returncode in (0, 1), rebuilt.stderr  # 1 only with --strict findings
    assert "Packet:" in rebuilt.stdout
    assert packet.read_bytes() == built_by_wizard


def test_ctrl_c_mid_answer_keeps_a_draft(workspace: Path, env: dict[str, str]):
    term = Terminal(["wizard", "--profile", "favero", "--call", CALL], workspace, env)
    term.wait_for("Focus (optional)")
    term.type(FINISH)
    term.wait_for("ticked")
    term.type(ENTER)
    term.wait_for("Which faculty member")
    term.wait_for("Your answer")
    term.type("Prof. Half Typ")
    term.wait_for("Half Typ")
    term.type("\x03")
    assert term.finish() == 130
    shown = term.text()
    assert "Stopped." in shown
    assert "and the answer you were typing, is saved as a draft in" in shown
    assert f"profiles/favero/applications/{CALL}.yaml" in shown
    assert "Traceback" not in shown

    saved = (workspace / "profiles" / "favero" / "applications" / f"{CALL}.yaml").read_text()
    assert "status: draft" in saved
    assert "host: Prof. Half Typ" in saved

    # Run again: the typed answer comes back, ready to finish.
    again = Terminal(["wizard", "--profile", "favero", "--call", CALL], workspace, env)
    again.wait_for("Starting from your saved answers")
    again.wait_for("Focus (optional)")
    again.type(FINISH)
    again.wait_for("ticked")
    again.type(ENTER)
    again.wait_for("Prof. Half Typ")
    again.type("\x03")
    assert again.finish() == 130


def test_without_a_terminal_points_to_build(workspace: Path, env: dict[str, str]):
    command, prefix = packet_command()
    args = " ".join([command, *prefix, "wizard", "--profile", "favero", "--call", CALL])
    term = pexpect.spawn("/bin/sh", ["-c", f"{args} < /dev/null"], cwd=str(workspace), env=env,
                         dimensions=(40, 120), encoding="utf-8", timeout=20)
    term.expect(pexpect.EOF)
    term.close()
    shown = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", term.before))
    assert term.exitstatus == 1
    assert "needs an interactive terminal" in shown
    assert "standard input is not a terminal" in shown
    assert f"packet build --profile favero --call {CALL}" in shown
    assert "Traceback" not in shown
    assert not (workspace / "profiles" / "favero" / "applications").exists()
