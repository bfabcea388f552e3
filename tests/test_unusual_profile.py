"""A profile tidy example data never resembles (tests/fixtures/unusual): a 40-author paper
with the applicant 25th, a 300-character title, names in eight scripts, an empty section,
a 60-character URL. Built in both themes, read back from the PDF and the report."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from clirun import Cli, make_cli

FIXTURE = Path(__file__).parent / "fixtures" / "unusual"
CALL = "unusual-fellowship"
HAS_CJK_FONT = importlib.util.find_spec("cvttf_NotoSansCJK_Regular") is not None


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return make_cli(tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unusual") / "ws"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module", params=["classic", "modern"])
def built(request: pytest.FixtureRequest, ws: Path, cli: Cli) -> Path:
    out = ws / "output" / request.param
    result = cli("--workspace", str(ws), "build", "-p", "wojcik", "-c", CALL,
                 "--theme", request.param, "--out", str(out))
    assert result.code == 0, result.out + result.err
    return out


def text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_the_applicant_is_named_in_the_forty_author_list(built: Path) -> None:
    cv = " ".join(text(built / "documents" / "cv.pdf").split())
    assert "Zhang, W., Member01, Q., Member02, Q., …, Wójcik-Jiménez, M., …, & Smith, J. " \
           "(40 authors)" in cv
    assert "Member10" not in cv


def test_scripts_print_in_their_own_order(built: Path) -> None:
    cv = " ".join(text(built / "documents" / "cv.pdf").split())
    # pdfium reads an Arabic name inside a left-to-right line word by word in visual order,
    # so its words are looked for one by one
    for name in ("Παπαδόπουλος", "Иванов", "محمد", "عبد", "الله", "Nguyễn, V. A.", "Öztürk, Ç.",
                 "Skłodowskiej"):
        assert name in cv, name
    report = json.loads((built / "report.json").read_text())
    glyphs = [f for f in report["findings"] if f["rule"] == "missing-glyphs"]
    if HAS_CJK_FONT:
        assert glyphs == []
    else:  # without the cjk extra the build says which characters and where
        assert glyphs and "张" in glyphs[0]["message"]


def test_profile_text_gets_typographic_quotes_and_dashes(built: Path) -> None:
    cv = text(built / "documents" / "cv.pdf")
    assert "the “shape” of data, scaling laws – and their limits" in cv


def test_a_long_url_breaks_only_after_a_slash(built: Path) -> None:
    lines = [line.strip() for line in text(built / "documents" / "cv.pdf").splitlines()]
    url = "https://example.org/a/rather/long/path/to/the/paper/2024/x.pdf"
    pieces = [line for line in lines if (line and line in url) or url.startswith(line)]
    joined = "".join(line for line in lines if line.startswith("https://") or
                     (line and url.find(line) > 0 and line in url))
    assert url in joined or url in " ".join(lines), pieces
    for line in lines:  # where the address is cut, the cut follows a slash
        if line and line in url and not url.endswith(line):
            assert line.endswith("/"), line


def test_a_character_no_font_has_fails_a_strict_build(ws: Path, cli: Cli) -> None:
    statement = ws / "profiles" / "wojcik" / "statements" / "research.md"
    original = statement.read_text()
    statement.write_text(original + "\nA sign no font has: \U00013000.\n")
    try:
        result = cli("--workspace", str(ws), "build", "-p", "wojcik", "-c", CALL, "--strict",
                     "--out", str(ws / "output" / "strict"))
    finally:
        statement.write_text(original)
    assert result.code == 1
    assert "U+13000" in result.flat and "Research Statement" in result.flat
