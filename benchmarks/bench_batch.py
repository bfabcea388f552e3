"""How long `packet batch` takes for 50 packets of the example's size, and how much memory.

A temporary workspace holds the example profile copied to --profiles profile
ids, each with a saved application (fixed build date) for each of --calls
calls: 25 x 2 = 50 packets by default. Then, each as a new `packet batch`
process:

1. --jobs 1 from an empty output folder;
2. --jobs 2 from an empty output folder (the speed-up over 1);
3. --jobs 2 again with nothing changed: every packet is "up to date".

Memory: each run goes through a small wrapper process that reports
getrusage(RUSAGE_CHILDREN).ru_maxrss, the peak resident set of the largest
process below it. With workers that is a worker (they import and render
everything); the third run has no workers, so it shows the parent alone.

    python benchmarks/bench_batch.py [--profiles 25] [--calls ml-theory-fellowship,ai-faculty]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_JOBS2 = 20.0
TARGET_SECOND_RUN = 2.0
TARGET_MB = 300
WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def make_workspace(root: Path, profiles: int, calls: list[str]) -> None:
    for name in ("calls", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    source = REPO / "profiles" / "favero"
    for index in range(profiles):
        target = root / "profiles" / f"person{index:02d}"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("applications"))
        apps = target / "applications"
        apps.mkdir()
        for call in calls:
            (apps / f"{call}.yaml").write_text(f"call: {call}\nbuild_date: 2026-11-02\n")


def batch(ws: Path, jobs: int, env: dict[str, str]) -> tuple[float, int, Counter[str], int]:
    """Wall seconds, peak RSS (kB) of the largest process, statuses, exit code."""
    command = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "packet", "--workspace",
               str(ws), "batch", "--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    rows = json.loads((ws / "output" / "batch-report.json").read_text("utf-8"))
    statuses = Counter(row["status"] for row in rows)
    return seconds, int(done.stdout.strip().splitlines()[-1]), statuses, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=25)
    parser.add_argument("--calls", default="ml-theory-fellowship,ai-faculty")
    args = parser.parse_args()
    calls = [c.strip() for c in args.calls.split(",") if c.strip()]
    packets = args.profiles * len(calls)

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        ws = Path(tmp) / "ws"
        make_workspace(ws, args.profiles, calls)
        env = {**os.environ, "PACKET_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("SOURCE_DATE_EPOCH", None)
        runs = []
        for label, jobs, fresh in (("--jobs 1", 1, True), ("--jobs 2", 2, True),
                                   ("--jobs 2, nothing changed", 2, False)):
            if fresh:
                shutil.rmtree(ws / "output", ignore_errors=True)
            runs.append((label, *batch(ws, jobs, env)))

    print(f"packet batch: {packets} packets ({args.profiles} profiles x {', '.join(calls)})   "
          f"({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    print()
    print(f"{'run':<28} {'seconds':>8} {'per packet':>11} {'peak MB':>8}  statuses")
    for label, seconds, rss, statuses, code in runs:
        status = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        print(f"{label:<28} {seconds:>8.2f} {seconds / packets:>11.3f} {rss / 1024:>8.0f}  "
              f"{status}" + (f" (exit {code})" if code else ""))
    one, two, again = (r[1] for r in runs)
    worker_mb = max(runs[0][2], runs[1][2]) / 1024
    print()
    print(f"speed-up with 2 workers: {one / two:.2f}x")
    print(f"targets: --jobs 2 {two:.2f} s (< {TARGET_JOBS2:.0f} s), second run {again:.2f} s "
          f"(< {TARGET_SECOND_RUN:.0f} s), peak per worker {worker_mb:.0f} MB (< {TARGET_MB} MB)")


if __name__ == "__main__":
    main()
