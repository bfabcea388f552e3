"""Running `packet` in process for module-scoped fixtures (the `run` fixture is per test).

Shared by the build and batch tests: they build each packet once per module,
so they cannot use pytest's function-scoped capsys and monkeypatch.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def flat(self) -> str:
        """stdout and stderr with line breaks and table padding collapsed to single spaces."""
        return " ".join((self.out + "\n" + self.err).split())


Cli = Callable[..., Result]


def make_cli(cache: Path, base_env: dict[str, str | None] | None = None) -> Cli:
    """`packet ARGS...` in process, with `env` set (None removes a variable) for the call only."""

    def cli(*args: str, env: dict[str, str | None] | None = None) -> Result:
        from packet.cli import main

        out, err = io.StringIO(), io.StringIO()
        code = 0
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PACKET_CACHE_DIR", str(cache))
            for name, value in {**(base_env or {}), **(env or {})}.items():
                if value is None:
                    mp.delenv(name, raising=False)
                else:
                    mp.setenv(name, value)
            mp.setattr(sys, "argv", ["packet", *args])
            try:
                with redirect_stdout(out), redirect_stderr(err):
                    main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return Result(code, ANSI.sub("", out.getvalue()), ANSI.sub("", err.getvalue()))

    return cli


def copy_example(target: Path) -> Path:
    """The repository's example workspace, without saved applications."""
    target.mkdir(parents=True)
    for name in ("profiles", "calls", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    if (REPO / "packet.toml").is_file():
        shutil.copy(REPO / "packet.toml", target / "packet.toml")
    for folder in target.glob("profiles/*/applications"):
        shutil.rmtree(folder)
    return target
