"""The chunks of one document (`typst_chunks`) joined into the PDF the whole would be.

Pages are appended in order. The outline is made again from the chunks' entries with
the levels of the document's headings, so a subsection whose section began in an
earlier chunk still nests under it. The structure tags become one tree: the chunks'
top elements go under the first chunk's Document element, and where a chunk began
inside a list the two halves of that list's element are one element again. The
catalog's language, marking, viewer preferences and XMP metadata and the document
information come from the first chunk (Typst writes them alike in every chunk).

`join_apart` runs the join in a process of its own: pypdf holds every object of every
chunk while it joins them (about 100 MB for 127 pages), and the build's own memory
would otherwise keep it. Run as a script, this file reads one JSON line (the chunks'
sizes, the levels, the seams) and the chunks' bytes on stdin and writes the joined
PDF on stdout; exit status 4 when the outlines do not match. It imports nothing of
packet.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def _outline_entries(reader: Any, first: int) -> list[tuple[str, int, Any]]:
    """(title, page index in the joined file, destination) in outline order."""
    out: list[tuple[str, int, Any]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((str(item.title), first + reader.get_destination_page_number(item),
                            item))

    walk(reader.outline)
    return out


def _join_outline(writer: Any, entries: list[tuple[str, int, Any]], levels: list[int]) -> None:
    from pypdf.generic import Fit

    stack: list[tuple[int, Any]] = []
    for (title, page, dest), level in zip(entries, levels, strict=True):
        while stack and stack[-1][0] >= level:
            stack.pop()
        fit = Fit.xyz(dest.get("/Left"), dest.get("/Top"), dest.get("/Zoom"))
        made = writer.add_outline_item(title, page, parent=stack[-1][1] if stack else None,
                                       fit=fit)
        stack.append((level, made))


def _join_structure(writer: Any, readers: list[Any], starts: list[int], seams: list[bool]
                    ) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    top: Any = None  # the first chunk's Document element, and a reference to it
    top_ref: Any = None
    kids: Any = ArrayObject()
    nums, role_map, offset = ArrayObject(), DictionaryObject(), 0
    root: Any = None
    for index, (reader, start) in enumerate(zip(readers, starts, strict=True)):
        source = reader.trailer["/Root"]
        if "/StructTreeRoot" not in source:
            return
        tree = source["/StructTreeRoot"].get_object().clone(writer)
        found = tree.get("/K")
        elements = found if isinstance(found, list) else [found]
        document = elements[0].get_object() if len(elements) == 1 else None
        if document is None or document.get("/S") != "/Document":
            return  # not the shape Typst writes: leave the pages untagged
        if top is None:
            root, top, top_ref = tree, document, elements[0]
            kids = document["/K"] if isinstance(document["/K"], list) else ArrayObject(
                [document["/K"]])
            document[NameObject("/K")] = kids
        else:
            found_kids = document["/K"]
            more: list[Any] = list(found_kids) if isinstance(found_kids, list) else [found_kids]
            if seams[index - 1] and more and kids:
                # The list this chunk began inside: its items join the earlier half.
                before, after = kids[-1].get_object(), more[0].get_object()
                if before.get("/S") == after.get("/S") == "/L":
                    rest = after["/K"] if isinstance(after["/K"], list) else [after["/K"]]
                    for item in rest:
                        item.get_object()[NameObject("/P")] = kids[-1]
                        before["/K"].append(item)
                    more = more[1:]
            for kid in more:
                element = kid.get_object()
                if isinstance(element, DictionaryObject):
                    element[NameObject("/P")] = top_ref
                kids.append(kid)
        role_map.update(tree.get("/RoleMap", DictionaryObject()))
        parents = tree.get("/ParentTree")
        entries = parents.get_object().get("/Nums", []) if parents is not None else []
        for k in range(0, len(entries) - 1, 2):
            nums += [NumberObject(int(entries[k]) + offset), entries[k + 1]]
        for page_index in range(start, start + len(reader.pages)):
            page = writer.pages[page_index]
            if "/StructParents" in page:
                page[NameObject("/StructParents")] = NumberObject(
                    int(page["/StructParents"]) + offset)
            for annot in page.get("/Annots", []) or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(
                        int(annot["/StructParent"]) + offset)
        offset += int(tree.get("/ParentTreeNextKey", 0))
    root[NameObject("/ParentTree")] = writer._add_object(
        DictionaryObject({NameObject("/Nums"): nums}))
    root[NameObject("/ParentTreeNextKey")] = NumberObject(offset)
    root[NameObject("/RoleMap")] = role_map
    writer._root_object[NameObject("/StructTreeRoot")] = (
        root.indirect_reference or writer._add_object(root))


def join_chunks(pdfs: list[bytes], levels: list[int], seams: list[bool]) -> bytes | None:
    """One PDF of `pdfs`' pages in order; None when their outlines do not have one entry
    per bookmarked heading (`levels`). `seams[k]`: chunk k + 1 begins inside a list."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    readers = [PdfReader(io.BytesIO(pdf)) for pdf in pdfs]
    writer = PdfWriter()
    starts, entries = [], []
    for reader in readers:
        starts.append(len(writer.pages))
        entries += _outline_entries(reader, starts[-1])
        writer.append(reader, import_outline=False)
    if len(entries) != len(levels):
        return None
    _join_outline(writer, entries, levels)
    _join_structure(writer, readers, starts, seams)
    first: Any = readers[0].trailer["/Root"]
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
        if key in first:
            writer._root_object[NameObject(key)] = first[key].clone(writer)
    if readers[0].metadata:
        writer.add_metadata(dict(readers[0].metadata))
    writer.pdf_header = readers[0].pdf_header
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def join_apart(pdfs: list[bytes], levels: list[int], seams: list[bool]) -> bytes | None:
    """`join_chunks` in a process that exits after it (see the module's docstring)."""
    head = json.dumps({"sizes": [len(p) for p in pdfs], "levels": levels, "seams": seams})
    done = subprocess.run([sys.executable, str(Path(__file__))],
                          input=head.encode("ascii") + b"\n" + b"".join(pdfs),
                          capture_output=True, check=False)
    if done.returncode == 4:
        return None
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        raise RuntimeError("joining a document's chunks failed (status "
                           f"{done.returncode}): {done.stderr.decode('utf-8', 'replace')}")
    return done.stdout


def _main() -> int:
    data = sys.stdin.buffer.read()
    head, _, body = data.partition(b"\n")
    request = json.loads(head)
    pdfs, at = [], 0
    for size in request["sizes"]:
        pdfs.append(body[at:at + size])
        at += size
    joined = join_chunks(pdfs, request["levels"], request["seams"])
    if joined is None:
        return 4
    sys.stdout.buffer.write(joined)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
