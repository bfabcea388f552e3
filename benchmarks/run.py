"""Every performance figure of packet in one table, measured side by side in one run.

This machine is shared and its load drifts, so absolute times mean little from one
run to the next; each build figure is also given as a ratio to the Typst floor
measured in the same run: raw typst-py compiling exactly the documents packet
asks it to compile (same themes, fonts, inputs), in a fresh process, and nothing
else. Whole-process figures run `packet` as a user does; peak memory is the
largest resident set of the process tree (getrusage of the children).

    python benchmarks/run.py [--runs 5] [--sizes 50,500,2000] [--large] [--batch 50]
                             [--rendercv PATH-TO-rendercv] [--rendercv-packages DIR]
                             [--compare OTHER-CHECKOUT] [--no-bytecode]

`--large` adds 10,000 publications (minutes). RenderCV is measured only when an
executable is given or on PATH (install it in another environment: its 2.x
releases fetch a Typst package, fontawesome, from the network on first use; on a
machine without network, `--rendercv-packages DIR` gives it a folder laid out as
Typst's package cache, DIR/preview/fontawesome/0.5.0, and otherwise the script says
it could not run it). `--compare DIR` times another checkout of packet (e.g. `git
archive` of an older commit) in the same run, each of its runs paired with one of
this checkout's, for the rows that run `packet` as a command. Packet's own modules
are compiled to bytecode first, as `pip install` does (`--no-bytecode`: as an
editable install under PYTHONDONTWRITEBYTECODE=1 runs, compiling them every start).
CPU seconds (user + system of the process and all it started) are given beside the
wall time: on a shared machine they move less with the load.
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
from collections.abc import Mapping, Sequence
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
           "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(use.ru_utime + use.ru_stime, use.ru_maxrss)\n"
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
from packet.watch import Rebuild, rebuilds
root, edits = Path(sys.argv[1]), int(sys.argv[2])
profile = root / "profiles" / "favero" / "profile.yaml"
original = profile.read_text("utf-8")
stop, results = threading.Event(), queue.Queue()
def run():
    for rebuild in rebuilds(root, "favero", sys.argv[3], BuildOptions(), stop=stop,
                            debounce_ms=10):
        if isinstance(rebuild, Rebuild):  # not the DOCX page counts that may follow one
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
    cpu: list[float] | None = None  # CPU seconds of each run, when measured
    ratio: tuple[str, Figure] | None = None  # (what, the figure to give a ratio against)


@dataclass
class Sample:
    seconds: float
    cpu: float
    peak_mb: float


def run_timed(command: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> Sample:
    """Wall seconds, CPU seconds and peak RSS (MB) of `command` and everything it starts."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], env=env, cwd=cwd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode})")
    cpu, rss = done.stdout.split()[-2:]
    return Sample(seconds, float(cpu), int(rss) / 1024)


def figure(label: str, samples: list[Sample], **kwargs: object) -> Figure:
    return Figure(label, [s.seconds for s in samples], max(s.peak_mb for s in samples),
                  cpu=[s.cpu for s in samples], **kwargs)  # type: ignore[arg-type]


def paired(commands: Mapping[str, tuple[Sequence[str], dict[str, str]]], runs: int,
           warm: bool = True, cwd: Path | None = None) -> dict[str, list[Sample]]:
    """Each command `runs` times, taking turns (A B A B ...), so a change in the machine's
    load falls on all of them alike."""
    if warm:
        for command, env in commands.values():
            run_timed(command, env, cwd)
    out: dict[str, list[Sample]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            out[name].append(run_timed(command, env, cwd))
    return out


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
    return figure(f"Typst floor: {call} ({jobs} compiles)", samples,
                  note="raw typst-py, same inputs")


def repeat(command: Sequence[str], env: dict[str, str], runs: int, warm: bool = True
           ) -> tuple[list[float], float]:
    if warm:
        run_timed(command, env)
    samples = [run_timed(command, env) for _ in range(runs)]
    return [s.seconds for s in samples], max(s.peak_mb for s in samples)


def compared(label: str, command: Sequence[str], env: dict[str, str], runs: int,
             other: Path | None, warm: bool = True, **kwargs: object) -> list[Figure]:
    """`command` with this checkout, and paired with it the same with `other`'s packet."""
    commands = {"this": (command, env)}
    if other is not None:
        commands["other"] = (command, {**env, "PYTHONPATH": str(other)})
    samples = paired(commands, runs, warm)
    this = figure(label, samples["this"], **kwargs)
    if other is None:
        return [this]
    before = figure(f"  the same, {other.name}", samples["other"],
                    floor=kwargs.get("floor"))
    this.ratio = ("× before", before)
    return [this, before]


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
        cold = run_timed(command, cold_env)
        spec = tmp / f"floor-{items}.json"
        floor = typst_floor(ws, "synthetic", "publication-list", cold_env, max(1, runs // 2),
                            spec)
        warm = [run_timed(command, cold_env) for _ in range(runs if items <= 2000 else 1)]
        base = statistics.median(floor.times)
        figures += [
            floor,
            figure(f"{items:,} publications, cold", [cold], floor=base,
                   target={2000: "≤ 5 s, ≤ 250 MB", 10000: "≤ 25 s, ≤ 500 MB"}.get(items, "")),
            figure(f"{items:,} publications, warm", warm, floor=base,
                   target={2000: "≤ 1.5 s", 10000: "≤ 7 s"}.get(items, "")),
        ]
    return figures


def batch_workspace(ws: Path, count: int) -> None:
    """`count` distinct generated profiles (60 publications each), one application each."""
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


def batch(tmp: Path, count: int, env: dict[str, str], other: Path | None) -> list[Figure]:
    """`count` packets of distinct profiles, cold cache, `--jobs 2`: as the machine is (with
    LibreOffice counting DOCX pages when it is installed) and without LibreOffice."""
    ws = tmp / "batch"
    batch_workspace(ws, count)
    without = {**env, "PATH": os.path.dirname(sys.executable)}  # no soffice to be found
    kinds = [("without LibreOffice", without)]
    if shutil.which("soffice", path=env.get("PATH")) or shutil.which("libreoffice",
                                                                       path=env.get("PATH")):
        kinds.insert(0, ("LibreOffice counting DOCX pages", env))
    figures: list[Figure] = []
    for kind, base in kinds:
        checkouts = {"this": base} | ({"other": {**base, "PYTHONPATH": str(other)}}
                                      if other else {})
        samples = {}
        for name, run_env in checkouts.items():
            shutil.rmtree(ws / "output", ignore_errors=True)
            cache = tmp / f"cache-batch-{name}-{len(figures)}"
            samples[name] = run_timed(packet_cmd("-w", str(ws), "batch", "--jobs", "2"),
                                      {**run_env, "PACKET_CACHE_DIR": str(cache)})
        this = figure(f"batch of {count} distinct profiles, cold, --jobs 2, {kind}",
                      [samples["this"]], target="≤ 6 s")
        figures.append(this)
        if other is not None:
            before = figure(f"  the same, {other.name}", [samples["other"]])
            this.ratio = ("× before", before)
            figures.append(before)
    return figures


def watch(ws: Path, env: dict[str, str], edits: int, floor: float) -> Figure:
    done = subprocess.run([sys.executable, "-c", WATCHER, str(ws), str(edits), EXAMPLE_CALL],
                          env=env, capture_output=True, text=True, check=True)
    times = [float(line) for line in done.stdout.split()]
    return Figure("packet watch: save -> new packet", times, None, floor, target="≤ 2× floor",
                  note="one-field edit of the profile")


CV_ONLY_CALL = """id: cv-only
name: A CV
funder: nobody
kind: job
rules_read: 2026-11
format:
  paper: a4
  font_size: 10
documents:
  - id: cv
    title: Curriculum Vitae
    template: cv
"""


def rendercv(executable: str | None, packages: Path | None, tmp: Path, env: dict[str, str],
             runs: int, other: Path | None) -> list[Figure]:
    """RenderCV's own sample CV through `rendercv render` (PDF only), beside `packet build
    --format pdf` of the same sample imported with `packet import`, runs taking turns."""
    found = executable or shutil.which("rendercv")
    if not found:
        print("RenderCV: not run (no rendercv executable: pass --rendercv PATH, installed in "
              "another environment)")
        return []
    folder = tmp / "rendercv"
    folder.mkdir()
    rcv_env = {k: v for k, v in os.environ.items() if not k.startswith(("PACKET", "PYTHON"))}
    if packages is not None:  # Typst reads packages from $XDG_CACHE_HOME/typst/packages
        (tmp / "xdg" / "typst").mkdir(parents=True)
        (tmp / "xdg" / "typst" / "packages").symlink_to(packages.resolve())
        rcv_env["XDG_CACHE_HOME"] = str(tmp / "xdg")
    made = subprocess.run([found, "new", "Jane Doe"], cwd=folder, capture_output=True,
                          env=rcv_env)
    sample = next(folder.glob("*_CV.yaml"), None)
    if made.returncode != 0 or sample is None:
        print("RenderCV: not run (`rendercv new` failed)")
        return []
    render = [found, "render", str(sample), "--dont-generate-png", "--dont-generate-html",
              "--dont-generate-markdown"]
    try:
        run_timed(render, rcv_env, folder)
    except RuntimeError:
        print("RenderCV: not run (`rendercv render` failed: 2.x fetches the Typst package "
              "fontawesome from the network; give it one with --rendercv-packages DIR)")
        return []
    ws = tmp / "rendercv-packet"
    subprocess.run(packet_cmd("init", str(ws)), env=env, check=True, capture_output=True)
    subprocess.run(packet_cmd("-w", str(ws), "import", str(sample), "--profile", "jane"),
                   env=env, check=True, capture_output=True)
    (ws / "calls" / "cv-only.yaml").write_text(CV_ONLY_CALL, "utf-8")
    build = packet_cmd("-w", str(ws), "build", "-p", "jane", "-c", "cv-only", "--format", "pdf")
    commands = {"rendercv": (render, rcv_env), "this": (build, env)}
    if other is not None:
        commands["other"] = (build, {**env, "PYTHONPATH": str(other)})
    samples = paired(commands, runs, cwd=folder)
    theirs = figure("RenderCV sample CV, PDF only (rendercv render)", samples["rendercv"])
    ours = figure("  the same CV: packet import, packet build --format pdf", samples["this"],
                  target="≤ 0.5× RenderCV")
    ours.ratio = ("× RenderCV", theirs)
    figures = [theirs, ours]
    if other is not None:
        before = figure(f"  the same, {other.name}", samples["other"])
        before.ratio = ("× RenderCV", theirs)
        figures.append(before)
    return figures


def show(figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="packet benchmarks", title_justify="left", header_style="bold")
    for name, justify in (("figure", "left"), ("median s", "right"), ("min–max s", "right"),
                          ("CPU s", "right"), ("× floor", "right"), ("ratio", "right"),
                          ("peak MB", "right"), ("target", "left"), ("note", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in figures:
        median = statistics.median(f.times)
        table.add_row(
            f.label, f"{median:.3f}", f"{min(f.times):.3f}–{max(f.times):.3f}",
            f"{statistics.median(f.cpu):.3f}" if f.cpu else "",
            f"{median / f.floor:.1f}×" if f.floor else "",
            ratio_text(f),
            f"{f.peak_mb:.0f}" if f.peak_mb else "", f.target, f.note)
    Console(width=200).print(table)


def ratio_text(f: Figure) -> str:
    """The ratio of medians, wall time (and CPU time, which the load moves less)."""
    if f.ratio is None:
        return ""
    what, other = f.ratio
    text = f"{statistics.median(f.times) / statistics.median(other.times):.2f}{what}"
    if f.cpu and other.cpu:
        text += f" (CPU {statistics.median(f.cpu) / statistics.median(other.cpu):.2f}×)"
    return text


def bytecode(env: dict[str, str]) -> None:
    """Compile packet's modules as `pip install` does (the interpreter then reads them)."""
    for root in {Path(p) for p in env.get("PYTHONPATH", str(REPO)).split(os.pathsep) if p}:
        if (root / "packet").is_dir():
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "packet")],
                           check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--large", action="store_true", help="add 10,000 publications")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rendercv")
    parser.add_argument("--rendercv-packages", type=Path)
    parser.add_argument("--compare", type=Path, help="another checkout of packet to time beside")
    parser.add_argument("--no-bytecode", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated: example, help, watch, "
                        "scaling, batch, rendercv (default: all)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([10000] if args.large else [])
    only = {o.strip() for o in args.only.split(",") if o.strip()}
    other = args.compare.resolve() if args.compare else None
    packages = args.rendercv_packages.resolve() if args.rendercv_packages else None
    rendercv_exe = str(Path(args.rendercv).resolve()) if args.rendercv else None

    def wanted(part: str) -> bool:
        return not only or part in only

    with tempfile.TemporaryDirectory(prefix="bench-run-") as name:
        tmp = Path(name)
        # Not from the repository: `python -m packet` would import ./packet first, whatever
        # PYTHONPATH says, and --compare would time this checkout twice.
        os.chdir(tmp)
        env = {**os.environ, "PACKET_CACHE_DIR": str(tmp / "cache"),
               "SOURCE_DATE_EPOCH": "1794700800",
               "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO),
                                                           os.environ.get("PYTHONPATH")]))}
        if not args.no_bytecode:
            bytecode(env)
            if other is not None:
                bytecode({"PYTHONPATH": str(other)})
        load = os.getloadavg()[0]
        example = copy_example(tmp / "example")
        figures: list[Figure] = []
        base = None
        if wanted("example") or wanted("watch"):
            floor = typst_floor(example, "favero", EXAMPLE_CALL, env, args.runs,
                                tmp / "floor.json")
            base = statistics.median(floor.times)
            figures.append(floor)
        if wanted("example"):
            build = packet_cmd("-w", str(example), "build", "-p", "favero", "-c", EXAMPLE_CALL)
            figures += compared("example packet, warm, PDF + DOCX", build, env, args.runs, other,
                                floor=base, target="≤ 3× floor")
        if wanted("watch"):
            assert base is not None
            figures.append(watch(example, env, args.runs, base))
        if wanted("help"):
            figures += compared("packet --help", packet_cmd("--help"), env, args.runs, other,
                                target="≤ 0.15 s")
        if wanted("scaling"):
            figures += scaling(tmp, sizes, env, args.runs)
        if wanted("batch"):
            figures += batch(tmp, args.batch, env, other)
        if wanted("rendercv"):
            figures += rendercv(rendercv_exe, packages, tmp, env, args.runs, other)
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
          f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; bytecode "
          f"{'not written (compiled every start)' if args.no_bytecode else 'written'}; "
          f"LibreOffice {'found' if shutil.which('soffice') else 'not found'}")
    show(figures)


if __name__ == "__main__":
    main()
