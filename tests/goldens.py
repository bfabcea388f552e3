"""Golden files: what users see, checked in, compared on every run.

`pytest --update-goldens` rewrites them from what the code makes now; read
`git diff tests/goldens` before committing, as a reviewer would read the pages.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDENS = Path(__file__).resolve().parent / "goldens"


def check_golden(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    path = GOLDENS / name
    if request.config.getoption("--update-goldens"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"no golden file {path.relative_to(GOLDENS.parent)}: "
                    "run `pytest --update-goldens` and read what it wrote")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            f"golden/{name}", "now", n=2))
        pytest.fail(f"{name} differs from its golden file (if the change is meant, "
                    f"run `pytest --update-goldens` and read the diff):\n{diff[:6000]}")
