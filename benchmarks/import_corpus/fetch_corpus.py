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
    half: str  # "dev" or "heldout"
    repo: str
    path: str
    commit: str
    sha256: str  # of the file as saved (after the excerpt is taken)
    first_entries: int = 0  # BibTeX: keep the first N entries
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
        first_entries=8,
    ),
    External(
        "linguistics_moderncv_p1p3.pdf", "heldout", "jvcasillas/cv", "casillas_cv.pdf",
        "be99e640e04ee9d587c0ea9fa90685a8f29ff1e6",
        "99a09bf0a23e354756569e8846d615e379b5c48658f10a7a7be1f40b71a41902",
        pages=(0, 2),
    ),
)  # fmt: skip


def excerpt(entry: External, data: bytes) -> bytes:
    if entry.first_entries:
        text = data.decode("utf-8")
        lines = text.splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if line.startswith("@")]
        end = starts[entry.first_entries] if len(starts) > entry.first_entries else len(lines)
        return "".join(lines[:end]).encode("utf-8")
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
