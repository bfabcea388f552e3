"""The chunks of one document (`typst_chunks`) joined into the PDF the whole would be.

`join_plain` joins them as bytes (`pdf_splice`: 0.2 s for 127 pages); `join_chunks`
does the same with pypdf (2-3 s), for a file `pdf_splice` does not read.

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
import re
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
        made = writer.add_outline_item(title=title, page_number=page,
                                       parent=stack[-1][1] if stack else None,
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



class _Chunk:
    """One chunk's objects and what the join needs to know of them."""

    def __init__(self, pdf: bytes) -> None:
        from packet.render import pdf_splice as sp

        self.objects, trailer = sp.read_objects(pdf)
        self.header = pdf[:pdf.index(b" 0 obj")].rsplit(b"\n", 1)[0] + b"\n"
        ident = re.search(rb"/ID\s*(\[[^\]]*\])", trailer)
        self.id = b"/ID" + ident.group(1) if ident else b""
        self.catalog = _number(sp.entry(trailer, b"Root"))
        self.info = _number(sp.entry(trailer, b"Info"))
        catalog = self.objects[self.catalog].value
        self.pages_root = _number(sp.entry(catalog, b"Pages"))
        self.page_order = [int(r.split()[0]) for r in _refs(
            sp.array(self.objects[self.pages_root].value, b"Kids"))]
        self.pages = set(self.page_order)
        for page in self.page_order:
            if not self.objects[page].value.startswith(b"<</Type/Page/"):
                raise sp.NotPlain("a page tree of more than one level")
        self.struct_root = _number(sp.entry(catalog, b"StructTreeRoot"))
        root = self.objects[self.struct_root].value
        top = _refs(sp.array(root, b"K"))
        if len(top) != 1:
            raise sp.NotPlain("no single Document element")
        self.document = int(top[0].split()[0])
        if sp.entry(self.objects[self.document].value, b"S") != b"/Document":
            raise sp.NotPlain("no single Document element")
        self.doc_kids = [int(r.split()[0]) for r in _refs(
            sp.array(self.objects[self.document].value, b"K"))]
        found = re.search(rb"/ParentTree\s*<<\s*/Nums\s*\[([^\[\]()]*)\]\s*>>", root)
        if found is None:
            raise sp.NotPlain("the parent tree is not one /Nums array")
        pairs = re.findall(rb"(\d+)\s+(\d+ 0 R)", found.group(1))
        if len(found.group(1).split()) != 4 * len(pairs):
            raise sp.NotPlain("the parent tree holds more than references")
        self.nums = [(int(key), ref) for key, ref in pairs]
        self.next_key = int(sp.entry(root, b"ParentTreeNextKey") or 0)
        roles = re.search(rb"/RoleMap\s*<<([^<>]*)>>", root)
        self.roles = re.findall(rb"/([^/\s<>]+)\s*/([^/\s<>]+)", roles.group(1)) if roles else []
        self.entries: list[tuple[bytes, bytes]] = []  # (title, destination) in outline order
        self.dropped = {self.catalog, self.pages_root, self.struct_root}
        outline = _number(sp.entry(catalog, b"Outlines")) if sp.entry(
            catalog, b"Outlines") else None
        if outline is not None:
            self.dropped.add(outline)
            self._walk(_number(sp.entry(self.objects[outline].value, b"First")))
        self.meta = _number(sp.entry(catalog, b"Metadata")) if sp.entry(
            catalog, b"Metadata") else None
        self.numbers: dict[int, int] = {}

    def _walk(self, item: int | None) -> None:
        from packet.render import pdf_splice as sp

        while item is not None:
            value = self.objects[item].value
            title = sp.entry(value, b"Title")
            found = re.search(rb"/Dest\s*(\[[^\[\]()]*\]|\d+ 0 R)", value)
            dest = found.group(1) if found else None  # an array, or a reference to one
            if title is None or dest is None:
                raise sp.NotPlain("an outline entry without a title or a destination")
            self.dropped.add(item)
            self.entries.append((title, dest))
            child = sp.entry(value, b"First")
            self._walk(_number(child) if child else None)
            after = sp.entry(value, b"Next")
            item = _number(after) if after else None


def _number(text: bytes | None) -> int:
    from packet.render import pdf_splice as sp

    if text is None or not text.endswith(b" R"):
        raise sp.NotPlain("a reference was expected")
    return int(text.split()[0])


def _refs(inner: bytes | None) -> list[bytes]:
    from packet.render import pdf_splice as sp

    if inner is None:
        return []
    found = re.findall(rb"\d+ 0 R", inner)
    if len(inner.split()) != 3 * len(found):
        raise sp.NotPlain("an array of more than references")
    return found


def _with_kids(value: bytes, inner: bytes) -> bytes:
    """`value` with its /K made the array `[inner]`."""
    from packet.render import pdf_splice as sp

    found = re.search(rb"/K(?![\w])\s*(\[[^\[\]()]*\]|\d+ 0 R)", value)
    if found is None:
        raise sp.NotPlain("an element without /K")
    return value[:found.start()] + b"/K[" + inner + b"]" + value[found.end():]


def _shift(value: bytes, key: bytes, offset: int) -> bytes:
    from packet.render import pdf_splice as sp

    found = sp.entry(value, key)
    return value if found is None else sp.set_entry(value, key, b"%d" % (int(found) + offset))


def join_plain(pdfs: list[bytes], levels: list[int], seams: list[bool]) -> bytes | None:
    """What `join_chunks` makes, made from the chunks' bytes object by object
    (`pdf_splice`): a tenth of the time, and memory that grows with the bytes only.
    Raises `pdf_splice.NotPlain` for a file not in Typst's layout."""
    from packet.render import pdf_splice as sp

    chunks = [_Chunk(pdf) for pdf in pdfs]
    if sum(len(c.entries) for c in chunks) != len(levels):
        return None
    for chunk in chunks[1:]:
        chunk.dropped |= {chunk.info, chunk.document} | ({chunk.meta} if chunk.meta else set())
    # Numbers in the joined file: every object kept, in order, then the new ones.
    count = 0
    for chunk in chunks:
        for number in sorted(chunk.objects):
            if number not in chunk.dropped:
                count += 1
                chunk.numbers[number] = count
    pages_root, struct_root, outline_root, catalog = range(count + 1, count + 5)
    first = chunks[0]
    document = first.numbers[first.document]
    kept: dict[int, sp.PdfObject] = {}
    doc_kids: list[int] = []  # new numbers
    nums: list[bytes] = []
    page_refs: list[bytes] = []
    destinations: list[tuple[bytes, bytes]] = []
    offset = 0
    for index, chunk in enumerate(chunks):
        numbers = chunk.numbers
        numbers.update({chunk.pages_root: pages_root, chunk.struct_root: struct_root,
                        chunk.document: document})
        kids = list(chunk.doc_kids)
        joined_list = None
        if index > 0 and seams[index - 1] and kids and doc_kids:
            before = doc_kids[-1]
            opened = chunk.objects[kids[0]].value
            if sp.entry(opened, b"S") == b"/L" == sp.entry(kept[before].value, b"S"):
                # The list this chunk began inside: its items join the earlier half.
                chunk.dropped.add(kids[0])
                numbers[kids[0]] = before  # its items' /P
                joined_list = (before, sp.array(opened, b"K") or b"")
                kids = kids[1:]
        for number, obj in chunk.objects.items():
            if number in chunk.dropped:
                continue
            value = obj.value
            if number in chunk.pages:
                value = _shift(value, b"StructParents", offset)
            elif value.startswith(b"<</Type/Annot"):
                value = _shift(value, b"StructParent", offset)
            try:
                kept[numbers[number]] = sp.PdfObject(sp.renumber(value, numbers), obj.stream)
            except KeyError as missing:
                raise sp.NotPlain(f"a reference to dropped object {missing}") from None
        if joined_list is not None:
            before, inner = joined_list
            old = sp.array(kept[before].value, b"K") or b""
            kept[before] = sp.PdfObject(_with_kids(
                kept[before].value, old + b" " + sp.renumber(inner, numbers)), None)
        doc_kids += [numbers[k] for k in kids]
        nums += [b"%d %s" % (key + offset, sp.renumber(ref, numbers)) for key, ref in chunk.nums]
        page_refs += [b"%d 0 R" % numbers[n] for n in chunk.page_order]
        destinations += [(title, sp.renumber(dest, numbers)) for title, dest in chunk.entries]
        offset += chunk.next_key
    kept[document] = sp.PdfObject(_with_kids(
        kept[document].value, b" ".join(b"%d 0 R" % k for k in doc_kids)), None)
    kept[pages_root] = sp.PdfObject(b"<</Type/Pages/Count %d/Kids[%s]>>" % (
        len(page_refs), b" ".join(page_refs)), None)
    roles = dict.fromkeys(pair for chunk in chunks for pair in chunk.roles)
    kept[struct_root] = sp.PdfObject(
        b"<</Type/StructTreeRoot/RoleMap<<%s>>/K[%d 0 R]/ParentTree<</Nums[%s]>>"
        b"/ParentTreeNextKey %d>>" % (b"".join(b"/%s/%s" % pair for pair in roles), document,
                                      b" ".join(nums), offset), None)
    value = first.objects[first.catalog].value
    value = sp.set_entry(value, b"Pages", b"%d 0 R" % pages_root)
    value = sp.set_entry(value, b"StructTreeRoot", b"%d 0 R" % struct_root)
    if first.meta is not None:
        value = sp.set_entry(value, b"Metadata", b"%d 0 R" % first.numbers[first.meta])
    if destinations:
        _write_outline(kept, destinations, levels, outline_root, catalog + 1)
        value = sp.set_entry(value, b"Outlines", b"%d 0 R" % outline_root)
    kept[catalog] = sp.PdfObject(value, None)
    trailer = b"<</Size %d/Root %d 0 R/Info %d 0 R%s>>" % (
        max(kept) + 1, catalog, first.numbers[first.info], first.id)
    return sp.write_pdf(first.header, kept, trailer)


def _write_outline(kept: dict[int, Any], destinations: list[tuple[bytes, bytes]],
                   levels: list[int], root: int, first_number: int) -> None:
    """The outline: entry k (title, destination) nested by `levels[k]` as Typst nests it."""
    from packet.render import pdf_splice as sp

    numbers = list(range(first_number, first_number + len(destinations)))
    parent: list[int] = []
    children: dict[int, list[int]] = {root: []}
    stack: list[tuple[int, int]] = []  # (level, number)
    for number, level in zip(numbers, levels, strict=True):
        while stack and stack[-1][0] >= level:
            stack.pop()
        up = stack[-1][1] if stack else root
        parent.append(up)
        children[up].append(number)
        children[number] = []
        stack.append((level, number))

    def count(number: int) -> int:
        return sum(1 + count(c) for c in children[number])

    for k, ((title, dest), number) in enumerate(zip(destinations, numbers, strict=True)):
        siblings = children[parent[k]]
        at = siblings.index(number)
        parts = [b"/Title", title, b"/Parent %d 0 R" % parent[k]]
        if at > 0:
            parts.append(b"/Prev %d 0 R" % siblings[at - 1])
        if at + 1 < len(siblings):
            parts.append(b"/Next %d 0 R" % siblings[at + 1])
        if children[number]:
            parts.append(b"/First %d 0 R/Last %d 0 R/Count %d" % (
                children[number][0], children[number][-1], count(number)))
        parts.append(b"/Dest" + (dest if dest.startswith(b"[") else b" " + dest))
        kept[number] = sp.PdfObject(b"<<" + b"".join(parts) + b">>", None)
    top = children[root]
    kept[root] = sp.PdfObject(b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>" % (
        top[0], top[-1], count(root)), None)
