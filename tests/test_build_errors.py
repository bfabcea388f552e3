"""`packet build` with bad input: a short message, exit 1, the previous packet untouched.

One packet is built once for the module; every test then breaks one input,
runs the build again and checks three things a user relies on: the message
says what is wrong and where (file and line, or the names that would work),
there is no traceback, and the packet and report from before are byte for
byte what they were, with no staging folder left beside them.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clirun import Cli, Result, copy_example, make_cli
from pypdf import PdfWriter

CALL = "ml-theory-fellowship"
ENV = {"SOURCE_DATE_EPOCH": "1793577600"}


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return make_cli(tmp_path_factory.getbasetemp() / "cache", ENV)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> Path:
    """The example workspace (without saved applications) with one packet built."""
    root = copy_example(tmp_path_factory.mktemp("errors") / "ws")
    result = cli("--workspace", str(root), "build", "-p", "favero", "-c", CALL)
    assert result.code == 0, result.out + result.err
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def build(ws: Path, cli: Cli) -> Iterator[Callable[..., Result]]:
    """`packet build -p favero -c CALL ARGS...`; afterwards, the previous output is intact."""
    output = ws / "output"
    before = snapshot(output)
    assert "ml-theory-fellowship/favero/packet.pdf" in before

    def run(*args: str, profile: str = "favero", call: str = CALL) -> Result:
        return cli("--workspace", str(ws), "build", "-p", profile, "-c", call, *args)

    yield run
    assert snapshot(output) == before, "a failed build changed the previous packet"
    leftovers = [p.name for p in (output / CALL).iterdir() if p.name != "favero"]
    assert leftovers == [], "staging or backup folders left behind"


def failed(result: Result) -> str:
    """A user error: exit 1, a message on stderr, no traceback; returns the flattened text."""
    assert result.code == 1, result.out + result.err
    assert "error:" in result.err
    assert "Traceback" not in result.out + result.err
    return result.flat


@pytest.fixture
def template(ws: Path) -> Iterator[Path]:
    """The workspace's override of the CV template, restored afterwards."""
    path = ws / "templates" / "cv.md.j2"
    saved = path.read_bytes() if path.exists() else None
    path.parent.mkdir(exist_ok=True)
    yield path
    if saved is None:
        path.unlink()
    else:
        path.write_bytes(saved)


@pytest.fixture
def application(ws: Path) -> Iterator[Path]:
    """A saved application for the call, removed afterwards with anything it attached."""
    folder = ws / "profiles" / "favero" / "applications"
    folder.mkdir(exist_ok=True)
    path = folder / f"{CALL}.yaml"
    yield path
    shutil.rmtree(folder)
    for pdf in (ws / "profiles" / "favero").glob("*.pdf"):
        pdf.unlink()


# -- templates -------------------------------------------------------------------------


def test_template_syntax_error_names_file_and_line(build: Callable[..., Result],
                                                   template: Path) -> None:
    template.write_text("# {{ person.name }}\n\n{% if person.email %}\nno end tag\n")
    text = failed(build())
    assert "templates/cv.md.j2:" in text
    assert re.search(r"templates/cv\.md\.j2:[34]\b", text), text
    assert "endif" in text


def test_undefined_variable_names_file_and_line(build: Callable[..., Result],
                                                template: Path) -> None:
    template.write_text("# CV\n\nWritten by {{ no_such_thing.name }}.\n")
    text = failed(build())
    assert "templates/cv.md.j2:3" in text
    assert "no_such_thing" in text and "undefined" in text


# -- themes and citation styles ------------------------------------------------------------


def test_unknown_theme_lists_the_themes(build: Callable[..., Result]) -> None:
    text = failed(build("--theme", "baroque"))
    assert "unknown theme 'baroque'" in text
    assert "classic" in text and "modern" in text


def test_unknown_citation_style_suggests_close_matches(build: Callable[..., Result]) -> None:
    text = failed(build("--style", "apaa"))
    assert "unknown citation style 'apaa'" in text
    assert re.search(r"did you mean[^.]*\bapa\b", text), text


# -- attachments -------------------------------------------------------------------------------


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("s3cret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        (b"Scanned certificate, not a PDF\n", "is not a PDF"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\n", "damaged PDF"),
        (_encrypted_pdf(), "is encrypted"),
    ],
    ids=["missing", "not-a-pdf", "corrupt", "encrypted"],
)
def test_bad_attachment_is_named(build: Callable[..., Result], application: Path, ws: Path,
                                 content: bytes | None, expected: str) -> None:
    application.write_text(f"call: {CALL}\nattachments:\n  phd-certificate: phd-certificate.pdf\n")
    if content is not None:
        (ws / "profiles" / "favero" / "phd-certificate.pdf").write_bytes(content)
    text = failed(build())
    assert "profiles/favero/phd-certificate.pdf" in text
    assert expected in text


def test_good_attachment_is_merged_untouched(ws: Path, cli: Cli, application: Path,
                                             tmp_path: Path) -> None:
    """The counterpart of the failures above: a plain PDF goes into the packet as it is."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    (ws / "profiles" / "favero" / "phd-certificate.pdf").write_bytes(buffer.getvalue())
    application.write_text(f"call: {CALL}\nattachments:\n  phd-certificate: phd-certificate.pdf\n")
    out = tmp_path / "with-attachment"
    result = cli("--workspace", str(ws), "build", "-p", "favero", "-c", CALL, "--format", "pdf",
                 "--out", str(out))
    assert result.code == 0, result.err
    assert (out / "documents" / "phd-certificate.pdf").read_bytes() == buffer.getvalue()
    report = json.loads((out / "report.json").read_text("utf-8"))
    attached = report["documents"][-1]
    assert (attached["id"], attached["pages"], attached["attachment"]) == (
        "phd-certificate", 2, True)


# -- unknown names ----------------------------------------------------------------------------


def test_unknown_profile_lists_the_known_ones(build: Callable[..., Result]) -> None:
    text = failed(build(profile="faverro"))
    assert "unknown profile 'faverro'" in text
    assert "favero" in text.split("unknown profile 'faverro'", 1)[1]


def test_unknown_call_lists_the_known_ones(build: Callable[..., Result]) -> None:
    text = failed(build(call="ml-theory"))
    assert "unknown call 'ml-theory'" in text
    assert "Did you mean 'ml-theory-fellowship'?" in text
    for known in ("ai-faculty", "erc-stg", "nsf"):
        assert known in text


# -- where the output goes ------------------------------------------------------------------


def test_out_folder_with_other_files_is_refused(build: Callable[..., Result],
                                                tmp_path: Path) -> None:
    """Publishing swaps the whole folder: it must never delete a user's own files."""
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work\n")
    text = failed(build("--out", str(mine)))
    assert "holds other files" in text
    assert (mine / "thesis.tex").read_text() == "years of work\n"
    assert sorted(p.name for p in mine.iterdir()) == ["thesis.tex"]
    assert [p.name for p in tmp_path.iterdir()] == ["my-documents"]
