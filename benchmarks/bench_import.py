"""How long `packet import` takes, as a whole process, and how much memory it needs.

1. A generated BibTeX file of --entries entries (accents written in LaTeX, `@string`
   macros, long titles, a fifth of them duplicates of items already in the profile:
   by DOI, by arXiv id, or by a title with other capitalisation and LaTeX accents)
   into a profile that already holds --existing publications. Target: < 5 s, < 300 MB.
2. The three seed files (../shared/seeds/000_*, 001_*, 004_*) into an empty profile.
   Target: < 2 s. The formats of the seeds come from readers other modules add; a
   seed no registered reader recognises is reported as not run, with the reason.

Memory is the peak resident set of the `packet import` process (a wrapper prints
getrusage(RUSAGE_CHILDREN).ru_maxrss).

    python benchmarks/bench_import.py [--entries 5000] [--existing 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = next(
    (p / "shared" / "seeds" for p in REPO.parents if (p / "shared" / "seeds").is_dir()), REPO
)
WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(done.stderr[-2000:])\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime + use.ru_stime)\n"
    "sys.exit(done.returncode)\n"
)
FAMILIES = [
    ('M{\\"u}ller', "Müller"),
    ("Garc{\\'\\i}a", "García"),
    ("Ortiz-Jim{\\'e}nez", "Ortiz-Jiménez"),
    ("Fran{\\c{c}}ois", "François"),
    ("{\\L}ukasiewicz", "Łukasiewicz"),
    ("van der Berg", "van der Berg"),
    ("Smith", "Smith"),
    ("Nguyen", "Nguyen"),
    ("Rossi", "Rossi"),
    ("Dupont", "Dupont"),
    ("Kowalski", "Kowalski"),
    ("O'Brien", "O'Brien"),
    ("Tanaka", "Tanaka"),
    ("Schmidt", "Schmidt"),
]
GIVEN = ["Anna", "Jörg", "Li", "Marta", "Pierre", "Sofia", "Kenji", "Amit", "Chloé", "Ólafur"]
WORDS = [
    "learning",
    "diffusion",
    "hierarchical",
    "compositional",
    "kernel",
    "scaling",
    "neural",
    "networks",
    "data",
    "theory",
    "generalization",
    "transformers",
    "sparse",
    "random",
    "features",
    "geometry",
    "symmetry",
    "invariance",
    "locality",
    "phase",
    "transition",
    "statistical",
    "mechanics",
    "sample",
    "complexity",
    "optimisation",
    "gradient",
    "descent",
    "representation",
    "manifold",
    "curvature",
    "entropy",
    "inference",
    "bayesian",
    "markov",
    "chains",
    "spectral",
]
VENUES = ["Physical Review X", "Journal of Statistical Mechanics", "NeurIPS", "ICML", "ICLR"]


def title(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return f"{' '.join(words).capitalize()} {n}"


def make_profile(path: Path, count: int, rng: random.Random) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    lines = ["person:", "  name: Anna Müller", "publications:"]
    for n in range(count):
        fam = [rng.choice(FAMILIES)[1] for _ in range(rng.randint(2, 6))]
        item = {
            "id": f"item{n}",
            "title": title(rng, n),
            "year": 2000 + n % 25,
            "authors": [f"{f}, {rng.choice(GIVEN)[0]}." for f in fam],
            "doi": f"10.1000/existing.{n}" if n % 3 == 0 else None,
            "arxiv": f"{20 + n % 5:02d}{1 + n % 12:02d}.{10000 + n}" if n % 3 == 1 else None,
        }
        items.append(item)
        lines += [f"  - id: {item['id']}", "    kind: journal", "    authors:"]
        lines += [f'      - "{a}"' for a in item["authors"]]  # type: ignore[attr-defined]
        lines += [
            f'    title: "{item["title"]}"',
            f"    venue: {rng.choice(VENUES)}",
            f"    year: {item['year']}",
        ]
        if item["doi"]:
            lines.append(f"    doi: {item['doi']}")
        if item["arxiv"]:
            lines.append(f'    arxiv: "{item["arxiv"]}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return items


def make_bib(
    path: Path, entries: int, existing: list[dict[str, object]], rng: random.Random
) -> None:
    out = [
        '@string{prx = "Physical Review X"}',
        '@string{jsm = "Journal of Statistical Mechanics"}',
    ]
    duplicates = entries // 5
    for n in range(entries):
        if n < duplicates:
            number = rng.randrange(len(existing))  # some items are picked twice: two copies
            old = existing[number]
            page = 100_000 + number  # one paper, one page range, however many copies
            heading = str(old["title"]).title()
            authors = " and ".join(str(a) for a in old["authors"])  # type: ignore[attr-defined]
            year, extra = old["year"], ""
            if old["doi"]:
                extra = f"  doi = {{{old['doi']}}},\n"
            elif old["arxiv"]:
                extra = f"  eprint = {{{old['arxiv']}}}, archivePrefix = {{arXiv}},\n"
            extra += "  abstract = {An abstract the profile did not have, with $O(n^2)$ math.},\n"
        else:
            names = [rng.choice(FAMILIES) for _ in range(rng.randint(1, 8))]
            authors = " and ".join(f"{latex}, {rng.choice(GIVEN)}" for latex, _ in names)
            heading, year, extra = f"The {{R}}ole of {title(rng, 10_000 + n)}", 1995 + n % 30, ""
            page = n
        kind = rng.choice(["article", "inproceedings", "misc"])
        venue = {
            "article": "  journal = prx,\n",
            "inproceedings": "  booktitle = {Proc. " + rng.choice(VENUES) + "},\n",
            "misc": f"  eprint = {{{2100 + n % 9}.{20000 + n}}}, archivePrefix = {{arXiv}},\n",
        }[kind]
        if n < duplicates:
            venue = "  journal = prx,\n" if kind != "misc" else ""
        out.append(
            f"@{kind}{{key{n},\n  title = {{{heading}}},\n  author = {{{authors}}},\n"
            f"{venue}{extra}  year = {year},\n  pages = {{{page}--{page + 9}}},\n}}"
        )
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def run(args: list[str], cwd: Path) -> tuple[float, float, int, str, float]:
    """(wall seconds, peak MB, exit code, last error line, CPU seconds) of `packet ARGS`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-m", "packet", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    last = done.stdout.strip().splitlines()[-1].split() if done.stdout.strip() else ["0", "0"]
    error = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return seconds, int(last[0]) / 1024, done.returncode, error, float(last[1])


Row = tuple[str, str, str, str, str, str]  # run, wall s, CPU s, MB, target, result


def row(label: str, result: tuple[float, float, int, str, float], target: str = "") -> Row:
    seconds, rss, code, err, cpu = result
    return (label, f"{seconds:.2f}", f"{cpu:.2f}", f"{rss:.0f}", target, "ok" if code == 0 else err)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--existing", type=int, default=2000)
    options = parser.parse_args()
    rng = random.Random(7)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        existing = make_profile(root / "profiles" / "big" / "profile.yaml", options.existing, rng)
        make_bib(root / "big.bib", options.entries, existing, rng)
        size = (root / "big.bib").stat().st_size / 1e6
        label = (
            f"{options.entries} BibTeX entries ({size:.1f} MB) into {options.existing} publications"
        )
        rows.append(
            row(label, run(["import", "big.bib", "--profile", "big"], root), "< 5 s, < 300 MB")
        )
        after = options.existing + options.entries - options.entries // 5
        again = run(["import", "big.bib", "--profile", "big"], root)
        rows.append(row(f"the same file again: a no-op ({after} in the profile)", again))
        seeds = sorted(p for prefix in ("000_", "001_", "004_") for p in SEEDS.glob(f"{prefix}*"))
        runnable: list[str] = []
        for seed in seeds:
            probe = run(["import", str(seed), "--profile", f"probe-{seed.stem}", "--dry-run"], root)
            if probe[2] == 0:
                runnable.append(str(seed))
            else:
                rows.append((f"seed {seed.name}", "-", "-", "-", "", f"not run: {probe[3][:60]}"))
        if runnable:
            result = run(["import", *runnable, "--profile", "seeds"], root)
            rows.append(row(f"{len(runnable)} seeds into an empty profile", result, "< 2 s"))
    load = os.getloadavg()[0]
    print(
        f"packet import, whole process ({os.cpu_count()} cores, load average {load:.1f}, "
        f"Python {sys.version.split()[0]})\n"
    )
    print(f"{'run':<62} {'wall s':>7} {'CPU s':>6} {'MB':>5}  {'target':<16} result")
    for label, wall, cpu, mb, target, result_text in rows:
        print(f"{label:<62} {wall:>7} {cpu:>6} {mb:>5}  {target:<16} {result_text}")


if __name__ == "__main__":
    main()
