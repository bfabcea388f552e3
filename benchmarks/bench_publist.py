"""How long a publication list of 2,000 entries takes: citations, compose, PDF (about 150 pages).

A synthetic profile (seeded, so every run is the same) with --items
publications of every kind, 3-8 authors each (the applicant among them),
volumes, pages, DOIs, the odd co-first mark and "Oral" note, and a call with
one document, the `publications` template with no cap, so every entry is shown.

Stages, in process:
- citations cold: every entry formatted by citeproc-py, empty cache;
- citations warm: the same with the cache on disk from the cold run (a rebuild);
- compose: selection, template and Markdown -> DocTree (citations warm);
- render PDF: the DocTree through Typst; render DOCX for comparison;
- build: the whole `build_packet` for the call, PDF only, caches warm.

    python benchmarks/bench_publist.py [--items 2000] [--style apa]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml import YAML

TARGET_SECONDS = 10.0
PROFILE = "synthetic"
CALL = "publication-list"

WORDS = [
    "learning", "deep", "networks", "kernel", "diffusion", "generative", "hierarchical",
    "compositional", "data", "structure", "theory", "scaling", "laws", "feature",
    "representation", "statistical", "physics", "random", "matrices", "phase", "transitions",
    "sample", "complexity", "generalization", "overparameterized", "transformers", "attention",
    "locality", "invariance", "symmetry", "optimisation", "gradient", "dynamics",
    "memorization", "creativity", "sparse", "high-dimensional", "inference", "spin", "glasses",
]
FAMILIES = ["Müller", "Jiménez", "Nguyen", "Okafor", "Rossi", "Kowalski", "Tanaka", "Silva",
            "Dubois", "Andersson", "Chen", "García", "Novák", "Ó Briain", "Lefèvre", "Shah"]
GIVENS = ["Ana", "Björn", "Chiara", "Dmitri", "Elif", "François", "Grace", "Hiro", "Inès",
          "Jun", "Katarzyna", "Luis", "Maëlle", "Nikolai", "Olga", "Pedro"]
VENUES = {
    "journal": ["Physical Review X", "Journal of Machine Learning Research",
                "Proceedings of the National Academy of Sciences", "Nature Communications"],
    "conference": ["International Conference on Machine Learning",
                   "Advances in Neural Information Processing Systems",
                   "International Conference on Learning Representations"],
    "workshop": ["NeurIPS Workshop on Scientific Methods for Understanding Deep Learning"],
    "preprint": [None],
    "abstract": ["APS March Meeting"],
}
APPLICANT = "Jiménez-Wójcik, Alessandra"
T = TypeVar("T")


def publication(rng: random.Random, index: int, abstracts: bool = False) -> dict[str, object]:
    kind = rng.choice(["journal"] * 4 + ["conference"] * 4 + ["workshop", "preprint", "abstract"])
    authors = [f"{rng.choice(FAMILIES)}, {rng.choice(GIVENS)}" for _ in range(rng.randint(2, 7))]
    authors = list(dict.fromkeys(authors))
    authors.insert(rng.randrange(len(authors) + 1), APPLICANT)
    year = 2026 - index % 2000 * 26 // 2000  # past 2,000 items, years repeat (a department)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
    pub: dict[str, object] = {
        "id": f"pub{index:05d}",
        "kind": kind,
        "authors": authors,
        "title": title,
        "year": year,
    }
    venue = rng.choice(VENUES[kind])
    if venue:
        pub["venue"] = venue
    if kind == "journal":
        pub["volume"] = str(rng.randint(1, 130))
        pub["pages"] = f"{rng.randint(1, 900)}–{rng.randint(901, 999)}"
        pub["doi"] = f"10.{rng.randint(1000, 9999)}/synthetic.{index}"
    if kind == "preprint":
        pub["arxiv"] = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}"
    if rng.random() < 0.15:
        pub["equal_contribution"] = [APPLICANT, next(a for a in authors if a != APPLICANT)]
    if rng.random() < 0.05:
        pub["notes"] = ["Oral (top 2%)"]
    if abstracts:
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24))).capitalize()
                     for _ in range(rng.randint(4, 8))]
        pub["abstract"] = ". ".join(sentences) + "."
    return pub


def write_workspace(
    root: Path, items: int, style: str, seed: int = 2000, abstracts: bool = False
) -> None:
    rng = random.Random(seed)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    profile = {
        "person": {"name": "Alessandra Jiménez-Wójcik",
                   "name_variants": [APPLICANT, "Jiménez-Wójcik, A.", "A. Jiménez-Wójcik"],
                   "affiliation": "Université de Lausanne"},
        "publications": [publication(rng, i, abstracts) for i in range(items)],
    }
    (root / "profiles" / PROFILE).mkdir(parents=True)
    with (root / "profiles" / PROFILE / "profile.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(profile, handle)
    (root / "calls").mkdir()
    (root / "calls" / f"{CALL}.yaml").write_text(
        f"id: {CALL}\nname: Publication list benchmark\nfunder: Nobody\nkind: fellowship\n"
        f"rules_read: 2026-11\nstyle: {style}\nformat:\n  paper: a4\n  font_size: 11\n"
        "  min_font_size: 11\ndocuments:\n  - id: publications\n    title: Publications\n"
        "    template: publications\n    sections:\n      - section: publications\n",
        encoding="utf-8")


def timed(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--style", default="apa")
    args = parser.parse_args()

    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="bench-publist-") as tmp:
        root = Path(tmp) / "ws"
        write_workspace(root, args.items, args.style)
        os.environ["PACKET_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["SOURCE_DATE_EPOCH"] = "1793577600"

        from packet.cache import Cache
        from packet.compose.citations import CitationFormatter
        from packet.compose.context import load_statements
        from packet.compose.documents import ComposeInputs, compose_documents
        from packet.pipeline import BuildOptions, build_packet
        from packet.render.docx import render_docx
        from packet.render.pdf import render_pdf
        from packet.render.renderer import Layout
        from packet.select.as_of import as_of_date, build_date
        from packet.select.items import select_items
        from packet.store.workspace import Workspace

        ws = Workspace.open(root)
        profile, load_cold = timed(ws.profile, PROFILE)
        _, load_warm = timed(Workspace.open(root).profile, PROFILE)
        call = ws.call(CALL)
        cache = Cache(ws.settings.cache_dir, "citations")
        formatted, cold = timed(CitationFormatter(call.style, profile.person, cache).format,
                                profile.publications)
        _, warm = timed(CitationFormatter(call.style, profile.person, cache).format,
                        profile.publications)
        date = build_date(None)
        selection = select_items(profile, call, call.documents, None, as_of_date(call, None))
        inputs = ComposeInputs(profile, call, None, call.documents, selection,
                               load_statements(ws.statements_dir(PROFILE)), date, call.style,
                               cache_dir=ws.settings.cache_dir)
        composed, compose_s = timed(lambda: list(compose_documents(inputs)))
        document = composed[0]
        setup = Layout(call, profile.person.name, call.theme, date).setup(document.spec.title)
        pdf, pdf_s = timed(render_pdf, document.tree, setup, timestamp=0)
        _, docx_s = timed(render_docx, document.tree, setup)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        result, build_s = timed(build_packet, Workspace.open(root), PROFILE, CALL,
                                BuildOptions(formats=("pdf",)))
        shown = result.report.documents[0].items.get("publications", 0)

    print(f"{args.items:,} publications, style {call.style}, theme {call.theme}   "
          f"({os.cpu_count()} cores, Python {sys.version.split()[0]})")
    print()
    print(f"{'stage':<34} {'seconds':>8}")
    rows = [
        ("load profile (cold, validate)", load_cold),
        ("load profile (warm, cached)", load_warm),
        (f"citations cold ({len(formatted):,} entries)", cold),
        ("citations warm (cache on disk)", warm),
        ("compose (citations warm)", compose_s),
        (f"render PDF ({pages} pages)", pdf_s),
        ("render DOCX (for comparison)", docx_s),
        (f"whole build, PDF only ({result.report.pages} pages)", build_s),
    ]
    for label, seconds in rows:
        print(f"{label:<34} {seconds:>8.3f}")
    print()
    print(f"publications shown: {shown:,}; document PDF: {pages} pages")
    first_build = cold + compose_s - warm + pdf_s
    print(f"citations cold + compose + render PDF: {first_build:.2f} s "
          f"(target < {TARGET_SECONDS:.0f} s); with warm citations: "
          f"{compose_s + pdf_s:.2f} s")


if __name__ == "__main__":
    main()
