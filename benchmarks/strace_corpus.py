"""Run the hostile corpus (tests/hostile/cases.py) under strace: what each case opens,
creates, renames or removes outside its workspace, the processes it leaves running, its
time and peak memory.

    python benchmarks/strace_corpus.py [CASE-NAME ...]

Needs strace (Linux). Each case runs as a separate `python -m packet` process with its
cache inside the workspace (PACKET_CACHE_DIR), so every path packet itself writes must lie
there. Allowed outside: Python's installation (its modules and site-packages, packet's
own package), system files a runtime reads (/etc/ld.so.cache, locale, SSL certificates,
/dev/null, /dev/urandom, /proc/self), LibreOffice's installation and fonts where it is
installed (it counts DOCX pages, with its HOME in a temporary folder), and the system
temporary folder (packet's staging, Python's tempfile probe, LibreOffice's pipe).
Prints one line per case and the totals; exits 1 when any case reads or writes
elsewhere, exceeds 20 s or 4 GiB, or leaves a process behind.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hostile.cases import CASES, Case  # noqa: E402
from hostile.test_hostile import make_workspace  # noqa: E402

SECONDS, BYTES = 20.0, 4 * 1024**3
TMP = tempfile.gettempdir()
ALLOWED = (sys.prefix, sys.base_prefix, str(ROOT / "packet"), "/etc/", "/usr/", "/lib",
           "/dev/null", "/dev/urandom", "/dev/tty", "/proc/", "/sys/", "/dev/shm/",
           "/var/cache/fontconfig/", "/var/tmp", "/opt/", "/bin/")  # LibreOffice
CALLS = "openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir," \
        "truncate,link,linkat,symlink,symlinkat,execve"
PATH_ARG = re.compile(r'^\d+\s+(\w+)\((?:AT_FDCWD|\d+), "([^"]*)"|^\d+\s+(\w+)\("([^"]*)"')


def outside_paths(trace: Path, ws: Path, tmp: Path) -> list[str]:
    bad = []
    for line in trace.read_text(errors="replace").splitlines():
        if "ENOENT" in line and "openat" in line:
            continue  # a lookup that found nothing read nothing (Python's import path)
        match = PATH_ARG.match(line)
        if not match:
            continue
        call = match.group(1) or match.group(3)
        path = match.group(2) or match.group(4)
        if not path.startswith("/"):
            continue  # relative to the workspace (the process runs there)
        if path.startswith(str(ws)) or path.startswith(ALLOWED) or path == str(ROOT):
            continue  # ROOT itself: Python lists it, as an entry of PYTHONPATH
        if path == TMP or path.startswith(TMP + "/"):
            # The system's temporary folder: packet's staging (packet-*), Python's tempfile
            # probe, LibreOffice's pipe; the case's outside/ folder is checked below.
            continue
        bad.append(f"{call} {path}")
    return bad


def run_case(case: Case, strace: str) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory(prefix="strace-case-") as tmp_name:
        tmp = Path(tmp_name)
        ws, outside = make_workspace(tmp, case)
        before = {p: p.stat().st_mtime_ns for p in outside.rglob("*")}
        trace = tmp / "trace.txt"
        args = [a.format(ws=ws, outside=outside) for a in case.command]
        env = {**os.environ, "PACKET_CACHE_DIR": str(ws / ".cache"),
               "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1794700800"}
        for name, value in case.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        started = time.monotonic()
        proc = subprocess.run(
            [strace, "-f", "-qq", "-e", f"trace={CALLS}", "-o", str(trace), sys.executable,
             "-m", "packet", "--workspace", str(ws), *args],
            cwd=ws, env=env, capture_output=True, text=True, timeout=120)
        seconds = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        bad = outside_paths(trace, ws, tmp)
        # outside/ is the case's stand-in for the rest of the disk: nothing there may be
        # opened at all.
        opened_outside = [line for line in trace.read_text(errors="replace").splitlines()
                          if str(outside) in line and "ENOENT" not in line
                          and not re.search(r"(newfstatat|readlink|lstat)", line)]
        changed = {p: p.stat().st_mtime_ns for p in outside.rglob("*")} != before
        left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _mentions(pid, ws)]
        ok = (not bad and not opened_outside and not changed and not left
              and seconds < SECONDS and peak < BYTES and "Traceback" not in proc.stderr)
        detail = (f"{case.name:36} exit {proc.returncode}  {seconds:5.1f} s  "
                  f"{peak / 1024**2:6.0f} MB peak  outside: {len(bad) + len(opened_outside)}"
                  + (f"  left running: {left}" if left else "")
                  + ("  changed outside/" if changed else ""))
        for line in (bad + opened_outside)[:5]:
            detail += f"\n      {line}"
        shutil.rmtree(tmp, ignore_errors=True)
        return ok, detail


def _mentions(pid: str, ws: Path) -> bool:
    try:
        return str(ws).encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def main(names: list[str]) -> int:
    strace = shutil.which("strace")
    if strace is None:
        print("strace is not installed (apt-get install strace)")
        return 2
    chosen = [c for c in CASES if not names or c.name in names]
    failures = 0
    started = time.monotonic()
    for case in chosen:
        ok, detail = run_case(case, strace)
        failures += not ok
        print(("ok    " if ok else "FAIL  ") + detail, flush=True)
    print(f"{len(chosen) - failures} of {len(chosen)} cases clean "
          f"in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
