"""Shared fixtures: the example workspace and a way to run the CLI in process."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or fill the user's real cache; one cache per test session."""
    monkeypatch.setenv("PACKET_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


# 2026-11-15 00:00 UTC. Date windows ("the last 5 years"), deadlines and "years since
# the PhD" count from packet's one clock, so every test sees the same day whatever the
# calendar says; a test that means another date sets its own (build_date or this variable).
PINNED_EPOCH = "1794700800"


@pytest.fixture(autouse=True, scope="session")
def _pinned_clock() -> Iterator[None]:
    # Session-wide, so that module-scoped fixtures (which build packets) see it too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/goldens/ from what the code makes now (read the diff!)")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `packet ARGS...` in process, as a user would from a shell; returns exit code and output."""
    from packet.cli import main

    def invoke(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["packet", *args])
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def example_workspace(tmp_path: Path) -> Path:
    """A copy of the repository's example workspace that a test may change."""
    target = tmp_path / "ws"
    target.mkdir()
    for name in ("profiles", "calls", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    if (REPO / "packet.toml").is_file():
        shutil.copy(REPO / "packet.toml", target / "packet.toml")
    return target


@pytest.fixture
def starter(tmp_path: Path, run: Callable[..., Result]) -> Path:
    """A fresh workspace made by `packet init`."""
    target = tmp_path / "starter"
    result = run("init", str(target))
    assert result.code == 0, result.err
    return target
