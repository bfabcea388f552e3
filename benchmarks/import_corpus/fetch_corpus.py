"""Bring the corpus files we may not redistribute into import_corpus/external/ (git-ignored).

    python benchmarks/import_corpus/fetch_corpus.py

Their repositories carry no licence, so git holds only what we wrote about them (the
truth files and SOURCES.md); this script downloads each one from GitHub at the commit we
scored, checks its sha256 and derives the excerpt we used. Needs the network and pypdf
(already a packet dependency).
"""

from __future__ import annotations

import hashlib
import io
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class External:
    name: str  # the file's name under external/<half>/
    half: str  # "dev", "heldout" or "heldout2"
    repo: str
    path: str
    commit: str
    sha256: str  # of the file as saved (after the excerpt is taken)
    entries: tuple[int, int] = (0, 0)  # BibTeX: keep entries first..last (1-based), else all
    pages: tuple[int, ...] = ()  # PDF: keep these pages (0-based)


MANIFEST = (
    External(
        "sociology_vita.tex", "dev", "kjhealy/kjh-vita", "kjh-vita.tex",
        "dfd536ac886324d304c1e9ee397f0b55062790df",
        "d647233f5a52bad9ed188495db51e469bbc41fbd4e48793a21ad16ad84ae8c97",
    ),
    External(
        "ecology_crossref_first8.bib", "dev", "KevCaz/CV", "xetex/pubs.bib",
        "78b7853d8b54df3a72dbf25ac44a0cdd47fca7b4",
        "718ad77c5021b749a107d86cb7e15f881a7bbd7dc5c635eaa07761e60d62f662",
        entries=(1, 8),
    ),
    External(
        "linguistics_moderncv_p1p3.pdf", "heldout", "jvcasillas/cv", "casillas_cv.pdf",
        "be99e640e04ee9d587c0ea9fa90685a8f29ff1e6",
        "99a09bf0a23e354756569e8846d615e379b5c48658f10a7a7be1f40b71a41902",
        pages=(0, 2),
    ),
    External(
        "ecology_crossref_entries9to16.bib", "heldout2", "KevCaz/CV", "xetex/pubs.bib",
        "78b7853d8b54df3a72dbf25ac44a0cdd47fca7b4",
        "d2784d7259a3f746ad865ef71073f29e0b642db145bb4d9238a40b658214069b",
        entries=(9, 16),
    ),
    External(
        "atmospheric_science_vita.tex", "dev", "darothen/vita", "vita.tex",
        "00abbafface824ddc5c67916035566e974f68a69",
        "c80e962a6d7f8c14c1da58027e2edc47972c5fc20800b4706f2701b063ece8cb",
    ),
    External(
        "biophysics_jekyll_cv.md", "dev", "gchure/gchure.github.io", "_projects/2020-09-06-cv.md",
        "3c885befd1a2ea07bbf2ccf2f6ca14cf3560356a",
        "3ba21ebd6c32e675eebd9d138679142a61cc8d3be96d1cc2d07fea3f4aa8d184",
    ),
    External(
        "history_jekyll_short_cv.md", "dev", "andybliu/andybliu.github.io", "shortcv.md",
        "0f863f49cb5c6a100154f046489b63cb126d95eb",
        "5a47419f6874c95ad7caf8edcd6da34d1a01023f5871f42eab543e62741d5009",
    ),
    External(
        "economics_academicpages_appointments_cv.md", "heldout2", "jimegon/jimegon.github.io",
        "_pages/cv.md", "3e9896f47626f600b5314887cde585deaab70b2d",
        "c5fd0f506d2db2cc7fd2eefbe71d72378af45e4e30b3e0cf8d51b8f43a7813b3",
    ),
)  # fmt: skip


def excerpt(entry: External, data: bytes) -> bytes:
    if entry.entries != (0, 0):
        lines = data.decode("utf-8").splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if line.startswith("@")] + [len(lines)]
        first, last = entry.entries
        begin = 0 if first == 1 else starts[first - 1]
        return "".join(lines[begin : starts[min(last, len(starts) - 1)]]).encode("utf-8")
    if entry.pages:
        from pypdf import PdfReader, PdfWriter

        reader, writer = PdfReader(io.BytesIO(data)), PdfWriter()
        for page in entry.pages:
            writer.add_page(reader.pages[page])
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    return data


def main() -> int:
    failed = 0
    for entry in MANIFEST:
        url = f"https://raw.githubusercontent.com/{entry.repo}/{entry.commit}/{entry.path}"
        target = HERE / "external" / entry.half / entry.name
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                data = excerpt(entry, response.read())
        except OSError as exc:
            print(f"{entry.name}: could not download {url}: {exc}", file=sys.stderr)
            failed += 1
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry.sha256:
            # A PDF rewritten by another pypdf version differs byte-wise but not in text.
            print(f"{entry.name}: sha256 {digest} differs from the scored file's", file=sys.stderr)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{entry.name}: saved ({len(data)} bytes)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
