"""What a PDF's object structure says: encryption, forms, portfolios, fonts.

Read with pypdf, which exposes the raw dictionaries funders' portals look at.
Fonts are collected from every place a page can draw text from: the page's
resources, Form XObjects and tiling patterns inside them, Type 3 glyph
procedures, and annotation appearance streams (a form field's text).
The AcroForm's default resources are left out on purpose: they list fonts a
viewer *may* use (typically a non-embedded Helvetica) that nothing draws.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from packet.errors import UserError
from packet.paths import fast_pdf_comments

# pypdf logs what it repairs ("EOF marker not found") to stderr; the checks say what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")

# Permission bits (PDF 32000-1, table 22) that a funder's portal cares about.
_PERMISSIONS = {
    4: "printing",
    8: "changing the document",
    16: "copying text",
    32: "adding comments",
    256: "filling forms",
    1024: "assembling pages",
    2048: "high-quality printing",
}


@dataclass(frozen=True)
class FontFact:
    name: str  # without the subset tag, e.g. "LibertinusSerif-Regular"
    kind: str  # PDF font subtype: Type0, Type1, TrueType, Type3, ...
    embedded: bool


@dataclass
class Structure:
    encrypted: bool = False
    restrictions: list[str] = field(default_factory=list)  # what the permissions forbid
    form_fields: int = 0
    xfa: bool = False
    portfolio: bool = False
    fonts: list[FontFact] = field(default_factory=list)


def read_structure(data: bytes, name: str, reader: Any = None) -> Structure:
    """`reader`: a pypdf PdfReader of `data` to use instead of parsing it again."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        if reader is None:
            fast_pdf_comments()
            reader = PdfReader(io.BytesIO(data), strict=False)
        out = Structure(encrypted=reader.is_encrypted)
        if reader.is_encrypted:
            _open_without_password(reader, name, out)
        root: Any = reader.trailer["/Root"]
        out.portfolio = "/Collection" in root
        acroform = _resolve(root.get("/AcroForm"))
        if isinstance(acroform, dict):
            out.form_fields = _count_fields(_resolve(acroform.get("/Fields")), set())
            out.xfa = "/XFA" in acroform
        out.fonts = _fonts(reader)
    except UserError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as err:
        raise UserError(
            f"{name} is damaged: {err}. Export or download it again."
        ) from None
    return out


def _open_without_password(reader: Any, name: str, out: Structure) -> None:
    """An owner password alone leaves the file readable: then only its restrictions count."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError, PdfReadError

    try:
        opened = reader.decrypt("")
    except (DependencyError, PdfReadError, NotImplementedError) as err:
        raise UserError(
            f"{name} is encrypted in a way packet cannot read ({err}): "
            "remove the protection and try again"
        ) from None
    if opened == PasswordType.NOT_DECRYPTED:
        raise UserError(f"{name} is encrypted: remove the password and try again")
    permissions = int(reader.user_access_permissions or 0)
    out.restrictions = [label for bit, label in _PERMISSIONS.items() if not permissions & bit]


def _resolve(obj: Any) -> Any:
    return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj


def _raw(obj: Any, key: str) -> Any:
    """An entry as written, reference included, so shared objects are walked once."""
    return obj.raw_get(key) if hasattr(obj, "raw_get") else obj.get(key)


def _count_fields(fields: Any, seen: set[int]) -> int:
    """Terminal fields; a field with /Kids that are fields counts by its kids."""
    if not isinstance(fields, list):
        return 0
    total = 0
    for ref in fields:
        field_obj = _resolve(ref)
        if not isinstance(field_obj, dict) or id(field_obj) in seen:
            continue
        seen.add(id(field_obj))
        kids = _resolve(field_obj.get("/Kids"))
        named_kids = isinstance(kids, list) and any(
            "/T" in (_resolve(k) or {}) for k in kids
        )
        total += _count_fields(kids, seen) if named_kids else 1
    return total


def _key(ref: Any, obj: Any) -> tuple[int, int] | int:
    """Identity of a PDF object: its reference when indirect, else the Python object."""
    idnum = getattr(ref, "idnum", None)
    return (idnum, ref.generation) if idnum is not None else id(obj)


def _fonts(reader: Any) -> list[FontFact]:
    seen_resources: set[tuple[int, int] | int] = set()
    seen_fonts: set[tuple[int, int] | int] = set()
    found: dict[tuple[str, str, bool], FontFact] = {}

    def walk_resources(ref: Any) -> None:
        resources = _resolve(ref)
        if not isinstance(resources, dict) or _key(ref, resources) in seen_resources:
            return
        seen_resources.add(_key(ref, resources))
        fonts = _resolve(resources.get("/Font"))
        if isinstance(fonts, dict):
            for font_ref in fonts.values():
                add_font(font_ref)
        for group in ("/XObject", "/Pattern"):
            entries = _resolve(resources.get(group))
            if isinstance(entries, dict):
                for child_ref in entries.values():
                    child = _resolve(child_ref)
                    # Only forms and tiling patterns carry resources; images do not.
                    if isinstance(child, dict) and "/Resources" in child:
                        walk_resources(_raw(child, "/Resources"))

    def add_font(ref: Any) -> None:
        font = _resolve(ref)
        if not isinstance(font, dict) or _key(ref, font) in seen_fonts:
            return
        seen_fonts.add(_key(ref, font))
        fact = _font_fact(font)
        found.setdefault((fact.name, fact.kind, fact.embedded), fact)
        if fact.kind == "Type3" and "/Resources" in font:
            walk_resources(_raw(font, "/Resources"))

    for page in reader.pages:
        if "/Resources" in page:
            walk_resources(page.raw_get("/Resources"))
        annots = _resolve(page.get("/Annots"))
        for annot_ref in annots if isinstance(annots, list) else []:
            for stream in _appearance_streams(_resolve(annot_ref)):
                walk_resources(stream.raw_get("/Resources"))
    return sorted(found.values(), key=lambda f: (f.name.lower(), f.kind))


def _appearance_streams(annot: Any) -> list[Any]:
    """The normal appearance of an annotation: one stream, or one per state (checkboxes)."""
    from pypdf.generic import StreamObject

    appearance = _resolve(annot.get("/AP")) if isinstance(annot, dict) else None
    normal = _resolve(appearance.get("/N")) if isinstance(appearance, dict) else None
    if isinstance(normal, StreamObject):
        candidates = [normal]
    elif isinstance(normal, dict):
        candidates = [_resolve(state) for state in normal.values()]
    else:
        candidates = []
    return [s for s in candidates if isinstance(s, StreamObject) and "/Resources" in s]


def _font_fact(font: dict[str, Any]) -> FontFact:
    kind = str(font.get("/Subtype", "/Unknown")).lstrip("/")
    name = _SUBSET_TAG.sub("", str(font.get("/BaseFont", "")).lstrip("/")) or "(unnamed)"
    if kind == "Type3":
        # Type 3 glyphs are drawn by content streams inside the file itself.
        return FontFact(name if name != "(unnamed)" else "Type 3 font", kind, True)
    holder: Any = font
    if kind == "Type0":
        descendants = _resolve(font.get("/DescendantFonts"))
        holder = _resolve(descendants[0]) if isinstance(descendants, list) and descendants else {}
        # The composite font's own name ends in its CMap ("-Identity-H"); the descendant's does not.
        if isinstance(holder, dict) and "/BaseFont" in holder:
            name = _SUBSET_TAG.sub("", str(holder["/BaseFont"]).lstrip("/")) or name
    descriptor = _resolve(holder.get("/FontDescriptor")) if isinstance(holder, dict) else None
    embedded = isinstance(descriptor, dict) and any(key in descriptor for key in _FONT_FILES)
    return FontFact(name, kind, embedded)
