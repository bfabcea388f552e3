"""How long the Typst PDF renderer takes, in process, once its compiler is warm.

Two documents per theme, built by tests/render/pdf_samples.py:
- a CV of 60 dated entries (about six pages): each timed run renders a CV
  with different words, so typst cannot answer from its cache of the last one;
- a numbered reference list of 2,000 entries (about 150 pages).

    python benchmarks/bench_render_pdf.py [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "render"))

import pdf_samples

from packet.compose.doctree import Document
from packet.render.pdf import available_themes, render_pdf
from packet.render.setup import PageSetup

CV_TARGET = 0.15
REFERENCES_TARGET = 10.0


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _timed(doc: Document, setup: PageSetup) -> tuple[bytes, float, float]:
    """The PDF, wall seconds and CPU seconds (all threads): CPU time shows the
    cost when other work shares the machine and stretches wall time."""
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = render_pdf(doc, setup, timestamp=0)
    return pdf, time.perf_counter() - wall, time.process_time() - cpu


def _fresh_cvs(runs: int) -> list[Document]:
    """CVs of the same shape with different words, so typst cannot reuse the last layout."""
    words = pdf_samples._WORDS
    docs = []
    for run in range(runs):
        pdf_samples._WORDS = words[run + 1 :] + words[: run + 1]
        docs.append(pdf_samples.cv_document(60))
    pdf_samples._WORDS = words
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    print(f"{'theme':<8} {'document':<17} {'pages':>5} {'first':>7} {'wall':>7} {'cpu':>7}"
          f" {'target':>7}   (seconds; wall and cpu: median of warm runs)")
    for theme in available_themes():
        setup = PageSetup(theme=theme, header="Alessandra Jiménez-Wójcik")
        _, first, _ = _timed(pdf_samples.cv_document(60), setup)
        runs = [_timed(doc, setup) for doc in _fresh_cvs(args.runs)]
        wall = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        print(f"{theme:<8} {'CV, 60 entries':<17} {_pages(runs[-1][0]):>5} {first:>7.3f}"
              f" {wall:>7.3f} {cpu:>7.3f} {CV_TARGET:>7.2f}")
        pdf, wall, cpu = _timed(pdf_samples.publications_document(2000), setup)
        print(f"{theme:<8} {'2,000 references':<17} {_pages(pdf):>5} {'':>7}"
              f" {wall:>7.3f} {cpu:>7.3f} {REFERENCES_TARGET:>7.2f}")


if __name__ == "__main__":
    main()
