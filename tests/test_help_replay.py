"""`packet --help` replayed from the cache: the same bytes as typer's own rendering, without
importing typer, and rendered afresh when a file it was made from changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from packet.cli import help_replay

REPO = Path(__file__).resolve().parent.parent
PROBE = ("import sys\nfrom packet.cli import main\nsys.argv = ['packet', *sys.argv[1:]]\n"
         "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
         "sys.stderr.write(f'\\nexit={code} typer={\"typer\" in sys.modules}\\n')\n")


def packet_help(cache: Path, *args: str, columns: str = "100") -> tuple[str, str]:
    env = {**os.environ, "PACKET_CACHE_DIR": str(cache), "COLUMNS": columns,
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True,
                          text=True, cwd=REPO, check=True)
    out, _, status = done.stderr.rpartition("\n")[0].rpartition("\n")
    return done.stdout + out, status


def test_the_second_help_is_the_same_text_without_typer(tmp_path: Path) -> None:
    first, status = packet_help(tmp_path, "build", "--help")
    assert status == "exit=0 typer=True"
    assert "--profile" in first and "Usage:" in first
    again, status = packet_help(tmp_path, "build", "--help")
    assert status == "exit=0 typer=False"
    assert again == first


def test_no_words_replays_the_usage_error_and_its_exit_code(tmp_path: Path) -> None:
    first, status = packet_help(tmp_path)
    again, status_again = packet_help(tmp_path)
    assert (again, status_again) == (first, "exit=2 typer=False")
    assert status == "exit=2 typer=True"


def test_another_terminal_width_is_rendered_for_it(tmp_path: Path) -> None:
    wide, _ = packet_help(tmp_path, "--help", columns="120")
    narrow, status = packet_help(tmp_path, "--help", columns="60")
    assert status == "exit=0 typer=True"
    assert max(map(len, narrow.splitlines())) <= 60 < max(map(len, wide.splitlines()))


def test_a_changed_command_module_is_rendered_afresh(tmp_path: Path) -> None:
    packet_help(tmp_path, "--help")
    [entry] = (tmp_path / "help").iterdir()
    recorded = json.loads(entry.read_text("utf-8"))
    build_cmd = str((REPO / "packet" / "cli" / "build_cmd.py").resolve())
    assert build_cmd in [path for path, _, _ in recorded["files"]]
    recorded["files"] = [[p, size + 1 if p == build_cmd else size, mtime]
                         for p, size, mtime in recorded["files"]]
    entry.write_text(json.dumps(recorded), "utf-8")
    _, status = packet_help(tmp_path, "--help")
    assert status == "exit=0 typer=True"


@pytest.mark.parametrize(("args", "replayed"), [
    ([], True), (["--help"], True), (["calls", "show", "-h"], True),
    (["build", "--profile", "x", "--help"], False), (["--help", "build"], False),
    (["build"], False), (["wizard", "--data", "--help"], False),
])
def test_only_help_alone_is_replayed(args: list[str], replayed: bool) -> None:
    assert help_replay.is_help_request(args) is replayed
