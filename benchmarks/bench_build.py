"""How long `packet build --profile favero --call ml-theory-fellowship` takes, and where.

1. The whole command as a user runs it: a new Python process each time, in a
   copy of the example workspace, with a private cache warmed by one untimed
   run. Median and minimum of --runs runs.
2. The same build in process (imports done, caches warm), timed per stage by
   wrapping the pipeline's stage functions: each stage's own time, nested
   calls excluded (the cover's render counts as assembling).

3. With `--compare DIR` (another checkout of packet, e.g. `git worktree add /tmp/old
   HEAD~3`): the whole command of both, run alternately in one session so the
   machine's load falls on both alike, and the ratio of their medians.

    python benchmarks/bench_build.py [--runs 7] [--call ml-theory-fellowship] [--compare DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0
PROFILE = "favero"


def copy_workspace(target: Path) -> Path:
    for name in ("profiles", "calls", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    if (REPO / "packet.toml").is_file():
        shutil.copy(REPO / "packet.toml", target / "packet.toml")
    return target


def whole_process(ws: Path, call: str, runs: int, env: dict[str, str]) -> list[float]:
    command = [sys.executable, "-m", "packet", "--workspace", str(ws), "build",
               "--profile", PROFILE, "--call", call]
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        if run:  # the first run warms the caches and is not counted
            times.append(time.perf_counter() - started)
    return times


def compare(other: Path, call: str, runs: int) -> None:
    """This checkout against `other`, A/B alternated, each with its own workspace and cache."""
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        sides = {}
        for label, code in (("this", REPO), ("other", other.resolve())):
            ws = copy_workspace(Path(tmp) / label)
            env = {**os.environ, "PYTHONPATH": str(code),
                   "PACKET_CACHE_DIR": str(Path(tmp) / f"cache-{label}")}
            whole_process(ws, call, 0, env)  # warm its cache
            sides[label] = (ws, env, [])
        for _ in range(runs):
            for ws, env, times in sides.values():
                times += whole_process(ws, call, 1, env)[:1]
    this, that = (statistics.median(sides[k][2]) for k in ("this", "other"))
    print(f"packet build --call {call}, whole process, {runs} alternated runs each")
    print(f"{'checkout':<40} {'median':>8} {'min':>8}")
    print(f"{REPO!s:<40} {this:>8.3f} {min(sides['this'][2]):>8.3f}")
    print(f"{other!s:<40} {that:>8.3f} {min(sides['other'][2]):>8.3f}")
    print(f"ratio this / other: {this / that:.3f}")


def start_up(env: dict[str, str], runs: int) -> float:
    """`packet --help`: interpreter start and the CLI's own imports, no build."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "packet", "--help"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class StageClock:
    """Exclusive wall time per stage: a stage called inside another pauses the outer one."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._stack: list[list[Any]] = []  # [stage, started]

    def wrap(self, owner: Any, name: str, stage: str, *, unless_in: str | None = None) -> None:
        original: Callable[..., Any] = getattr(owner, name)
        clock = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            if unless_in and clock._stack and clock._stack[-1][0] == unless_in:
                return original(*args, **kwargs)
            now = time.perf_counter()
            if clock._stack:
                clock.totals[clock._stack[-1][0]] += now - clock._stack[-1][1]
            clock._stack.append([stage, now])
            clock.calls[stage] += 1
            try:
                return original(*args, **kwargs)
            finally:
                end = time.perf_counter()
                done, started = clock._stack.pop()
                clock.totals[done] += end - started
                if clock._stack:
                    clock._stack[-1][1] = end

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.totals.clear()
        self.calls.clear()


STAGES = ["load", "fingerprint", "compose", "render pdf", "render docx", "check", "assemble",
          "write files"]
HEAVY_MODULES = ["packet.pipeline", "packet.inputs", "packet.render.pdf", "packet.render.docx",
                 "packet.check.pdf_facts", "packet.check.packet", "packet.check.report_md",
                 "packet.compose.citations", "packet.compose.compose", "packet.compose.context",
                 "packet.compose.jinja_env", "packet.select", "packet.publish",
                 "packet.store.workspace", "pypdf"]


def child(ws_root: Path, call: str) -> None:
    """In a new process: imports, then a first build and a repeat build, timed per stage."""
    import importlib

    started = time.perf_counter()
    modules = {name: importlib.import_module(name) for name in HEAVY_MODULES}
    imports = time.perf_counter() - started

    clock = StageClock()
    pipeline = modules["packet.pipeline"]
    clock.wrap(pipeline, "inputs_digest", "fingerprint")
    for name in ("render_markdown", "parse_document"):  # looked up when compose_documents runs
        clock.wrap(modules["packet.compose.compose"], name, "compose")
    clock.wrap(modules["packet.compose.citations"].CitationFormatter, "format", "compose")
    clock.wrap(modules["packet.render.pdf"], "render_pdf", "render pdf", unless_in="assemble")
    clock.wrap(modules["packet.render.docx"], "render_docx", "render docx")
    clock.wrap(pipeline, "check_packet", "check")
    clock.wrap(pipeline, "report_markdown", "check")
    clock.wrap(pipeline, "render_cover", "assemble")
    clock.wrap(pipeline, "assemble_packet", "assemble")
    clock.wrap(pipeline, "publish", "write files")
    workspace = modules["packet.store.workspace"].Workspace

    builds = []
    for _ in range(2):
        clock.reset()
        started = time.perf_counter()
        ws = workspace.open(ws_root)
        ws.profile(PROFILE)
        ws.call(call)
        ws.application(PROFILE, call)
        loaded = time.perf_counter()
        pipeline.build_packet(ws, PROFILE, call)
        stages = {"load": loaded - started, **clock.totals}
        stages["total"] = time.perf_counter() - started
        stages["other"] = 2 * stages["total"] - sum(stages.values())
        builds.append(stages)
    print(json.dumps({"imports": imports, "first": builds[0], "repeat": builds[1],
                      "calls": dict(clock.calls)}))


def stage_runs(ws: Path, call: str, runs: int, env: dict[str, str]) -> list[dict[str, Any]]:
    command = [sys.executable, __file__, "--child", str(ws), "--call", call]
    return [json.loads(subprocess.run(command, env=env, check=True, capture_output=True,
                                      text=True).stdout) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--call", default="ml-theory-fellowship")
    parser.add_argument("--compare", type=Path, help="another checkout of packet to time beside")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.call)
        return
    if args.compare:
        compare(args.compare, args.call, args.runs)
        return

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        ws = copy_workspace(Path(tmp) / "ws")
        env = {**os.environ, "PACKET_CACHE_DIR": str(Path(tmp) / "cache")}
        times = whole_process(ws, args.call, args.runs, env)
        help_seconds = start_up(env, 3)
        runs = stage_runs(ws, args.call, args.runs, env)

    print(f"packet build --profile {PROFILE} --call {args.call}   "
          f"({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    print()
    print(f"{'whole process':<26} {'median':>8} {'min':>8} {'target':>8}")
    print(f"{f'{args.runs} warm runs':<26} {statistics.median(times):>8.3f} {min(times):>8.3f}"
          f" {TARGET_SECONDS:>8.2f}")
    print(f"{'packet --help (start-up)':<26} {help_seconds:>8.3f}")
    print()
    print(f"per stage, in a new process ({args.runs} runs, median seconds; nested calls excluded)")
    print(f"{'stage':<26} {'first':>8} {'share':>8} {'repeat':>8} {'calls':>8}")
    imports = statistics.median(r["imports"] for r in runs)
    print(f"{'imports':<26} {imports:>8.3f}")
    first_total = statistics.median(r["first"]["total"] for r in runs)
    calls = runs[-1]["calls"]
    for stage in [*STAGES, "other", "total"]:
        first = statistics.median(r["first"].get(stage, 0.0) for r in runs)
        repeat = statistics.median(r["repeat"].get(stage, 0.0) for r in runs)
        count = "" if stage in ("load", "other", "total") else str(calls.get(stage, 0))
        print(f"{stage:<26} {first:>8.3f} {first / first_total:>8.0%} {repeat:>8.3f} {count:>8}")
    print("first: the build `packet build` runs (typst, fonts and styles set up on first use);")
    print("repeat: a second build in the same process, as batch workers run them.")
    missing = [s for s in STAGES if s != "load" and not calls.get(s)]
    if missing:
        print(f"(no calls seen for: {', '.join(missing)}: the pipeline's function names changed)")


if __name__ == "__main__":
    main()
