"""DocTree -> PDF bytes with Typst, through a static theme that reads the tree as JSON.

A theme is a `.typ` file in `themes/`; it never sees data as markup, only as
the `sys.inputs` strings "doc" and "setup", so nothing in a profile can run as
Typst code. The compiler's root is the themes folder (so `read` and `import`
cannot reach outside it), system fonts are ignored and the fonts come from
`fonts/`, the font packages and a workspace's `fonts/` (see `packet.render.fonts`)
plus those embedded in typst, so a PDF is the same on every machine.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import logging
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import typst

from packet.cache import content_key
from packet.compose.doctree import Document
from packet.errors import Problem, UserError
from packet.render.fonts import font_dirs
from packet.render.memo import PDFS
from packet.render.pdf_inputs import setup_inputs
from packet.render.setup import PageSetup
from packet.render.typst_chunks import render_chunked, wants_chunks

THEMES_DIR = Path(__file__).parent / "themes"
# Theme files that are libraries for the others, not themes of their own.
_LIBRARY_FILES = frozenset({"common"})
# A document whose DocTree is this long (about 500 references) is typeset in a process of
# its own (`_compile_apart`): Typst's memory for it then leaves with that process. Below
# it, the compiler kept in process (warm caches, no start-up) is faster.
SUBPROCESS_BYTES = 256 * 1024

log = logging.getLogger(__name__)


@dataclass
class _ThemeCompiler:
    compiler: typst.Compiler
    # A Compiler keeps its inputs between calls and is not reentrant.
    lock: threading.Lock


_compilers: dict[str, _ThemeCompiler] = {}
_compilers_lock = threading.Lock()


def available_themes() -> list[str]:
    """The theme names a PageSetup may ask for, sorted."""
    return sorted(p.stem for p in THEMES_DIR.glob("*.typ") if p.stem not in _LIBRARY_FILES)


def _check_theme(theme: str) -> None:
    themes = available_themes()
    if theme not in themes:
        raise UserError(
            f"unknown theme {theme!r}",
            [Problem("no such theme", field="theme", value=repr(theme),
                     hint="available themes: " + ", ".join(themes))],
        )


def _theme_compiler(theme: str, extra_fonts: tuple[str, ...] = ()) -> _ThemeCompiler:
    key = "\0".join((theme, *extra_fonts))
    with _compilers_lock:
        cached = _compilers.get(key)
        if cached is not None:
            return cached
        _check_theme(theme)
        # Built from the file path: a Compiler built from bytes fails on its
        # second compile, and reusing one keeps typst's caches warm.
        compiler = typst.Compiler(
            str(THEMES_DIR / f"{theme}.typ"),
            root=str(THEMES_DIR),
            font_paths=[str(d) for d in font_dirs(*(Path(f) for f in extra_fonts[:1]))],
            ignore_system_fonts=True,
        )
        cached = _ThemeCompiler(compiler, threading.Lock())
        _compilers[key] = cached
        return cached


def _compile_apart(setup: PageSetup, inputs: dict[str, str], timestamp: int, doc_id: str,
                   query: str | None = None) -> tuple[bytes, list[str]]:
    """A long document typeset in a process that exits after it (`typst_child`), so the
    memory Typst keeps for it is given back at once; the same bytes as in process.
    With `query`, the query's result (JSON) instead of the PDF."""
    request = json.dumps({
        "input": str(THEMES_DIR / f"{setup.theme}.typ"), "root": str(THEMES_DIR),
        "fonts": [str(d) for d in font_dirs(*(Path(f) for f in setup.font_dirs[:1]))],
        "inputs": inputs, "timestamp": timestamp, "query": query,
    }, ensure_ascii=False).encode("utf-8")
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("typst_child.py"))],
                          input=request, capture_output=True, check=False)
    message = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0 or not (query or done.stdout.startswith(b"%PDF")):
        raise RuntimeError(f"typst failed on theme {setup.theme!r} for document {doc_id!r}"
                           f" (in a process of its own, status {done.returncode}): {message}")
    try:
        warnings = [str(w) for w in json.loads(message)]
    except ValueError:
        warnings = [message] if message.strip() else []
    return done.stdout, warnings


@functools.cache
def _typesetter(extra_fonts: tuple[str, ...]) -> tuple[str, ...]:
    """What besides packet's own files (in the cache's folder name) a PDF depends on:
    typst's version and every font file it may use, by name, size and time. Once per
    process, as the compilers are: a long-lived one does not see a new font either."""
    from packet.render.fonts import font_files

    files = font_files(font_dirs(*(Path(f) for f in extra_fonts)))
    stats = [f"{f}:{(s := f.stat()).st_size}:{s.st_mtime_ns}" for f in files]
    return (importlib.metadata.version("typst"), *stats)


def render_pdf(doc: Document, setup: PageSetup, *, timestamp: int) -> bytes:
    """Typeset `doc` with `setup.theme`; the same inputs and timestamp give the same bytes.

    Raises UserError for an unknown theme or an unusable page setup.
    """
    inputs = {
        "doc": doc.to_json(),
        "setup": json.dumps(setup_inputs(setup), ensure_ascii=False),
    }
    key = content_key(setup.theme, inputs["doc"], inputs["setup"], str(timestamp),
                      *_typesetter(tuple(setup.font_dirs[:1])))
    if (known := PDFS.get(key)) is not None:
        return known
    if len(inputs["doc"]) >= SUBPROCESS_BYTES:
        _check_theme(setup.theme)
        made: bytes | list[bytes] | None
        chunked = (render_chunked(setup, inputs, timestamp, doc.id, _compile_apart)
                   if wants_chunks(inputs["doc"]) else None)
        if chunked is None:
            made, warnings = _compile_apart(setup, inputs, timestamp, doc.id)
        else:
            made, warnings = chunked
    else:
        theme = _theme_compiler(setup.theme, setup.font_dirs)
        with theme.lock:
            try:
                made, found = theme.compiler.compile_with_warnings(
                    format="pdf", sys_inputs=inputs, timestamp=timestamp
                )
            except typst.TypstError as err:
                # Data cannot break a theme, so this is a bug in the theme.
                raise RuntimeError(
                    f"typst failed on theme {setup.theme!r} for document {doc.id!r}: "
                    f"{err.message}\n{err.diagnostic}"
                ) from err
        warnings = [w.message for w in found]
    for warning in warnings:
        log.warning("typst (%s, %s): %s", setup.theme, doc.id, warning)
    if not isinstance(made, bytes):
        raise RuntimeError("typst returned no PDF")
    pdf = made
    PDFS.put(key, pdf)
    return pdf
