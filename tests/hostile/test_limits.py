"""Each documented limit (docs/security.md) holds at its value: just past it, a UserError (or
an error finding) with a clear message; at it, the input works. Limits that would need
large inputs are lowered for the test, which checks the same code path."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from hostile import pdfs
from packet import paths
from packet.compose import bounds
from packet.errors import UserError


def _render(body: str) -> str:
    from packet.compose.jinja_env import make_environment, template_error

    env = make_environment(None)
    try:
        with bounds.bounded():
            return str(env.from_string(body).render())
    except Exception as exc:
        error = template_error(exc, env, "test")
        raise error if error is not None else exc from None


def test_pdf_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:  # sparse: nothing is written, the size is what counts
        handle.truncate(paths.MAX_PDF_BYTES + 1)
    with pytest.raises(UserError, match=r"attachment big.pdf is too large"):
        paths.read_user_bytes(big, "big.pdf", paths.MAX_PDF_BYTES, "attachment")


def test_text_limits_have_their_documented_values() -> None:
    assert 2 * paths.MiB == paths.MAX_TEXT_BYTES
    assert 8 * paths.MiB == paths.MAX_YAML_BYTES
    assert 48 * paths.MiB == paths.MAX_PROFILE_BYTES
    assert 100 * paths.MiB == paths.MAX_PDF_BYTES


@pytest.mark.parametrize("name", ["favero", "erc-stg", "a.b_c-1"])
def test_plain_names_are_accepted(name: str) -> None:
    assert paths.plain_name(name, "profile id") == name


@pytest.mark.parametrize("name", ["..", "a/b", "/etc", "", ".hidden", "a\\b", "x" * 101])
def test_other_names_are_refused(name: str) -> None:
    with pytest.raises(UserError, match="is not a plain name"):
        paths.plain_name(name, "profile id")


def test_yaml_depth_limit(tmp_path: Path) -> None:
    from packet.store.yaml_io import MAX_DEPTH, load_yaml

    def nested(levels: int) -> str:
        return "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v\n"

    ok = tmp_path / "ok.yaml"
    ok.write_text(nested(MAX_DEPTH - 1))
    load_yaml(ok)
    deep = tmp_path / "deep.yaml"
    deep.write_text(nested(MAX_DEPTH + 1))
    with pytest.raises(UserError, match=f"more than {MAX_DEPTH} levels"):
        load_yaml(deep)


def test_yaml_string_limit(tmp_path: Path) -> None:
    from packet.store.yaml_io import MAX_STRING, load_yaml

    path = tmp_path / "x.yaml"
    path.write_text("name: " + "x" * MAX_STRING + "\n")
    load_yaml(path)
    path.write_text("name: " + "x" * (MAX_STRING + 1) + "\n")
    with pytest.raises(UserError, match="200,001 characters"):
        load_yaml(path)


def test_yaml_self_referring_alias_is_refused(tmp_path: Path) -> None:
    from packet.store.yaml_io import load_yaml, to_plain

    path = tmp_path / "x.yaml"
    path.write_text("a: &a\n  b: *a\n")
    try:
        to_plain(load_yaml(path))
    except UserError as err:
        assert "contains itself" in str(err)


def test_template_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.3)
    started = time.monotonic()
    with pytest.raises(UserError, match=r"ran for more than 0\.3 seconds"):
        _render("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    assert time.monotonic() - started < 2


def test_template_time_limit_covers_recursion_through_macros(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.3)
    body = ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}"
            "{{ m(40) }}")  # 2**40 calls, never deeper than 40
    with pytest.raises(UserError, match="ran for more than"):
        _render(body)


def test_template_output_limit() -> None:
    assert len(_render("{{ 'x' * 1000 }}")) == 1000
    body = ("{% set s = 'x' * 1000000 %}"
            "{% for i in range(10) %}{{ s }}{% endfor %}")
    with pytest.raises(UserError, match="longer than 5,000,000 characters"):
        _render(body)


def test_template_range_limit() -> None:
    assert _render("{{ range(bounds) | list | length }}".replace("bounds", "10000")) == "10000"
    with pytest.raises(UserError, match="range\\(\\) of 10,001 steps; at most 10,000"):
        _render("{% for i in range(10001) %}{% endfor %}")


def test_template_integer_limit() -> None:
    assert _render("{{ 2 ** 4000 > 0 }}") == "True"
    with pytest.raises(UserError, match="too large a number"):
        _render("{{ 2 ** 5000 }}")


@pytest.mark.parametrize("body", [
    "{{ 'x' | center(10 ** 9) }}", "{{ [1] | batch(10 ** 9, 'x') | list }}",
    "{{ '%999999999d' | format(1) }}", "{{ ('x' * 1000) | replace('x', 'y' * 10000) }}",
    "{{ ('ab' * 3000000) }}", "{{ [1, 2] * 10 ** 8 }}",
    # methods of a text, and the sandbox's own str.format
    "{{ 'x'.ljust(10 ** 9) }}", "{{ 'x'.center(10 ** 9) }}", "{{ '1'.zfill(10 ** 9) }}",
    "{{ '{0:>1000000000}'.format(1) }}", "{{ 'y'.join(['x' * 4000000] * 2) }}",
    # packet's own filters
    "{{ 'x' | indent(10 ** 9) }}", "{{ range(5000) | join('y' * 4000000) }}",
    # one long text many times: few items, gigabytes once printed
    "{{ ['x' * 4000000] * 1000 }}", "{{ ('x' * 4000000, ) * 2 }}",
    "{% set ns = namespace(v=['x' * 4000000]) %}{% for i in range(30) %}"
    "{% set ns.v = ns.v + ns.v %}{% endfor %}{{ ns.v | length }}",
])
def test_operators_and_filters_that_blow_up_are_refused(body: str) -> None:
    with pytest.raises(UserError, match="too large"):
        _render(body)


def test_lipsum_is_gone() -> None:
    with pytest.raises(UserError, match="lipsum"):
        _render("{{ lipsum(10 ** 6) }}")


def test_markdown_depth_limit() -> None:
    from packet.compose.markdown import MAX_DEPTH, MarkdownError, parse_markdown

    parse_markdown(">" * MAX_DEPTH + " ok")
    with pytest.raises(MarkdownError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_markdown(">" * (MAX_DEPTH + 1) + " too deep")


def test_attachment_page_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from packet import assemble

    monkeypatch.setattr(assemble, "MAX_ATTACHMENT_PAGES", 3)
    path = tmp_path / "a.pdf"
    path.write_bytes(pdfs.plain_pdf(3))
    assert assemble.read_attachment(path, "a.pdf")[1] == 3
    path.write_bytes(pdfs.plain_pdf(4))
    with pytest.raises(UserError, match=r"a\.pdf has 4 pages"):
        assemble.read_attachment(path, "a.pdf")


def test_checked_pdf_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from packet.check import pdf_facts

    monkeypatch.setattr(pdf_facts, "MAX_PAGES", 2)
    with pytest.raises(UserError, match="has 3 pages: packet checks at most 2"):
        pdf_facts.inspect_pdf(pdfs.plain_pdf(3), "x.pdf")


def test_active_content_object_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from packet.check import active_content

    monkeypatch.setattr(active_content, "MAX_OBJECTS", 3)
    findings = active_content.active_content_of(pdfs.plain_pdf(5), "x.pdf")
    assert [f.rule for f in findings] == ["pdf-objects"]


def test_the_merged_copy_loses_active_content_and_the_attachment_keeps_it() -> None:
    from packet.assemble import PacketInfo, Part, merge_documents
    from packet.check.active_content import find_active_content

    launch = pdfs.launch_pdf()
    script = pdfs.javascript_pdf()
    assert find_active_content(PdfReader(io.BytesIO(launch)))
    info = PacketInfo("t", "a", "s", [], "a", "c", "f", "d", "D:20260101000000Z", "packet")
    merged = merge_documents(pdfs.plain_pdf(), 1, [
        Part("x", "X", launch, 1, kind="attachment"),
        Part("y", "Y", script, 1, kind="attachment")], info)
    assert find_active_content(PdfReader(io.BytesIO(merged))) == []
    assert len(PdfReader(io.BytesIO(merged)).pages) == 3
    assert pdfs.launch_pdf() == launch  # the part's bytes (documents/x.pdf) are untouched


def test_fifo_is_never_opened_for_reading(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    started = time.monotonic()
    with pytest.raises(UserError, match="is not a regular file"):
        paths.read_user_bytes(pipe, "pipe.pdf", 100)
    assert time.monotonic() - started < 1


def test_markdown_markup_limit() -> None:
    from packet.compose.markdown import MAX_MARKUP, MarkdownError, parse_markdown

    parse_markdown("*a* " * (MAX_MARKUP // 2))
    started = time.monotonic()
    with pytest.raises(MarkdownError, match="50,003 Markdown markup characters"):
        parse_markdown("**_" * (MAX_MARKUP // 3 + 1) + "**")
    assert time.monotonic() - started < 1  # refused before parsing
    # The bound is a paragraph's: each item of a long list is one (a department's
    # 10,000 references), but lines that only look like items do not split a paragraph.
    entry = "**Lovelace, A.** (1843). *Notes*. [doi:10.1/x](https://doi.org/10.1/x)"
    assert len(parse_markdown("\n".join(f"{n}. {entry}" for n in range(1, 10001)))[0].items) == 10000
    with pytest.raises(MarkdownError, match="in one paragraph"):
        parse_markdown("Text\n" + "\n".join(f"2. {entry}" for _ in range(10000)))


def test_template_joined_text_limit() -> None:
    # Never printed, so the document stays short; joined 30 times, a million characters each.
    body = ("{% macro m() %}{{ 'x' * 1000000 }}{% endmacro %}"
            "{% for i in range(30) %}{% set _ = m() %}{% endfor %}done")
    with pytest.raises(UserError, match="joined more than 20,000,000 characters"):
        _render(body)


def test_a_long_statement_printed_once_is_not_counted_against_the_document() -> None:
    # 1.9 M characters: near the bound of MAX_OUTPUT only when counted once per join.
    text = "word " * 380_000
    assert len(_render("{% set s %}" + text + "{% endset %}{{ s }}")) == len(text)


def test_hard_link_search_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's other name is looked for among at most MAX_LINK_SCAN entries; one found
    makes the file the workspace's own, one beyond the bound leaves it refused."""
    ws = tmp_path / "ws"
    (ws / "a").mkdir(parents=True)
    (ws / "a" / "cert.pdf").write_bytes(b"%PDF-1.7")
    (ws / "z").mkdir()
    os.link(ws / "a" / "cert.pdf", ws / "z" / "copy.pdf")
    monkeypatch.setattr(paths, "_names_inside", {})
    assert paths.contained(ws / "a" / "cert.pdf", [ws], "a/cert.pdf") == ws / "a" / "cert.pdf"
    for n in range(20):
        (ws / "a" / f"filler-{n}").write_bytes(b"")
    monkeypatch.setattr(paths, "_names_inside", {})
    monkeypatch.setattr(paths, "MAX_LINK_SCAN", 10)
    with pytest.raises(UserError, match="is a hard link to a file outside the workspace"):
        paths.contained(ws / "a" / "cert.pdf", [ws], "a/cert.pdf")


def test_watch_folders_limit_and_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """packet watch watches each real folder itself: a link to a folder elsewhere is not
    walked, and at most MAX_FOLDERS folders are watched."""
    from packet import watch

    outside = tmp_path / "outside" / "deep"
    outside.mkdir(parents=True)
    top = tmp_path / "profile"
    (top / "statements").mkdir(parents=True)
    (top / "statements" / "link").symlink_to(outside)
    found = watch._real_folders([top])
    assert sorted(p.name for p in found) == ["profile", "statements"]
    for n in range(10):
        (top / f"f{n}").mkdir()
    monkeypatch.setattr(watch, "MAX_FOLDERS", 5)
    assert len(watch._real_folders([top])) == 5


def test_word_document_part_limit() -> None:
    """A Word document of more than MAX_PARTS parts is refused before python-docx opens it."""
    import zipfile

    from packet.sources.cv import docx as word

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(word.MAX_PARTS + 1):
            archive.writestr(f"word/media/{n}.bin", b"")
    with pytest.raises(UserError, match="5,001 parts; packet reads at most 100 MB and 5,000"):
        word.docx_blocks(buffer.getvalue(), "cv.docx")


@pytest.mark.parametrize("data", [b"% a comment\nobj", b"%\r\nx", b"%abc\rdef", b"%" + b"x" * 70000
                                  + b"\n", b"no comment", b"", b"%never ends"],
                         ids=["lf", "crlf", "cr", "past-a-chunk", "none", "empty", "unended"])
def test_fast_pdf_comments_do_what_pypdfs_own_do(data: bytes) -> None:
    """The chunked comment skip leaves the stream where pypdf's byte-by-byte one does, and
    fails where it fails."""
    from pypdf import _utils
    from pypdf.errors import PdfStreamError

    paths.fast_pdf_comments()
    fast = _utils.skip_over_comment
    own = fast.__wrapped_original__  # type: ignore[attr-defined]
    outcomes = []
    for skip in (own, fast):
        stream = io.BytesIO(data)
        try:
            skip(stream)
            outcomes.append(stream.tell())
        except PdfStreamError:
            outcomes.append(-1)
    assert outcomes[0] == outcomes[1]

