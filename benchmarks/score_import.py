"""Score an imported profile against the curated profiles/favero/profile.yaml, field by field.

    python benchmarks/score_import.py imported/profile.yaml     # a profile `packet import` wrote
    python benchmarks/score_import.py --seeds                   # the CV, index readers on seeds
    python benchmarks/score_import.py --orders                  # seeds in every order, scored

Items are matched across the two profiles by title similarity (or the section's key
fields: course, student, organization, degree and institution); then every field the
curated item has (except id and tags) is compared: text case- and space-insensitively,
author lists by family names in order, numbers as numbers, lists as lists. A curated
item with no match scores 0 for each of its fields. Prints a table per section and
the overall percentage.

`--seeds` runs the CV reader on seed 000 and the publication-index reader on seed 001
directly (no normalisation or merging step: names are compared by family name only,
and index records only fill fields the CV item lacks), to measure the readers before
the whole pipeline is wired; fields only the arXiv listing (seed 004) holds count as
missing there.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
CURATED = REPO / "profiles" / "favero" / "profile.yaml"
# The seeds sit next to the repository; PACKET_SEEDS overrides (a git worktree lives elsewhere).
SEEDS = Path(os.environ.get("PACKET_SEEDS", REPO.parent / "shared" / "seeds"))
SECTIONS = ("education", "positions", "publications", "talks", "awards", "grants", "teaching",
            "mentoring", "service", "meetings", "interests")  # fmt: skip
KEYS = {
    "teaching": ("course", "code"),
    "mentoring": ("student", "program"),
    "service": ("organization",),
    "education": ("degree", "institution"),
    "interests": ("area",),
}
SKIP = {"id", "tags"}


def norm(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = re.sub(r"[*†‡]", "", text)
    return re.sub(r"\s+", " ", re.sub(r"[\"“”'’]", "", text)).strip(" .,;:")


def family(name: str) -> str:
    name = re.sub(r"[*†‡]", "", str(name)).strip()
    return norm(name.split(",")[0] if "," in name else name.split()[-1] if name.split() else name)


def same(field: str, curated: Any, found: Any) -> bool:
    if found is None:
        return False
    if field in ("authors", "equal_contribution"):
        return [family(a) for a in curated] == [family(a) for a in found]
    if isinstance(curated, bool) or isinstance(found, bool):
        return bool(curated) == bool(found)
    if isinstance(curated, (int, float)) and not isinstance(curated, bool):
        try:
            return float(curated) == float(found)
        except (TypeError, ValueError):
            return False
    if isinstance(curated, list):
        return isinstance(found, list) and [norm(c) for c in curated] == [norm(f) for f in found]
    return norm(curated) == norm(found)


def key(section: str, item: dict[str, Any]) -> str:
    fields = KEYS.get(section, ("title",))
    return " ".join(norm(item.get(f, "")) for f in fields)


def match(
    section: str, curated: list[dict[str, Any]], found: list[dict[str, Any]]
) -> list[dict[str, Any] | None]:
    """Greedy best pairs by key similarity (each found item used once)."""
    pairs = []
    for i, c in enumerate(curated):
        for j, f in enumerate(found):
            ratio = difflib.SequenceMatcher(None, key(section, c), key(section, f)).ratio()
            if ratio >= 0.6:
                pairs.append((ratio, i, j))
    result: list[dict[str, Any] | None] = [None] * len(curated)
    used: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if result[i] is None and j not in used:
            result[i] = found[j]
            used.add(j)
    return result


def score(
    curated: dict[str, Any], found: dict[str, Any], misses: list[str] | None = None
) -> tuple[list[tuple[str, int, int, int, int]], float]:
    rows = []
    total = agree = 0
    for section in SECTIONS:
        cur = [dict(x) for x in curated.get(section) or []]
        if not cur:
            continue
        got = [dict(x) for x in found.get(section) or []]
        matched = match(section, cur, got)
        fields = ok = 0
        for c, f in zip(cur, matched, strict=True):
            for name, value in c.items():
                if name in SKIP:
                    continue
                fields += 1
                agreed = bool(f is not None and same(name, value, f.get(name)))
                ok += agreed
                if not agreed and misses is not None:
                    got_value = None if f is None else f.get(name)
                    misses.append(
                        f"{section}[{c.get('id')}].{name}: "
                        f"curated {value!r:.70} got {got_value!r:.70}"
                    )
        rows.append((section, len(cur), sum(m is not None for m in matched), fields, ok))
        total += fields
        agree += ok
    return rows, 100.0 * agree / total if total else 0.0


def seeds_profile() -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    from packet.sources import pubindex
    from packet.sources.cv import read_markdown

    cv = next(SEEDS.glob("000_*"))
    index = next(SEEDS.glob("001_*"))
    profile: dict[str, Any] = {}
    for cand in read_markdown(cv.read_bytes(), cv.name).candidates:
        profile.setdefault(cand.section, []).append(dict(cand.fields))
    pubs = profile.setdefault("publications", [])
    for cand in pubindex.read(index.read_bytes(), index.name).candidates:
        mine = match("publications", [cand.fields], pubs)[0]
        if mine is None:
            pubs.append(dict(cand.fields))
        else:
            for name, value in cand.fields.items():
                mine.setdefault(name, value)
    return profile


def every_order(curated: dict[str, Any]) -> int:
    """What the issue asks: the seeds in any order give the curated profile."""
    import itertools
    import subprocess
    import tempfile

    seeds = [sorted(SEEDS.glob(f"{n}_*"))[0] for n in ("000", "001", "004")]
    print(f"{'order':<16}{'commands':>9}{'fields':>8}{'agree':>7}{'%':>8}")
    worst = 100.0
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PACKET_CACHE_DIR": str(Path(tmp) / "cache")}
        for order in itertools.permutations(seeds):
            label = " ".join(p.name[:3] for p in order)
            for together in (True, False):
                name = f"p{len(list(Path(tmp).glob('p*')))}"
                batches = [list(order)] if together else [[p] for p in order]
                for batch in batches:
                    subprocess.run(
                        [sys.executable, "-m", "packet", "-w", tmp, "import", *map(str, batch),
                         "--profile", name],
                        check=True, capture_output=True, env=env, cwd=REPO,
                    )  # fmt: skip
                profile = Path(tmp) / "profiles" / name / "profile.yaml"
                found = YAML(typ="safe").load(profile.read_text(encoding="utf-8"))
                rows, overall = score(curated, found, [])
                worst = min(worst, overall)
                print(
                    f"{label:<16}{'1' if together else '3':>9}{sum(r[3] for r in rows):>8}"
                    f"{sum(r[4] for r in rows):>7}{overall:>8.1f}"
                )
    print(f"{'lowest':<40}{worst:>8.1f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("profile", nargs="?", type=Path, help="the imported profile.yaml to score")
    parser.add_argument(
        "--seeds", action="store_true", help="run the CV and index readers on seeds 000 and 001"
    )
    parser.add_argument("--curated", type=Path, default=CURATED)
    parser.add_argument(
        "--misses", action="store_true", help="list every field that does not agree"
    )
    parser.add_argument(
        "--orders",
        action="store_true",
        help="import the three seeds into empty profiles in every order, in one command "
        "and in three, and score each",
    )
    args = parser.parse_args()
    curated = YAML(typ="safe").load(args.curated.read_text(encoding="utf-8"))
    if args.orders:
        return every_order(curated)
    if args.seeds:
        if not SEEDS.is_dir():
            print(f"seeds not found at {SEEDS}", file=sys.stderr)
            return 2
        found = seeds_profile()
    elif args.profile:
        found = YAML(typ="safe").load(args.profile.read_text(encoding="utf-8"))
    else:
        parser.error("give a profile to score, or --seeds")
    misses: list[str] = []
    rows, overall = score(curated, found, misses)
    if args.misses:
        print("\n".join(misses), end="\n\n")
    print(f"{'section':<14}{'items':>7}{'matched':>9}{'fields':>8}{'agree':>7}{'%':>8}")
    for section, n, m, fields, ok in rows:
        print(
            f"{section:<14}{n:>7}{m:>9}{fields:>8}{ok:>7}"
            f"{100.0 * ok / fields if fields else 0:>8.1f}"
        )
    print(f"{'overall':<30}{sum(r[3] for r in rows):>8}{sum(r[4] for r in rows):>7}{overall:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
