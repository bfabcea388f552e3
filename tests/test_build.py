"""`packet build`: one profile, one call -> documents, packet, report.

Everything is checked the way a user (or a reviewer opening the packet) would
see it: the files on disk, the manifest against those files, the packet's
bookmarks, page labels, metadata and fonts, the text as a PDF reader extracts
it, and the DOCX as Word shows it.

Each packet is built once per module, through the CLI in process, in a copy of
the example workspace. The copy drops any saved applications so that the
default selection (the call's rules, newest first) is what is built; the
faculty call gets an application of its own that fixes the build date.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from clirun import Cli, Result, copy_example, make_cli
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from packet.store.workspace import Workspace

FELLOWSHIP = "ml-theory-fellowship"
FACULTY = "ai-faculty"
EPOCH = "1793577600"  # 2026-11-02T00:00:00Z
FACULTY_DATE = "2026-10-01"  # the faculty application's build_date
CALLS = (FELLOWSHIP, FACULTY)


# -- running the CLI in a module-scoped fixture ----------------------------------


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's private cache (as conftest sets for function-scoped tests)."""
    return tmp_path_factory.getbasetemp() / "cache"


@pytest.fixture(scope="module")
def cli(cache: Path) -> Cli:
    return make_cli(cache)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("build") / "ws")
    apps = root / "profiles" / "favero" / "applications"
    apps.mkdir()
    (apps / f"{FACULTY}.yaml").write_text(f"call: {FACULTY}\nbuild_date: {FACULTY_DATE}\n")
    return root


# The fellowship is dated by SOURCE_DATE_EPOCH, the faculty packet by its application.
ENV: dict[str, dict[str, str | None]] = {
    FELLOWSHIP: {"SOURCE_DATE_EPOCH": EPOCH},
    FACULTY: {"SOURCE_DATE_EPOCH": None},
}


@dataclass
class Built:
    call: str
    ws: Path
    result: Result
    folder: Path
    report: dict[str, Any]
    documents: list[tuple[str, str]]  # (id, title) in the call's order
    keywords: list[str]

    def path(self, relative: str) -> Path:
        return self.folder / relative


@pytest.fixture(scope="module", params=CALLS)
def built(request: pytest.FixtureRequest, ws: Path, cli: Cli, cache: Path) -> Built:
    call = request.param
    result = cli("--workspace", str(ws), "build", "--profile", "favero", "--call", call,
                 env=ENV[call])
    assert result.code == 0, result.out + result.err
    folder = ws / "output" / call / "favero"
    report = json.loads((folder / "report.json").read_text("utf-8"))
    spec = Workspace.open(ws, cache_dir=cache).call(call)
    return Built(call, ws, result, folder, report, [(d.id, d.title) for d in spec.documents],
                 spec.keywords)


# -- reading what was built --------------------------------------------------------


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 0-based page) of every bookmark, in order."""
    rows: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                rows.append((depth, str(item.title), page if page is not None else -1))

    walk(reader.outline, 0)
    return rows


def docx_headings(path: Path) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in docx.Document(str(path)).paragraphs
            if p.style is not None and p.style.name.startswith("Heading ")]


def numbered_entries(path: Path) -> list[Any]:
    """Numbered-list paragraphs: in a CV those under its Publications heading, else all."""
    paragraphs = docx.Document(str(path)).paragraphs
    styles = [p.style.name if p.style is not None else "" for p in paragraphs]
    if ("Heading 1", "Publications") in zip(styles, (p.text for p in paragraphs), strict=True):
        start = next(i for i, p in enumerate(paragraphs)
                     if styles[i] == "Heading 1" and p.text == "Publications")
        end = next((i for i in range(start + 1, len(paragraphs)) if styles[i] == "Heading 1"),
                   len(paragraphs))
        paragraphs, styles = paragraphs[start:end], styles[start:end]
    return [p for p, style in zip(paragraphs, styles, strict=True) if style == "List Number"]


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def docx_text(path: Path) -> str:
    return " ".join(" ".join(p.text for p in docx.Document(str(path)).paragraphs).split())


def _resolved(value: Any) -> Any:
    return value.get_object() if value is not None else None


def fonts_of(resources: Any, seen: set[int]) -> Iterator[tuple[str, DictionaryObject]]:
    """Every font used by a page's resources, including inside form XObjects."""
    resources = _resolved(resources)
    if resources is None:
        return
    for font in (_resolved(resources.get("/Font")) or {}).values():
        font = font.get_object()
        yield str(font.get("/BaseFont")), font
    for ref in (_resolved(resources.get("/XObject")) or {}).values():
        key = getattr(ref, "idnum", None) or id(ref)
        if key in seen:
            continue
        seen.add(key)
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from fonts_of(xobject.get("/Resources"), seen)


def font_files(path: Path) -> tuple[set[str], list[str]]:
    """The fonts a PDF uses, and those of them with no embedded font file."""
    used: set[str] = set()
    missing = []
    for page in PdfReader(path).pages:
        for name, font in fonts_of(page.get("/Resources"), set()):
            used.add(name)
            if font.get("/Subtype") == "/Type3":
                continue  # glyphs drawn by the PDF itself
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = _resolved(font.get("/FontDescriptor")) or {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(name)
    return used, missing


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- files and the manifest ------------------------------------------------------------


def test_build_writes_packet_documents_and_reports(built: Built) -> None:
    ids = [doc_id for doc_id, _ in built.documents]
    assert (built.folder / "packet.pdf").read_bytes().startswith(b"%PDF")
    assert {p.name for p in built.folder.iterdir()} == {"packet.pdf", "documents", "report.json",
                                                         "report.md"}
    expected = {f"{doc_id}.{ext}" for doc_id in ids for ext in ("pdf", "docx")}
    assert {p.name for p in (built.folder / "documents").iterdir()} == expected
    for doc_id in ids:
        assert PdfReader(built.path(f"documents/{doc_id}.pdf")).pages
        assert docx_text(built.path(f"documents/{doc_id}.docx"))
    # Nothing half-written or left over beside the packet's folder.
    assert [p.name for p in built.folder.parent.iterdir()] == ["favero"]


def test_cli_prints_a_summary_with_the_packet_path(built: Built) -> None:
    flat = built.result.flat
    assert f"Packet: output/{built.call}/favero/packet.pdf" in flat
    assert f"{built.report['pages']} pages" in flat
    assert "Traceback" not in flat


def test_report_lists_every_document_in_call_order(built: Built) -> None:
    report = built.report
    assert (report["profile"], report["call"]) == ("favero", built.call)
    assert [(d["id"], d["title"]) for d in report["documents"]] == built.documents
    first = report["documents"][0]["first_page"]
    assert first >= 2  # after the cover and contents
    for doc in report["documents"]:
        pdf = built.path(f"documents/{doc['id']}.pdf")
        assert doc["pages"] == len(PdfReader(pdf).pages)
        assert doc["first_page"] == first
        first += doc["pages"]
        assert 0 < doc["words"] < doc["characters"]
    assert report["pages"] == first - 1 == len(PdfReader(built.path("packet.pdf")).pages)


def test_report_file_sizes_and_hashes_match_the_files(built: Built) -> None:
    listed = [f for doc in built.report["documents"] for f in doc["files"]]
    listed.append(built.report["packet"])
    assert {f["path"] for f in listed} == {
        p.relative_to(built.folder).as_posix() for p in built.folder.rglob("*")
        if p.is_file() and p.suffix in (".pdf", ".docx")}
    for entry in listed:
        path = built.path(entry["path"])
        assert entry["bytes"] == path.stat().st_size, entry["path"]
        assert entry["sha256"] == sha256(path), entry["path"]


def test_report_item_counts_match_what_the_documents_show(built: Built) -> None:
    """Each publication is a numbered entry in the DOCX; the report counts the same."""
    counted = 0
    for doc in built.report["documents"]:
        shown = doc["items"].get("publications")
        if shown is None:
            continue
        entries = numbered_entries(built.path(f"documents/{doc['id']}.docx"))
        assert shown == len(entries), doc["id"]
        counted += 1
    assert counted >= 1
    cv = next(d for d in built.report["documents"] if d["id"] == "cv")
    assert cv["items"]["awards"] > 0 and cv["items"]["education"] > 0


def test_report_md_summarises_the_packet(built: Built) -> None:
    text = built.path("report.md").read_text("utf-8")
    assert built.report["call_name"] in text
    assert f"`packet.pdf`, {built.report['pages']} pages" in text
    for doc in built.report["documents"]:
        assert f"| {doc['title']} | {doc['first_page']} | {doc['pages']} |" in text
        for file in doc["files"]:
            assert f"`{file['path']}`" in text


# -- the packet as a reviewer sees it ----------------------------------------------------


def test_outline_has_one_entry_per_document_with_its_headings_nested(built: Built) -> None:
    reader = PdfReader(built.path("packet.pdf"))
    rows = outline(reader)
    top = [(title, page) for depth, title, page in rows if depth == 0]
    assert top == [("Contents", 0)] + [(d["title"], d["first_page"] - 1)
                                       for d in built.report["documents"]]
    for doc in built.report["documents"]:
        start = rows.index((0, doc["title"], doc["first_page"] - 1))
        nested = []
        for depth, title, page in rows[start + 1:]:
            if depth == 0:
                break
            assert doc["first_page"] - 1 <= page < doc["first_page"] - 1 + doc["pages"], title
            nested.append((depth, title))
        # The document's own section headings, as its DOCX has them too.
        assert nested == docx_headings(built.path(f"documents/{doc['id']}.docx")), doc["id"]
    cv = next(d for d in built.report["documents"] if d["id"] == "cv")
    cv_start = rows.index((0, cv["title"], cv["first_page"] - 1))
    assert (1, "Education") in [(d, t) for d, t, _ in rows[cv_start:]]


def test_page_labels_name_the_document_and_its_page(built: Built) -> None:
    labels = PdfReader(built.path("packet.pdf")).page_labels
    documents = built.report["documents"]
    cover = documents[0]["first_page"] - 1
    roman = ["i", "ii", "iii", "iv"][:cover]
    expected = roman + [f"{d['title']} {n}" for d in documents for n in range(1, d["pages"] + 1)]
    assert labels == expected
    assert "Curriculum Vitae 1" in labels


def test_packet_metadata(built: Built) -> None:
    meta = PdfReader(built.path("packet.pdf")).metadata
    assert meta is not None
    call_name = built.report["call_name"]
    assert meta.title == f"{call_name} — Alessandro Favero"
    assert meta.author == "Alessandro Favero"
    assert meta.subject is not None and call_name in meta.subject
    assert built.keywords and meta.get("/Keywords") == ", ".join(built.keywords)


def test_every_font_is_embedded(built: Built) -> None:
    for path in [built.path("packet.pdf"), *sorted(built.folder.glob("documents/*.pdf"))]:
        used, missing = font_files(path)
        assert used, path.name
        assert missing == [], path.name


def test_extracted_text_keeps_accents(built: Built) -> None:
    text = pdf_text(built.path("packet.pdf"))
    assert "Alessandro Favero" in text
    assert "Sorbonne Université" in text
    assert "Jiménez" in text
    assert "\ufffd" not in text
    assert "Sorbonne Université" in docx_text(built.path("documents/cv.docx"))


def test_docx_headings_and_bold_applicant_name(built: Built) -> None:
    cv = built.path("documents/cv.docx")
    headings = [text for _, text in docx_headings(cv)]
    assert "Education" in headings and "Publications" in headings
    entries = numbered_entries(cv)
    assert entries
    for paragraph in entries:
        bold = [run.text for run in paragraph.runs if run.bold]
        assert any("Favero" in text for text in bold), paragraph.text
        # Only the applicant is emphasised, never a co-author.
        assert not any(name in text for text in bold for name in ("Wyart", "Sclocchi", "Frossard"))


def test_cover_shows_the_build_date(built: Built) -> None:
    expected = {FELLOWSHIP: ("2026-11-02", "2 November 2026"),
                FACULTY: (FACULTY_DATE, "1 October 2026")}[built.call]
    assert built.report["build_date"] == expected[0]
    assert expected[1] in PdfReader(built.path("packet.pdf")).pages[0].extract_text()


# -- determinism ----------------------------------------------------------------------------


def test_two_builds_are_byte_identical(built: Built, cli: Cli, tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH (fellowship) or the application's build_date (faculty) fixes the date."""
    again = tmp_path / "again"
    result = cli("--workspace", str(built.ws), "build", "--profile", "favero", "--call",
                 built.call, "--out", str(again), env=ENV[built.call])
    assert result.code == 0, result.err
    first, second = tree_bytes(built.folder), tree_bytes(again)
    assert sorted(first) == sorted(second)
    for name in first:
        if name.endswith((".pdf", ".docx")):
            assert first[name] == second[name], name


# -- --strict -------------------------------------------------------------------------------


def test_errors_are_shown_and_strict_turns_them_into_exit_1(
    ws: Path, cli: Cli, tmp_path: Path
) -> None:
    """The fellowship asks two questions the default build leaves unanswered: an error."""
    built = cli("--workspace", str(ws), "build", "-p", "favero", "-c", FELLOWSHIP,
                "--format", "pdf", "--out", str(tmp_path / "lenient"), env=ENV[FELLOWSHIP])
    assert built.code == 0
    assert "prompt-required" in built.flat and "error(s)" in built.flat
    strict = cli("--workspace", str(ws), "build", "-p", "favero", "-c", FELLOWSHIP, "--strict",
                 "--format", "pdf", "--out", str(tmp_path / "strict"), env=ENV[FELLOWSHIP])
    assert strict.code == 1
    assert "prompt-required" in strict.flat and "Traceback" not in strict.flat


# -- data never runs as markup ----------------------------------------------------------------

PAYLOAD = r'#read("/etc/passwd") $x$ *y* <z> {{ 7*7 }} \textbf{w}'


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> Path:
    root = copy_example(tmp_path_factory.mktemp("inject") / "ws")
    profile = root / "profiles" / "favero" / "profile.yaml"
    quoted = PAYLOAD.replace("'", "''")
    entry = ("publications:\n"
             "  - id: jimenez2026literal\n"
             "    kind: journal\n"
             "    authors: [\"Jiménez, Ana\", \"Favero, Alessandro\"]\n"
             f"    title: '{quoted}'\n"
             "    venue: Journal of Literal Text\n"
             "    year: 2026\n")
    text, count = re.subn(r"^publications:\n", lambda _: entry, profile.read_text("utf-8"),
                          count=1, flags=re.M)
    assert count == 1
    profile.write_text(text, "utf-8")
    apps = root / "profiles" / "favero" / "applications"
    apps.mkdir()
    (apps / f"{FELLOWSHIP}.yaml").write_text(
        f"call: {FELLOWSHIP}\nselections:\n  publications: [jimenez2026literal]\n")
    result = cli("--workspace", str(root), "build", "-p", "favero", "-c", FELLOWSHIP,
                 env=ENV[FELLOWSHIP])
    assert result.code == 0, result.out + result.err
    return root / "output" / FELLOWSHIP / "favero"


@pytest.mark.parametrize("doc", ["cv", "publications"])
def test_markup_in_a_title_prints_literally(injected: Path, doc: str) -> None:
    for text in (pdf_text(injected / "documents" / f"{doc}.pdf"),
                 docx_text(injected / "documents" / f"{doc}.docx")):
        # Typography turns the quotes curly; the markup itself prints as typed.
        assert PAYLOAD in text.translate(str.maketrans("\u201c\u201d", '""'))
        assert "root:" not in text  # /etc/passwd was not read


# -- navigation: one numbering, linked contents, tags ---------------------------------


def test_contents_link_to_their_documents_and_numbering_agrees(built: Built) -> None:
    reader = PdfReader(built.path("packet.pdf"))
    starts = [d["first_page"] - 1 for d in built.report["documents"]]
    links = [a.get_object() for a in reader.pages[0].get("/Annots", []) or []]
    targets = [reader.get_page_number(a["/Dest"][0].get_object()) for a in links
               if a.get("/Dest") is not None]
    assert targets == starts
    contents = reader.pages[0].extract_text()
    for doc, start in zip(built.report["documents"], starts, strict=True):
        # the contents give the pages the document prints ("pp. 1–3"), the viewer labels agree
        pages = doc["pages"]
        assert ("p. 1" if pages == 1 else f"pp. 1–{pages}") in contents
        assert reader.page_labels[start] == f"{doc['title']} 1"
        assert reader.page_labels[start + pages - 1] == f"{doc['title']} {pages}"


def test_the_packet_is_tagged_like_its_documents(built: Built) -> None:
    root = PdfReader(built.path("packet.pdf")).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    tree = root["/StructTreeRoot"].get_object()
    # the cover and every document keep their own top element
    assert len(tree["/K"]) == 1 + len(built.report["documents"])


def _footer_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as word:
        return " ".join(word.read(n).decode("utf-8") for n in word.namelist()
                        if re.fullmatch(r"word/footer\d*\.xml", n))


def test_a_one_page_docx_prints_no_page_number_like_its_pdf(built: Built) -> None:
    for doc in built.report["documents"]:
        footers = _footer_text(built.folder / "documents" / f"{doc['id']}.docx")
        if doc["pages"] == 1:
            assert "NUMPAGES" not in footers and "PAGE" not in footers, doc["id"]
        else:
            assert "NUMPAGES" in footers, doc["id"]
