"""Active content (scripts, launches, embedded files) out of packet's own merged copy."""

from __future__ import annotations

from typing import Any

# Actions that only move within the document or open a web link.
_HARMLESS_ACTIONS = {"/GoTo", "/URI", "/Named"}
_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Movie", "/Screen"}


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
        return str(target.get("/S")) in _HARMLESS_ACTIONS and "/Next" not in target

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
            if "/AA" in obj:
                del obj[NameObject("/AA")]
            if "/A" in obj and not harmless(obj["/A"]):
                del obj[NameObject("/A")]
            kept.append(annot)
        if len(kept) != len(annots):
            annots[:] = kept
