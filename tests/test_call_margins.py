"""An absurd margin in a call spec is said in the spec's own units, with its file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def test_margins_that_leave_no_room_for_text_are_a_located_error(
    starter: Path, run: Callable[..., Any],
) -> None:
    spec = next((starter / "calls").glob("*.yaml"))
    text = spec.read_text("utf-8").replace("format:\n", "format:\n  margins: {left: 12cm, right: 10cm}\n", 1)
    spec.write_text(text, "utf-8")
    result = run("-w", str(starter), "build", "-c", spec.stem)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"calls/{spec.name}:" in result.err
    assert "left 12cm and right 10cm leave less than 2in of text on A4" in " ".join(result.err.split())
