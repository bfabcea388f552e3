"""Property tests (hypothesis): whatever the input, packet's readers either work or raise its
own error with a message, never another exception, and each case ends within a time bound.

Budgets are small (the whole file runs in seconds) and derandomised, so CI is repeatable;
`HYPOTHESIS_PROFILE=long` runs many more cases locally.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import pdfs
from packet.errors import UserError

settings.register_profile("ci", max_examples=60, deadline=3000, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=2000, deadline=3000,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

YAML_PIECES = ["a", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "'", '"',
               "#", "!!str ", "!!python/object ", "?", "|", ">", "\t", "\\", "é", "\x00", "%YAML",
               "---", "...", "<<: *x", "id: x", "0x1F", "1e400", "~"]
MD_PIECES = ["#", " ", "\n", "*", "_", "**", "`", "```", ">", "- ", "1. ", "[", "]", "(", ")",
             "http://x", "javascript:alert(1)", "^", "::: entry 2024", "::: references",
             "::: right", ":::", "\\pagebreak", "<b>", "<!--", "-->", "|", "---", "![i](x.png)",
             "x", "\\", "&amp;", "\t", "    code"]


def _joined(pieces: list[str], size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces) | st.text(max_size=3), max_size=size).map("".join)


@given(text=_joined(YAML_PIECES))
def test_yaml_loader_works_or_says_what_is_wrong(text: str, tmp_path: Path) -> None:
    from packet.store.yaml_io import load_yaml, to_plain

    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        to_plain(load_yaml(path, "x.yaml"))
    except UserError as err:
        assert "x.yaml" in str(err)


@given(width=st.integers(1, 12), depth=st.integers(1, 14))
def test_yaml_aliases_never_expand_past_the_bound(width: int, depth: int, tmp_path: Path) -> None:
    from packet.store.yaml_io import MAX_NODES, load_yaml, to_plain

    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for level in range(1, depth):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    expanded = sum(width ** level for level in range(1, depth + 1))
    try:
        to_plain(load_yaml(path, "bomb.yaml"))
        assert expanded <= MAX_NODES * 2
    except UserError as err:
        assert "aliases counted each time" in str(err)
        assert expanded > MAX_NODES // 2


@given(text=_joined(MD_PIECES, 80))
def test_markdown_becomes_a_doctree_or_a_markdown_error(text: str) -> None:
    from packet.compose.markdown import MarkdownError, parse_markdown

    try:
        parse_markdown(text)
    except MarkdownError as err:
        assert err.message


@given(depth=st.integers(1, 400), marker=st.sampled_from([">", "- ", "* ", "1. ", "**", "_"]))
def test_deep_markdown_nesting_is_refused_with_a_message(depth: int, marker: str) -> None:
    from packet.compose.markdown import MarkdownError, parse_markdown

    text = (marker * depth + "x" + (marker.strip() * depth if marker in ("**", "_") else ""))
    try:
        parse_markdown(text)
    except MarkdownError as err:
        assert "nested more than" in err.message


_name = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
    lambda s: s.strip() != "")


@given(authors=st.lists(_name, min_size=1, max_size=5), title=_name,
       venue=st.none() | _name, pages=st.none() | st.text(max_size=10),
       year=st.integers(1900, 2100),
       kind=st.sampled_from(["journal", "conference", "preprint", "book", "thesis", "chapter"]),
       style=st.sampled_from(["apa", "ieee", "nature", "chicago-author-date", "no-such-style"]))
def test_citation_formatter_formats_any_publication(
    authors: list[str], title: str, venue: str | None, pages: str | None, year: int, kind: str,
    style: str,
) -> None:
    from pydantic import ValidationError

    from packet.compose.citations import CitationFormatter
    from packet.model.profile import Person, Publication

    try:
        pub = Publication(id="p1", kind=kind, authors=authors, title=title, venue=venue,
                          pages=pages, year=year)
    except ValidationError:
        return  # the store says what is wrong with such a publication
    try:
        refs = CitationFormatter(style, Person(name=authors[0])).format([pub])
    except UserError as err:
        assert "style" in str(err)
        return
    assert set(refs) == {"p1"}


def _mutate(data: bytes, seed: int, flips: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        choice = rng.random()
        at = rng.randrange(len(out))
        if choice < 0.5:
            out[at] = rng.randrange(256)
        elif choice < 0.8:
            del out[at: at + rng.randrange(1, 40)]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20)))
    return bytes(out)


SOURCES = [pdfs.plain_pdf(2), pdfs.javascript_pdf(), pdfs.launch_pdf(), pdfs.embedded_file_pdf()]


@given(source=st.sampled_from(range(len(SOURCES))), seed=st.integers(0, 2**32),
       flips=st.integers(1, 30))
def test_pdf_checker_reads_any_bytes_or_says_what_is_wrong(source: int, seed: int,
                                                            flips: int) -> None:
    from packet.assemble import read_attachment
    from packet.check.active_content import active_content_of
    from packet.check.pdf_facts import inspect_pdf

    data = _mutate(SOURCES[source], seed, flips)
    try:
        inspect_pdf(data, "fuzz.pdf")
    except UserError as err:
        assert "fuzz.pdf" in str(err)
    active_content_of(data, "fuzz.pdf")  # never raises: the checks above say what is wrong
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"packet-fuzz-{os.getpid()}.pdf"
    path.write_bytes(data)
    try:
        read_attachment(path, "fuzz.pdf")
    except UserError as err:
        assert "fuzz.pdf" in str(err)
    finally:
        path.unlink()


def _formats() -> list[str]:
    from packet.sources import detect

    return list(detect.format_names())


@pytest.mark.parametrize("name", _formats())
@given(raw=st.binary(max_size=400) | _joined(YAML_PIECES + MD_PIECES).map(str.encode))
def test_importers_read_any_bytes_or_say_what_is_wrong(name: str, raw: bytes) -> None:
    from packet.sources import detect

    try:
        detect.read_bytes(raw, "input", forced=name)
    except UserError as err:
        assert str(err)
