"""Active content (scripts, launches, embedded files) out of packet's own merged copy."""

from __future__ import annotations

from typing import Any

# Actions that only move within the document or open a web link.
_HARMLESS_ACTIONS = {"/GoTo", "/URI", "/Named"}
_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Movie", "/Screen", "/Sound", "/3D"}
_WEB_SCHEMES = ("http://", "https://", "mailto:")  # as packet.check.active_content's


def strip_active_content(writer: Any) -> None:
    """Remove what a viewer could run or open from packet's own merged copy.

    Document JavaScript and embedded files, open and automatic actions, XFA,
    link actions other than page jumps and web links, file-attachment and media
    annotations. Page content, text and the outline are untouched; the
    attachment's own file (documents/<id>.pdf) is never changed, so a certified
    original stays byte for byte what it was. `packet.check.active_content`
    reports what was there.
    """
    from pypdf.generic import NameObject

    def harmless(action: Any) -> bool:
        target = action.get_object()
        if isinstance(target, list):  # an explicit destination
            return True
        if str(target.get("/S")) == "/URI":  # javascript:, file: are not web links
            uri = target.get("/URI")
            text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
            if not text.strip().casefold().startswith(_WEB_SCHEMES):
                return False
        return str(target.get("/S")) in _HARMLESS_ACTIONS and "/Next" not in target

    def quiet(obj: Any) -> None:
        """No automatic actions, and only harmless activation, on an annotation or field."""
        if "/AA" in obj:
            del obj[NameObject("/AA")]
        if "/A" in obj and not harmless(obj["/A"]):
            del obj[NameObject("/A")]

    root = writer._root_object
    if "/Names" in root:
        names = root["/Names"].get_object()
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[NameObject(key)]
    if "/OpenAction" in root and not harmless(root["/OpenAction"]):
        del root[NameObject("/OpenAction")]
    for holder in (root, root.get("/AcroForm")):
        if holder is not None:
            for key in ("/AA", "/XFA"):
                if key in holder.get_object():
                    del holder.get_object()[NameObject(key)]
    for page in writer.pages:
        if "/AA" in page:
            del page[NameObject("/AA")]
        if "/Annots" not in page:
            continue
        annots = page["/Annots"].get_object()
        kept = []
        for annot in annots:
            obj = annot.get_object()
            if str(obj.get("/Subtype")) in _ACTIVE_ANNOTATIONS:
                continue
            quiet(obj)
            kept.append(annot)
        if len(kept) != len(annots):
            annots[:] = kept
    # Form fields run their scripts (calculate, format, keystroke) from /AcroForm even
    # when no page shows them.
    form = root.get("/AcroForm")
    fields = list(form.get_object().get("/Fields") or []) if form is not None else []
    seen: set[int] = set()
    while fields and len(seen) < 100_000:
        field = fields.pop().get_object()
        if not isinstance(field, dict) or id(field) in seen:
            continue
        seen.add(id(field))
        quiet(field)
        fields.extend(field.get("/Kids") or [])
