"""How long `packet wizard` takes to show its first question, as a person sees it.

Spawns `packet wizard --profile favero --call ml-theory-fellowship` in a
pseudo-terminal on a copy of the example workspace (no saved application),
and times from the spawn until the first question's text is on the screen.
The target is 0.5 s; `packet --help`, timed in the same runs (interleaved), gives the
ratio that machine load does not change much. Every run starts a fresh process (with the cache of
validated profiles and calls warm, as it is after any earlier command).

    python benchmarks/bench_wizard_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

TARGET_SECONDS = 0.5
REPO = Path(__file__).resolve().parent.parent
FIRST_QUESTION = "Focus (optional)"


def workspace(root: Path) -> Path:
    ws = root / "ws"
    ws.mkdir()
    for name in ("profiles", "calls", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, ws / name)
    if (REPO / "packet.toml").is_file():
        shutil.copy(REPO / "packet.toml", ws / "packet.toml")
    for applications in (ws / "profiles").glob("*/applications"):
        shutil.rmtree(applications)
    return ws


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, where /proc tells it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_first_question(ws: Path, env: dict[str, str]) -> tuple[float, float | None]:
    """Wall time from spawn to the first question, and the CPU time the wizard used for it
    (which other load on the machine does not inflate)."""
    command = shutil.which("packet")
    args = ["wizard", "--profile", "favero", "--call", "ml-theory-fellowship"]
    if command is None:
        command, args = sys.executable, ["-c", "from packet.cli import main; main()", *args]
    start = time.perf_counter()
    child = pexpect.spawn(command, args, cwd=str(ws), env=env, dimensions=(40, 120),
                          encoding="utf-8", timeout=30)
    try:
        # A real terminal answers prompt_toolkit's cursor-position query; so does this one.
        while child.expect_exact([FIRST_QUESTION, "\x1b[6n"]) == 1:
            child.send("\x1b[1;1R")
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds(child.pid)
    finally:
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
    return elapsed, cpu


def time_help(env: dict[str, str]) -> float:
    """Wall time of `packet --help`, the floor any packet command pays (Python, Typer)."""
    import subprocess

    command = shutil.which("packet")
    args = [command, "--help"] if command else [sys.executable, "-m", "packet", "--help"]
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = workspace(root)
        env = {**os.environ, "TERM": "xterm", "PACKET_CACHE_DIR": str(root / "cache"),
               "SOURCE_DATE_EPOCH": "1790000000"}
        time_to_first_question(ws, env)  # fills the cache, as any earlier command would
        times, cpus, helps = [], [], []
        for _ in range(runs):
            helps.append(time_help(env))  # interleaved: both see the same machine load
            elapsed, cpu = time_to_first_question(ws, env)
            times.append(elapsed)
            if cpu is not None:
                cpus.append(cpu)
            # Ctrl-C saved a draft; start each run as a first-time user.
            shutil.rmtree(ws / "profiles" / "favero" / "applications", ignore_errors=True)
    median = statistics.median(times)
    verdict = "within" if median <= TARGET_SECONDS else "OVER"
    print(f"wizard first question: median {median:.3f} s of {runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); target {TARGET_SECONDS} s: {verdict}")
    help_median = statistics.median(helps)
    print(f"packet --help: median {help_median:.3f} s; the first question takes "
          f"{median / help_median:.2f}x as long")
    if cpus:
        print(f"  CPU time the wizard used until then: median {statistics.median(cpus):.3f} s "
              f"(load average {os.getloadavg()[0]:.2f}; a busy machine inflates the wall time)")


if __name__ == "__main__":
    main()
