"""Every performance figure of packet in one table, measured side by side in one run.

This machine is shared and its load drifts, so absolute times mean little from one
run to the next; each build figure is also given as a ratio to the Typst floor
measured in the same run: raw typst-py compiling exactly the documents packet
asks it to compile (same themes, fonts, inputs), in a fresh process, and nothing
else. Whole-process figures run `packet` as a user does; peak memory is the
largest resident set of the process tree (getrusage of the children).

    python benchmarks/run.py [--runs 5] [--sizes 50,500,2000] [--large] [--batch 50]
                             [--rendercv PATH-TO-rendercv]

`--large` adds 10,000 publications (minutes). RenderCV is measured only when an
executable is given or on PATH (install it in another environment: its 2.x
releases fetch a Typst package from the network on first use, so on a machine
without network the script says it could not run it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from bench_publist import publication, write_workspace  # noqa: E402

EXAMPLE_CALL = "ml-theory-fellowship"
WRAPPER = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
           " stderr=subprocess.DEVNULL).returncode\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
           "sys.exit(code)\n")
RECORDER = """
import json, sys
from pathlib import Path
import packet.render.pdf as pdf
from packet.render.fonts import font_dirs
from packet.render.pdf_inputs import setup_inputs
from packet.pipeline import build_packet, BuildOptions
from packet.store.workspace import Workspace
seen = []
original = pdf.render_pdf
def record(doc, setup, *, timestamp):
    extra = [Path(f) for f in setup.font_dirs[:1]]
    seen.append({"theme": setup.theme, "doc": doc.to_json(),
                 "fonts": [str(d) for d in font_dirs(*extra)],
                 "setup": json.dumps(setup_inputs(setup), ensure_ascii=False),
                 "timestamp": timestamp})
    return original(doc, setup, timestamp=timestamp)
pdf.render_pdf = record
import packet.render.renderer  # looks render_pdf up when it runs
build_packet(Workspace.open(Path(sys.argv[1])), sys.argv[2], sys.argv[3],
             BuildOptions(formats=("pdf",)))
Path(sys.argv[4]).write_text(json.dumps({"themes": str(Path(pdf.THEMES_DIR)), "jobs": seen}))
"""
FLOOR = """
import json, sys, typst
spec = json.load(open(sys.argv[1]))
compilers = {}
for job in spec["jobs"]:
    key = (job["theme"], tuple(job["fonts"]))
    if key not in compilers:
        compilers[key] = typst.Compiler(spec["themes"] + "/" + job["theme"] + ".typ",
            root=spec["themes"], font_paths=job["fonts"], ignore_system_fonts=True)
    compilers[key].compile(format="pdf", timestamp=job["timestamp"],
        sys_inputs={"doc": job["doc"], "setup": job["setup"]})
"""
WATCHER = """
import sys, threading, time, queue
from pathlib import Path
from packet.pipeline import BuildOptions
from packet.watch import rebuilds
root, edits = Path(sys.argv[1]), int(sys.argv[2])
profile = root / "profiles" / "favero" / "profile.yaml"
original = profile.read_text("utf-8")
stop, results = threading.Event(), queue.Queue()
def run():
    for rebuild in rebuilds(root, "favero", sys.argv[3], BuildOptions(), stop=stop,
                            debounce_ms=10):
        results.put((time.perf_counter(), rebuild))
threading.Thread(target=run, daemon=True).start()
results.get(timeout=120)
for n in range(edits + 1):
    saved = time.perf_counter()
    profile.write_text(original.replace("phone: ", f"phone: {n} ", 1), "utf-8")
    done, rebuild = results.get(timeout=120)
    assert rebuild.result is not None, rebuild.error
    if n:  # the first edit warms what only an edit touches
        print(done - saved)
stop.set()
"""


@dataclass
class Figure:
    label: str
    times: list[float]
    peak_mb: float | None = None
    floor: float | None = None  # the Typst floor to give a ratio against
    target: str = ""
    note: str = ""


def run_timed(command: Sequence[str], env: dict[str, str], cwd: Path | None = None
              ) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `command` and everything it starts."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], env=env, cwd=cwd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode})")
    return seconds, int(done.stdout.split()[-1]) / 1024


def packet_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "packet", *args]


def copy_example(target: Path) -> Path:
    for name in ("profiles", "calls", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name)
    return target


def typst_floor(ws: Path, profile: str, call: str, env: dict[str, str], runs: int,
                spec: Path) -> Figure:
    subprocess.run([sys.executable, "-c", RECORDER, str(ws), profile, call, str(spec)],
                   env=env, check=True)
    samples = [run_timed([sys.executable, "-c", FLOOR, str(spec)], env) for _ in range(runs)]
    jobs = len(json.loads(spec.read_text())["jobs"])
    return Figure(f"Typst floor: {call} ({jobs} compiles)", [s for s, _ in samples],
                  max(m for _, m in samples), note="raw typst-py, same inputs")


def repeat(command: Sequence[str], env: dict[str, str], runs: int, warm: bool = True
           ) -> tuple[list[float], float]:
    if warm:
        run_timed(command, env)
    samples = [run_timed(command, env) for _ in range(runs)]
    return [s for s, _ in samples], max(m for _, m in samples)


def publication_workspace(root: Path, items: int, seed: int) -> None:
    """A distinct generated profile (accents, long titles, abstracts) and a publication list."""
    write_workspace(root, items, "apa", seed=seed, abstracts=True)


def scaling(tmp: Path, sizes: list[int], env: dict[str, str], runs: int) -> list[Figure]:
    figures = []
    for items in sizes:
        ws = tmp / f"pubs-{items}"
        publication_workspace(ws, items, seed=items)
        command = packet_cmd("-w", str(ws), "build", "-p", "synthetic", "-c", "publication-list")
        cold_env = {**env, "PACKET_CACHE_DIR": str(tmp / f"cache-pubs-{items}")}
        cold, cold_mb = run_timed(command, cold_env)
        spec = tmp / f"floor-{items}.json"
        floor = typst_floor(ws, "synthetic", "publication-list", cold_env, max(1, runs // 2),
                            spec)
        warm, warm_mb = repeat(command, cold_env, runs if items <= 2000 else 1, warm=False)
        base = statistics.median(floor.times)
        figures += [
            floor,
            Figure(f"{items:,} publications, cold", [cold], cold_mb, base,
                   target={2000: "≤ 5 s, ≤ 250 MB", 10000: "≤ 25 s, ≤ 500 MB"}.get(items, "")),
            Figure(f"{items:,} publications, warm", warm, warm_mb, base,
                   target={2000: "≤ 1.5 s", 10000: "≤ 7 s"}.get(items, "")),
        ]
    return figures


def batch(tmp: Path, count: int, env: dict[str, str]) -> Figure:
    """`count` packets of distinct generated profiles (60 publications each), cold cache."""
    ws = tmp / "batch"
    for name in ("calls", "templates"):
        shutil.copytree(REPO / name, ws / name)
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    for n in range(count):
        rng = random.Random(n)
        folder = ws / "profiles" / f"person{n:03d}"
        (folder / "applications").mkdir(parents=True)
        profile = {"person": {"name": f"Alessandra Jiménez-Wójcik {n}",
                              "name_variants": ["Jiménez-Wójcik, Alessandra"]},
                   "publications": [publication(rng, i, abstracts=True) for i in range(60)]}
        with (folder / "profile.yaml").open("w", encoding="utf-8") as handle:
            yaml.dump(profile, handle)
        (folder / "applications" / f"{EXAMPLE_CALL}.yaml").write_text(
            f"call: {EXAMPLE_CALL}\nbuild_date: 2026-11-02\nanswers:\n"
            "  addressee: the committee\n", "utf-8")
        (folder / "statements").mkdir()
        for name in ("research", "cover-letter"):
            (folder / "statements" / f"{name}.md").write_text(
                "A statement of a page or so.\n\n" * 20, "utf-8")
    seconds, peak = run_timed(packet_cmd("-w", str(ws), "batch", "--jobs", "2"),
                              {**env, "PACKET_CACHE_DIR": str(tmp / "cache-batch")})
    return Figure(f"batch of {count} distinct profiles, cold, --jobs 2", [seconds], peak,
                  target="≤ 6 s")


def watch(ws: Path, env: dict[str, str], edits: int, floor: float) -> Figure:
    done = subprocess.run([sys.executable, "-c", WATCHER, str(ws), str(edits), EXAMPLE_CALL],
                          env=env, capture_output=True, text=True, check=True)
    times = [float(line) for line in done.stdout.split()]
    return Figure("packet watch: save -> new packet", times, None, floor, target="≤ 2× floor",
                  note="one-field edit of the profile")


def rendercv(executable: str | None, tmp: Path) -> Figure | None:
    found = executable or shutil.which("rendercv")
    if not found:
        print("RenderCV: not run (no rendercv executable: pass --rendercv PATH, installed in "
              "another environment)")
        return None
    folder = tmp / "rendercv"
    folder.mkdir()
    made = subprocess.run([found, "new", "Jane Doe"], cwd=folder, capture_output=True)
    sample = next(folder.glob("*_CV.yaml"), None)
    if made.returncode != 0 or sample is None:
        print("RenderCV: not run (`rendercv new` failed: it may need the network)")
        return None
    try:
        times, peak = repeat([found, "render", sample.name, "--dont-generate-png",
                              "--dont-generate-html", "--dont-generate-markdown"],
                             dict(os.environ), 3)
    except RuntimeError:
        print("RenderCV: not run (`rendercv render` failed: 2.x fetches a Typst package from "
              "the network)")
        return None
    return Figure("RenderCV sample CV, PDF only", times, peak)


def show(figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="packet benchmarks", title_justify="left", header_style="bold")
    for name, justify in (("figure", "left"), ("median s", "right"), ("min–max s", "right"),
                          ("× floor", "right"), ("peak MB", "right"), ("target", "left"),
                          ("note", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in figures:
        median = statistics.median(f.times)
        table.add_row(
            f.label, f"{median:.3f}", f"{min(f.times):.3f}–{max(f.times):.3f}",
            f"{median / f.floor:.1f}×" if f.floor else "",
            f"{f.peak_mb:.0f}" if f.peak_mb else "", f.target, f.note)
    Console(width=160).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--large", action="store_true", help="add 10,000 publications")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rendercv")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([10000] if args.large else [])

    with tempfile.TemporaryDirectory(prefix="bench-run-") as name:
        tmp = Path(name)
        env = {**os.environ, "PACKET_CACHE_DIR": str(tmp / "cache"),
               "SOURCE_DATE_EPOCH": "1794700800"}
        example = copy_example(tmp / "example")
        floor = typst_floor(example, "favero", EXAMPLE_CALL, env, args.runs,
                            tmp / "floor.json")
        base = statistics.median(floor.times)
        build = packet_cmd("-w", str(example), "build", "-p", "favero", "-c", EXAMPLE_CALL)
        times, peak = repeat(build, env, args.runs)
        help_times, _ = repeat(packet_cmd("--help"), env, args.runs)
        figures = [
            floor,
            Figure("example packet, warm, PDF + DOCX", times, peak, base, "≤ 3× floor"),
            watch(example, env, args.runs, base),
            Figure("packet --help", help_times, None, target="≤ 0.15 s"),
            *scaling(tmp, sizes, env, args.runs),
            batch(tmp, args.batch, env),
        ]
        made = rendercv(args.rendercv, tmp)
        if made is not None:
            figures.append(made)
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load "
          f"{os.getloadavg()[0]:.1f} at the end")
    show(figures)


if __name__ == "__main__":
    main()
