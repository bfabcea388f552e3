"""Active content in a PDF: what a viewer may run or open when a reviewer reads it.

JavaScript (`/JS`, `/JavaScript` name trees), automatic actions (`/OpenAction`,
`/AA`), launching programs (`/Launch`), sending form data (`/SubmitForm`,
`/ImportData`), embedded files (`/EmbeddedFiles`, `/FileAttachment`
annotations) and XFA forms. Funders' portals reject such files, and a
reviewer's viewer should never be asked to run anything; each kind found is
one error finding naming the file.

`find_active_content` walks every object reachable from the trailer once (so a
shared or cyclic object costs one visit) up to MAX_OBJECTS objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from packet.check.human import finding
from packet.model.report import Finding
from packet.paths import fast_pdf_comments

MAX_OBJECTS = 500_000  # an attachment beyond this is reported as too complex

# Keys of a dictionary, and values of its /S (action type) or /Subtype, that are active.
_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "automatic actions",
    "/OpenAction": "an action run on opening",
    "/EmbeddedFiles": "embedded files",
    "/XFA": "an XFA form",
}
_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that launches a program",
    "/SubmitForm": "an action that sends form data",
    "/ImportData": "an action that imports data",
    "/Rendition": "a media action",
    "/GoToE": "a jump into an embedded file",
    "/GoToR": "a jump into another file",
    "/Sound": "a media action",
    "/Movie": "a media action",
}
_SUBTYPES = {"/FileAttachment": "embedded files", "/RichMedia": "rich media", "/Movie": "media",
             "/Sound": "media", "/Screen": "media", "/3D": "a 3D model (which may hold scripts)"}
# Link targets a viewer opens: a web page or an e-mail; anything else (javascript:,
# file:, smb:) runs or reads something on the reviewer's machine.
WEB_SCHEMES = ("http://", "https://", "mailto:")
# Outline and page-navigation actions of packet's own documents are harmless.
_HARMLESS_OPEN = {"/GoTo", "/URI", "/Named"}


def find_active_content(reader: Any) -> list[str]:
    """The kinds of active content in a pypdf reader's document, in a stable order."""
    kinds: dict[str, None] = {}
    for key, value in _walk(reader.trailer):
        if key in ("/S", "/Subtype"):
            name = str(value)
            kind = _ACTIONS.get(name) if key == "/S" else _SUBTYPES.get(name)
            if kind:
                kinds[kind] = None
        elif key in _KEYS:
            if key == "/OpenAction" and _harmless_open(value):
                continue
            kinds[_KEYS[key]] = None
        elif key == "/URI" and not is_web_link(value):
            kinds["a link that is not a web address (javascript:, file:, ...)"] = None
    return list(kinds)


def is_web_link(value: Any) -> bool:
    target = value.get_object() if hasattr(value, "get_object") else value
    text = target.decode("latin-1") if isinstance(target, bytes) else str(target)
    return text.strip().casefold().startswith(WEB_SCHEMES)


def _harmless_open(value: Any) -> bool:
    target = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(target, list):  # an explicit destination: open at a page
        return True
    return isinstance(target, dict) and str(target.get("/S")) in _HARMLESS_OPEN \
        and "/Next" not in target


class TooComplex(Exception):
    """More than MAX_OBJECTS objects: the caller says so."""


def _walk(root: Any) -> Iterator[tuple[str, Any]]:
    from pypdf.generic import IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise TooComplex
        if isinstance(node, dict):
            for key, value in node.items():
                key = str(key)
                if key == "/Parent":  # back to the page tree: seen from the top already
                    continue
                yield key, value
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def active_content_findings(reader: Any, name: str, document: str | None = None) -> list[Finding]:
    """One error finding per kind of active content in the PDF called `name`."""
    try:
        kinds = find_active_content(reader)
    except TooComplex:
        return [finding("pdf-objects", "error",
                        f"{name} has more than {MAX_OBJECTS:,} objects: too complex to check "
                        "for active content. Print it to a new PDF and attach that.",
                        document=document, limit=f"{MAX_OBJECTS:,} objects",
                        actual="more")]
    return [finding("active-content", "error",
                    f"{name} contains {kind}, which funders' portals reject and viewers may run: "
                    "print or export it to a new PDF without it (packet's merged packet.pdf "
                    "leaves it out; the attached file is kept as it is).",
                    document=document, limit="none", actual=kind)
            for kind in kinds]


def active_content_of(data: bytes, name: str, document: str | None = None) -> list[Finding]:
    """`active_content_findings` of a PDF's bytes (already read by `inspect_pdf`, which says
    what is wrong with a PDF that cannot be parsed)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        fast_pdf_comments()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return []  # the encryption rule reports it; its objects cannot be read
        return active_content_findings(reader, name, document)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError):
        return []
