"""A document's tree kept by its Markdown: the same tree, read back, as parsing gives."""

from __future__ import annotations

from pathlib import Path

from packet.cache import Cache
from packet.compose.doctree import blocks_from_plain
from packet.compose.markdown import parse_markdown

MARKDOWN = """# Curriculum Vitae

::: entry 2021 – present
**Postdoc**, EPFL *Lausanne*

- A [link](https://example.org) and `code`^1^
- 1. nested
:::

> A quote with "quotes" -- and dashes.

---
"""


def test_a_tree_read_back_from_its_plain_form_is_the_tree() -> None:
    from packet.compose.doctree import Document

    blocks = parse_markdown(MARKDOWN)
    plain = Document("x", "X", blocks).to_dict()["blocks"]
    assert blocks_from_plain(plain) == blocks


def test_a_damaged_cache_entry_is_parsed_again(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from packet.compose.compose import parse_document
    from packet.model.call import DocumentSpec

    spec = DocumentSpec.model_validate({"id": "cv", "title": "CV", "template": "cv"})
    context = SimpleNamespace(person=SimpleNamespace(name="A"), call=SimpleNamespace(id="c"),
                              today="2026-11-15")
    cache = Cache(tmp_path, "doctrees")
    first = parse_document(spec, context, MARKDOWN, cache)  # type: ignore[arg-type]
    assert parse_document(spec, context, MARKDOWN, cache) == first  # type: ignore[arg-type]
    for entry in cache.folder.rglob("*"):
        if entry.is_file():
            entry.write_text('[{"type": "nonsense"}]', "utf-8")
    assert parse_document(spec, context, MARKDOWN, cache) == first  # type: ignore[arg-type]
