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
    half: str  # "dev", "heldout", "heldout2" or "heldout3"
    repo: str
    path: str
    commit: str
    sha256: str  # of the file as saved (after the excerpt is taken)
    entries: tuple[int, int] = (0, 0)  # BibTeX: keep entries first..last (1-based), else all
    pages: tuple[int, ...] = ()  # PDF: keep these pages (0-based)
    # text: keep these line ranges (1-based, inclusive), joined in order, else all
    lines: tuple[tuple[int, int], ...] = ()


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
        "economics_academicpages_appointments_cv.md", "heldout2", "jimegon/jimegon.github.io",
        "_pages/cv.md", "3e9896f47626f600b5314887cde585deaab70b2d",
        "c5fd0f506d2db2cc7fd2eefbe71d72378af45e4e30b3e0cf8d51b8f43a7813b3",
    ),
    External(
        "history_latex_article_cv_excerpt.tex", "heldout3", "lmullen/CV", "Mullen-cv.tex",
        "8ded290ff299613606ac07af2228248e0727183a",
        "c6746ae2f2fa12549226407835adff94f6b48945649ca48ef62f567b4f2e5eb0",
        lines=((1, 105), (128, 170), (281, 282), (293, 301), (303, 305), (307, 315),
               (317, 327), (502, 516), (643, 643)),
    ),
    External(
        "digital_history_jekyll_cv.md", "heldout3", "waynegraham/clioweb.org", "cv.md",
        "3f36695e3f4e0c4a4f97aa052460dbafd2eb5b8d",
        "a61e198d59e3e231379e40f3803a252e3e22664f34961d9f1d69233101056282",
    ),
    External(
        "neuroscience_rendercv_cv_excerpt.yaml", "heldout3", "faskowit/mycv_rendercv",
        "Joshua_Faskowitz_CV.yaml", "215aeb3f89c5cceaf63c9607bb3e259dd0329fe5",
        "4b330dc67bb340013444544fa337013fe29a90789fc57db847110e620d8db9aa",
        lines=((1, 393),),
    ),
    External(
        "geophysics_rendercv_pdf_p1p2p12.pdf", "heldout3", "mdenolle/marine-cv",
        "marine-cv-docs/rendercv_output/Marine_Denolle_CV.pdf",
        "c982c42a2a190dce289900e378aacae09b6546ff",
        "82ebd71ea042d3e781a2c4ba8aecb82eb2097a5200fd0e6ad84de9ee79cd3003",
        pages=(0, 1, 11),
    ),
    External(
        "geophysics_bibtex_entries2to15.bib", "heldout3", "mdenolle/marine-cv",
        "marine-cv-docs/denolle-pub.bib", "c982c42a2a190dce289900e378aacae09b6546ff",
        "c2ddc330dcf3a869c7f276e96107ccda4297075f57092311acc5f6054e569005",
        entries=(2, 15),
    ),
    External(
        "mathematics_latex_itemize_cv_excerpt.tex", "heldout3", "lenis2000/CV",
        "__petrovCV__.tex", "8aebe1045d76f89aec7ada52103dcbafeec58882",
        "e10d0afa0d2fcc10a05b261c7de93f78b9b18ff80fa38e3ddb28f3403cc7d2f2",
        lines=((1, 216), (1491, 1491)),
    ),
    External(
        "philosophy_html_refereed_articles_excerpt.html", "heldout3",
        "Barry-Smith-Ontology/barry-smith-ontology.github.io", "docs/refarticles.html",
        "0748ff25b6c38be3a0c80ae50a41e2e6001a9226",
        "dc8c67e875f6ad5b9744ca8021751bce235a2711a199134afd564e26698b54f0",
        lines=((1, 77), (852, 1143)),
    ),
)  # fmt: skip


def excerpt(entry: External, data: bytes) -> bytes:
    if entry.entries != (0, 0):
        lines = data.decode("utf-8").splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if line.startswith("@")] + [len(lines)]
        first, last = entry.entries
        begin = 0 if first == 1 else starts[first - 1]
        return "".join(lines[begin : starts[min(last, len(starts) - 1)]]).encode("utf-8")
    if entry.lines:
        text = data.decode("utf-8").splitlines(keepends=True)
        kept = [text[first - 1 : last] for first, last in entry.lines]
        return "".join(line for part in kept for line in part).encode("utf-8")
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
