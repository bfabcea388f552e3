"""eval_rank averages each held-out set apart, and --check ranks nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from eval_rank import group_of, run  # noqa: E402


def test_each_held_out_set_has_its_own_group() -> None:
    assert (group_of(None), group_of(False), group_of(True)) == ("tuned", "tuned", "held out")
    assert group_of("held_out_2") == "held_out_2"
    cases = run(BENCHMARKS / "judgments" / "denolle.yaml", None, [])
    assert len(cases) == 18 and {c.group for c in cases} == {"held_out_2"}
    assert all(not c.scores for c in cases)  # no method asked: nothing ranked


def test_check_lists_the_cases_without_ranking() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "eval_rank.py"), "--check", "--only", "denolle"],
        capture_output=True, text=True, check=True, cwd=BENCHMARKS.parent,
        env={"PYTHONPATH": str(BENCHMARKS.parent), "PATH": "/usr/bin:/bin"})
    lines = result.stdout.splitlines()
    assert len(lines) == 18
    assert lines[0] == "denolle/velocity-monitoring [held_out_2]: 11 relevant, k 10"
