"""A long document typeset in chunks has the pages, outline, links and tags of the whole."""

from __future__ import annotations

import io
import json
import random
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

import packet.render.pdf as pdf_module
import packet.render.pdf_join as pdf_join
import packet.render.typst_chunks as chunks
from packet.compose.doctree import (
    Document,
    Emph,
    Entry,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Styled,
    Text,
)
from packet.render.pdf import render_pdf
from packet.render.pdf_splice import NotPlain, read_objects, refs, renumber
from packet.render.setup import PageSetup

NAMES = ("Jiménez-Wójcik, A.", "Ó Briain, P.", "Lefèvre, J.", "Novák, K.", "Okafor, C.",
         "Tanaka, P.", "Andersson, M.", "García, F.", "Dubois, G.", "Kowalski, E.")
WORDS = ("kernel", "memorization", "generalization", "overparameterized", "spin", "glasses",
         "locality", "invariance", "transformers", "hierarchical", "sparse", "dynamics",
         "representation", "statistical", "physics", "learning", "diffusion", "scaling")


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _reference(rng: random.Random, n: int) -> list[Any]:
    """One entry; about one in fifteen has a long abstract and may split across pages."""
    authors = ", ".join(rng.sample(NAMES, rng.randint(1, 7)))
    inlines: list[Inline] = [Text(f"{authors} ({2000 + n % 26}). "),
                             Emph([Text(_words(rng, rng.randint(5, 16)).capitalize())]),
                             Text(". In "), Strong([Text("Proceedings")]), Text(". ")]
    if n % 9 == 0:
        inlines.append(Link(f"https://doi.org/10.1000/{n}", [Text(f"doi:10.1000/{n}")]))
    blocks: list[Any] = [Paragraph(inlines)]
    if n % 15 == 7:
        blocks.append(Paragraph([Text(_words(rng, rng.randint(120, 220)))]))
    return blocks


def long_document(seed: int = 7, scale: float = 1.0) -> Document:
    """About 1,200 entries (times `scale`) in sections of every kind a chunk may start in
    or must not."""
    rng = random.Random(seed)
    n = 0

    def refs(count: int, numbering: str) -> ListBlock:
        nonlocal n
        count = max(3, round(count * scale)) if count > 3 else count
        start = n + 1
        items = [_reference(rng, n + k) for k in range(count)]
        n += count
        return ListBlock(numbering != "bullet", items, start=start,
                         numbering=numbering)  # type: ignore[arg-type]

    blocks: list[Any] = [
        Heading(1, [Text("Publications")]),
        Styled("center", [Paragraph([Text("Alessandra Jiménez-Wójcik, Université de Lausanne")])]),
        Styled("muted", [Paragraph([Text("* Equal contribution.")])]),
        Heading(2, [Text("Journal articles")]), refs(330, "[1]"),
        Heading(2, [Text("Conference papers")]),
        Heading(3, [Text("Main track")]), refs(240, "[1]"),
        Heading(3, [Text("Workshops")]), refs(3, "[1]"), refs(150, "[1]"),
        Heading(2, [Text("Talks")]),
        *[Entry(f"{2000 + k % 26}", [Text(_words(rng, 6).capitalize())],
                [Paragraph([Text(_words(rng, rng.randint(8, 40)))])] if k % 3 else [])
          for k in range(round(90 * scale))],
        Heading(2, [Text("Preprints")]), refs(160, "none"),
        Paragraph([Text(_words(rng, 80))]),
        Heading(2, [Text("Teaching")]), refs(120, "bullet"),
        Heading(2, [Text("Software")]), refs(70, "1."),
        Heading(2, [Text("Abstracts")]), refs(40, "[1]"),
    ]
    return Document("publications", "Publications", blocks)


def _pages(pdf: bytes) -> list[tuple[str, tuple[tuple[float, ...], ...]]]:
    """Each page's text and the boxes of every fifth character."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            text = page.get_textpage()
            count = text.count_chars()
            boxes = tuple(tuple(round(v, 2) for v in text.get_charbox(k))
                          for k in range(0, count, 5))
            out.append((text.get_text_range(), boxes))
        return out
    finally:
        doc.close()


def _outline(pdf: bytes) -> list[tuple[str, int, int | None, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    out: list[tuple[str, int, int | None, float]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((str(item.title), depth, reader.get_destination_page_number(item),
                            round(float(item.top), 2)))

    walk(reader.outline, 0)
    return out


def _links(pdf: bytes) -> list[list[tuple[str, tuple[float, ...]]]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [[(str(a.get_object()["/A"]["/URI"]),
              tuple(round(float(v), 2) for v in a.get_object()["/Rect"]))
             for a in page.get("/Annots", []) or []] for page in reader.pages]


def _structure(pdf: bytes) -> list[tuple[str, int]]:
    """The Document element's children: each one's role and number of children."""
    catalog: Any = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    root = catalog["/StructTreeRoot"]
    top = root["/K"]
    document = (top[0] if isinstance(top, list) else top).get_object()
    assert document["/S"] == "/Document"
    out = []
    for kid in document["/K"]:
        element = kid.get_object()
        kids = element.get("/K", [])
        out.append((str(element["/S"]), len(kids) if isinstance(kids, list) else 1))
    return out


@pytest.fixture
def unmemoized(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module.PDFS, "get", lambda key: None)
    monkeypatch.setattr(pdf_module.PDFS, "put", lambda key, value: None)


# The whole list in one theme; the other's rules (spacing, labels) on a third of it.
@pytest.mark.parametrize(("theme", "scale", "chunk_kb"), [("classic", 1.0, 96), ("modern", 0.35, 40)])
def test_a_document_typeset_in_chunks_has_the_pages_of_the_whole(
    theme: str, scale: float, chunk_kb: int, unmemoized: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = long_document(scale=scale)
    setup = PageSetup(theme=theme, header="Alessandra Jiménez-Wójcik",
                      title="Publications — Alessandra Jiménez-Wójcik")
    monkeypatch.setattr(pdf_module, "SUBPROCESS_BYTES", 0)
    monkeypatch.setattr(chunks, "CHUNKED_BYTES", 1 << 40)
    whole = render_pdf(doc, setup, timestamp=1_700_000_000)

    starts: list[dict[str, Any]] = []
    apart = pdf_module._compile_apart

    def spy(*args: Any, **kwargs: Any) -> tuple[bytes, list[str]]:
        starts.append(json.loads(args[1]["chunk"]))
        return apart(*args, **kwargs)

    joined: list[tuple[list[bytes], list[int], list[bool]]] = []
    plain = pdf_join.join_plain

    def keep(pdfs: list[bytes], levels: list[int], seams: list[bool]) -> bytes | None:
        joined.append((pdfs, levels, seams))
        return plain(pdfs, levels, seams)

    monkeypatch.setattr(chunks, "CHUNKED_BYTES", 0)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", chunk_kb * 1024)
    monkeypatch.setattr(pdf_module, "_compile_apart", spy)
    monkeypatch.setattr(pdf_join, "join_plain", keep)
    chunked = render_pdf(doc, setup, timestamp=1_700_000_000)

    finals = [s for s in starts if s["pages"] is not None or s["to"] is None]
    assert len(finals) >= 4, "typeset in chunks"
    assert any(units_split_list(doc, s["from"]) for s in finals), "a chunk starts inside a list"
    assert _pages(chunked) == _pages(whole)
    assert _outline(chunked) == _outline(whole)
    assert _links(chunked) == _links(whole)
    assert _structure(chunked) == _structure(whole)
    info = PdfReader(io.BytesIO(chunked)).metadata
    assert info is not None and info.title == "Publications — Alessandra Jiménez-Wójcik"
    if theme == "modern":  # pypdf's join, for files pdf_splice cannot read, agrees
        by_pypdf = pdf_join.join_chunks(*joined[0])
        assert by_pypdf is not None
        assert _pages(by_pypdf) == _pages(whole)
        assert _outline(by_pypdf) == _outline(whole)
        assert _structure(by_pypdf) == _structure(whole)


def units_split_list(doc: Document, start: int) -> bool:
    units = chunks.plan_units(json.loads(doc.to_json()))
    return start < len(units) and units[start].item not in (None, 0)


def test_where_a_chunk_may_start() -> None:
    doc = json.loads(long_document().to_json())
    units = chunks.plan_units(doc)
    by_block: dict[int, list[chunks.Unit]] = {}
    for unit in units:
        by_block.setdefault(unit.block, []).append(unit)
    for index, block in enumerate(doc["blocks"]):
        got = by_block[index]
        if block["type"] != "list":
            assert [u.cut for u in got] == [True]
            continue
        n, numbering = len(block["items"]), block["numbering"]
        cuts = [u.item for u in got if u.cut]
        if numbering == "none":
            assert cuts == list(range(n))
        elif numbering == "1.":
            assert cuts == [0]  # its numbers share one column as wide as the widest
        elif n < 4:
            assert cuts == [0]  # kept whole
        else:  # never inside the first two or the last two, which are kept together
            assert cuts == [0, *range(2, n - 1)]
            assert [u.item for u in got if u.seam] == list(range(3, n - 2))


def test_a_document_linking_into_its_own_references_is_typeset_whole() -> None:
    doc = Document("cv", "CV", [
        Paragraph([Text("As shown in "), Link("#ref-2", [Text("[2]")]), Text(".")]),
        ListBlock(True, [[Paragraph([Text("x" * 600)])] for _ in range(2000)],
                  numbering="[1]"),
    ])
    text = doc.to_json()
    assert len(text) >= chunks.CHUNKED_BYTES
    assert not chunks.wants_chunks(text)
    plain = Document("cv", "CV", doc.blocks[1:]).to_json()
    assert chunks.wants_chunks(plain)


def test_references_are_renumbered_outside_strings_only() -> None:
    value = b"<</Title(see 12 0 R \\) (nested 12 0 R) 3 0 R)/P 12 0 R/K[12 0 R 3 0 R]/N 112 0 R>>"
    assert renumber(value, {12: 40, 3: 7, 112: 9}) == (
        b"<</Title(see 12 0 R \\) (nested 12 0 R) 3 0 R)/P 40 0 R/K[40 0 R 7 0 R]/N 9 0 R>>")
    assert refs(value) == [12, 12, 3, 112]


def test_a_file_not_in_typsts_layout_is_refused() -> None:
    with pytest.raises(NotPlain):
        read_objects(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF")
