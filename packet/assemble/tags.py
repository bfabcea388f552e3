"""The documents' structure tags, language and marking kept in the merged packet."""

from __future__ import annotations

from typing import Any

# The merged packet keeps its documents' tagging: pypdf's `append` copies pages but
# drops each document's /StructTreeRoot. Every document's tree (cover included) is
# copied after its pages, so its /Pg references land on the pages already copied; its
# /StructParents keys are shifted past the earlier documents' and the parent trees
# merged; the documents' top elements become children of one root; /MarkInfo and
# /Lang come along.


def merge_structure(writer: Any, readers: list[Any], page_starts: list[int]) -> None:
    """`readers[i]`'s pages were appended to `writer` from page `page_starts[i]` on."""
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        NameObject,
        NumberObject,
    )

    kids, nums, role_map = ArrayObject(), ArrayObject(), DictionaryObject()
    offset, lang = 0, None
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    for reader, start in zip(readers, page_starts, strict=True):
        source = reader.trailer["/Root"]
        lang = lang or source.get("/Lang")
        if "/StructTreeRoot" not in source:
            continue
        tree = source["/StructTreeRoot"].get_object().clone(writer)
        top = tree.get("/K")
        for kid in (top if isinstance(top, list) else [top] if top is not None else []):
            element = kid.get_object()
            if isinstance(element, DictionaryObject):
                element[NameObject("/P")] = root_ref
            kids.append(kid)
        role_map.update(tree.get("/RoleMap", DictionaryObject()))
        parents = tree.get("/ParentTree")
        entries = parents.get_object().get("/Nums", []) if parents is not None else []
        for k in range(0, len(entries) - 1, 2):
            nums += [NumberObject(int(entries[k]) + offset), entries[k + 1]]
        for index in range(start, start + len(reader.pages)):
            page = writer.pages[index]
            if "/StructParents" in page:
                page[NameObject("/StructParents")] = NumberObject(
                    int(page["/StructParents"]) + offset)
            for annot in page.get("/Annots", []) or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(
                        int(annot["/StructParent"]) + offset)
        offset += int(tree.get("/ParentTreeNextKey", 0))
    if not kids:
        return
    parent_tree = DictionaryObject({NameObject("/Nums"): nums})
    root.update({
        NameObject("/K"): kids,
        NameObject("/ParentTree"): writer._add_object(parent_tree),
        NameObject("/ParentTreeNextKey"): NumberObject(offset),
        NameObject("/RoleMap"): role_map,
    })
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)})
    if lang is not None:
        catalog[NameObject("/Lang")] = lang
