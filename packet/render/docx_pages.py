"""How many pages each DOCX takes, as LibreOffice lays it out, when LibreOffice is there.

A page cap holds for the file a funder receives, and a DOCX may run longer in
Word than its PDF twin. python-docx cannot lay out pages, so the DOCX files
are converted to PDF by `soffice --headless` in a temporary folder (with a
profile of its own, so a desktop LibreOffice left open does not block it) and
their pages counted. Without `soffice` on PATH the counts are unknown and the
report says that page caps were checked on the PDF only.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from packet.cache import Cache, content_key

TIMEOUT_SECONDS = 120.0


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_page_counts(files: Mapping[str, bytes], timeout: float = TIMEOUT_SECONDS,
                     ) -> dict[str, int] | None:
    """Document id -> pages of its DOCX; None without LibreOffice. A file LibreOffice
    could not convert (or a conversion past `timeout`) is left out."""
    program = soffice()
    if program is None:
        return None
    if not files:
        return {}
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="packet-docx-pages-") as tmp:
        folder = Path(tmp)
        sources = []
        for name, data in files.items():
            path = folder / f"{name}.docx"
            path.write_bytes(data)
            sources.append(str(path))
        # Counting is background work (packet watch counts after publishing): at a lower
        # priority it never slows the next build, and on an idle machine it costs nothing.
        nice = shutil.which("nice")
        lower = [nice, "-n", "10"] if nice else []
        command = [*lower, program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                   str(folder / "out"), *sources]
        # LibreOffice writes its settings, caches and temporary files under HOME, the XDG
        # folders and TMPDIR: all pointed into this temporary folder, removed after.
        env = {**os.environ, "HOME": tmp, "TMPDIR": tmp, "XDG_CACHE_HOME": tmp,
               "XDG_CONFIG_HOME": tmp, "XDG_DATA_HOME": tmp, "XDG_RUNTIME_DIR": tmp}
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, env=env)
        except (subprocess.TimeoutExpired, OSError):
            return {}
        counts = {}
        for name in files:
            pdf = folder / "out" / f"{name}.pdf"
            if pdf.is_file():
                try:
                    counts[name] = len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)
                except Exception:  # a broken conversion counts as unknown
                    continue
        return counts


def cached_page_counts(files: Mapping[str, bytes], cache: Cache | None,
                       ) -> dict[str, int] | None:
    """`docx_page_counts`, remembered by each file's bytes (a DOCX is the same bytes for
    the same document, so a rebuild converts only what changed)."""
    if soffice() is None:
        return None
    counts: dict[str, int] = {}
    todo: dict[str, bytes] = {}
    for name, data in files.items():
        hit = cache.get(content_key(data)) if cache is not None else None
        if hit is not None and hit.isdigit():
            counts[name] = int(hit)
        else:
            todo[name] = data
    fresh = docx_page_counts(todo) or {}
    for name, pages in fresh.items():
        if cache is not None:
            cache.put(content_key(todo[name]), str(pages))
    return {**counts, **fresh}
