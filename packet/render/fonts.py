"""Where the themes' fonts come from, and which characters none of them can print.

Typst is told to ignore the machine's fonts, so a PDF is the same everywhere.
It sets text in the fonts shipped in `fonts/`, those embedded in typst, the
script fallbacks that come as Python packages (Noto Sans for Greek, Cyrillic
and Vietnamese in a sans face, Amiri for Arabic, Noto Hebrew and Devanagari, and, with
the `cjk` extra, Noto Sans CJK), and a workspace's own `fonts/` folder. Typst
falls back through all of them for a character its chosen font lacks; a
character no font has prints as nothing, so `missing_characters` finds those
before a committee does.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from packet.cache import Cache, content_key

if TYPE_CHECKING:
    pass

SHIPPED = Path(__file__).parent / "fonts"
# Python packages that carry fonts, and the folder of each that holds them.
FONT_PACKAGES = {
    "fontpkg_noto_sans": "files",
    "fontpkg_amiri": "files",
    "fontpkg_noto_sans_devanagari": "files",
    "pylopdf_fonts_he": "",
    "cvttf_NotoSansCJK_Regular": "",  # optional: pip install 'packet[cjk]'
}
_FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".otc")


def package_font_dirs() -> list[Path]:
    """The font folders of the installed font packages (a missing one is skipped)."""
    out = []
    for name, sub in FONT_PACKAGES.items():
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations))) / sub
        if folder.is_dir():
            out.append(folder)
    return out


def font_dirs(workspace_fonts: Path | None = None) -> list[Path]:
    """Every folder Typst reads fonts from, the workspace's first."""
    extra = [workspace_fonts] if workspace_fonts is not None and workspace_fonts.is_dir() else []
    return [*extra, SHIPPED, *package_font_dirs()]


def font_files(dirs: Iterable[Path]) -> list[Path]:
    return sorted(p for d in dirs for p in d.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES)


@functools.cache
def _coverage(files: tuple[Path, ...]) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    covered: set[int] = set()
    for path in files:
        try:
            fonts = (TTCollection(path).fonts if path.suffix.lower() in (".ttc", ".otc")
                     else [TTFont(path, lazy=True)])
            for font in fonts:
                covered.update(font.getBestCmap() or {})
        except Exception:  # a damaged font in a workspace folder covers nothing
            continue
    return frozenset(covered)


@functools.cache
def _embedded() -> frozenset[int]:
    """What the fonts inside typst (Libertinus Serif, New Computer Modern) surely cover:
    Latin with its extensions, Greek, Cyrillic, general punctuation. They are not files
    packet can read, so this is the floor their coverage is known to reach."""
    ranges = [(0x20, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF),
              (0x1E00, 0x1EFF), (0x2010, 0x2027), (0x2030, 0x205E)]
    return frozenset(c for lo, hi in ranges for c in range(lo, hi + 1))


def missing_characters(text: str, dirs: Iterable[Path], cache: Cache | None = None) -> str:
    """The characters of `text` that no available font can print, in order, once each.

    Spaces, controls and marks that shape with their base (a combining accent,
    a zero-width joiner) are not glyphs of their own and are not counted.
    """
    embedded = _embedded()
    rest = [c for c in dict.fromkeys(text) if ord(c) not in embedded and _is_glyph(c)]
    if not rest:  # Latin, Greek, Cyrillic: no font file need be read (0.4 s for them all)
        return ""
    covered = _known_coverage(tuple(font_files(dirs)), cache)
    return "".join(c for c in rest if ord(c) not in covered)


def _is_glyph(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in (
        "Cc", "Cf", "Mn", "Me", "Co")


def _known_coverage(files: tuple[Path, ...], cache: Cache | None) -> frozenset[int]:
    """`_coverage`, kept in `cache` by the files' names, sizes and times: reading the
    character maps of the fallback fonts (16 MB of CJK among them) took 0.4 s a build."""
    if cache is None:
        return _coverage(files)
    key = content_key("coverage", *(f"{f}:{(s := f.stat()).st_size}:{s.st_mtime_ns}"
                                    for f in files))
    raw = cache.get(key)
    if raw is not None:
        with contextlib.suppress(ValueError):
            return frozenset(int(c, 16) for c in raw.decode("ascii").split())
    covered = _coverage(files)
    cache.put(key, " ".join(format(c, "x") for c in sorted(covered)))
    return covered
