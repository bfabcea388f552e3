"""Reference-list entries in real CSL styles: own name bold, co-first marks, escaping, cache."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from packet.cache import Cache
from packet.compose import citations
from packet.compose.citations import CitationFormatter, available_styles, md_escape
from packet.errors import UserError
from packet.model.profile import Person, Publication

STYLES = ["apa", "ieee", "nature", "chicago-author-date", "harvard1", "vancouver"]
INJECTION = '#read("/etc/passwd") $x$ *y* <z> {{ 7*7 }} \\textbf{w} [a](http://x) _u_ `c` | &amp;'
# How each style prints the applicant: the whole printed name must be bold.
OWN_FORMS = {"Favero, A.", "A. Favero", "Favero A"}

ME = Person(name="Alessandro Favero", name_variants=["Favero, A.", "A. Favero"])

PUBS = [
    Publication(
        id="pnas-2025", kind="journal",
        authors=["Sclocchi, Antonio", "Favero, Alessandro", "Wyart, Matthieu"],
        title="A phase transition in diffusion models reveals the hierarchical nature of data",
        venue="Proceedings of the National Academy of Sciences", venue_short="PNAS",
        year=2025, volume="122", issue="1", number="e2408799121",
        doi="10.1073/pnas.2408799121",
    ),
    Publication(
        id="bigger-2025", kind="preprint",
        authors=["Favero, Alessandro", "Sclocchi, Antonio", "Wyart, Matthieu"],
        equal_contribution=["Favero, Alessandro", "Sclocchi, Antonio"],
        title="Bigger Isn't Always Memorizing: Early Stopping Overparameterized Diffusion Models",
        year=2025, arxiv="2505.16959",
    ),
    Publication(
        id="icml-2025", kind="conference",
        authors=["Favero, Alessandro", "Sclocchi, Antonio", "Cagnetta, Francesco",
                 "Frossard, Pascal", "Wyart, Matthieu"],
        equal_contribution=["Favero, Alessandro", "Sclocchi, Antonio"],
        title="How compositional generalization and creativity improve as diffusion models "
              "are trained",
        venue="Proceedings of the 42nd International Conference on Machine Learning",
        venue_short="ICML", year=2025, status="to appear",
    ),
    Publication(
        id="tangent-2023", kind="conference",
        authors=["Ortiz-Jiménez, Guillermo", "Favero, Alessandro", "Frossard, Pascal"],
        equal_contribution=["Ortiz-Jiménez, Guillermo", "Favero, Alessandro"],
        title="Task Arithmetic in the Tangent Space: Improved Editing of Pre-Trained Models",
        venue="Advances in Neural Information Processing Systems", venue_short="NeurIPS",
        year=2023, volume="36", pages="66727-66754",
    ),
    Publication(
        id="injection", kind="journal", authors=["Dupont, Jean-Pierre", "Favero, A."],
        title=INJECTION, venue="J. Test_{{Venue}}", year=2024, doi="10.1002/(SICI)1097_x",
    ),
]
BY_ID = {p.id: p for p in PUBS}


def inline(markdown: str) -> list[tuple[str, Any]]:
    """(kind, value) runs as CommonMark reads them: ("text", str), ("strong", str), ..."""
    [block] = MarkdownIt("commonmark").parseInline(markdown)
    runs: list[tuple[str, Any]] = []
    depth = {"strong": 0, "em": 0}
    for token in block.children or []:
        kind = token.type.rsplit("_", 1)[0]
        if token.type in ("strong_open", "em_open", "strong_close", "em_close"):
            depth[kind] += 1 if token.type.endswith("open") else -1
        elif token.type == "link_open":
            runs.append(("link", token.attrs["href"]))
        elif token.type == "text":
            runs.append(("strong" if depth["strong"] else "text", token.content))
        elif token.type != "link_close":
            runs.append((token.type, token.content))  # anything else is a failure
    return runs


def text_of(markdown: str) -> str:
    return "".join(v for k, v in inline(markdown) if k in ("text", "strong"))


def bold_of(markdown: str) -> list[str]:
    """The bold spans, merged where CommonMark split them into several text tokens."""
    out: list[str] = []
    runs = inline(markdown)
    for i, (kind, value) in enumerate(runs):
        if kind == "strong":
            if i and runs[i - 1][0] == "strong":
                out[-1] += value
            else:
                out.append(value)
    return out


@pytest.fixture(scope="module")
def formatted() -> dict[str, dict[str, str]]:
    return {style: CitationFormatter(style, ME).format(PUBS) for style in STYLES}


@pytest.mark.parametrize("style", STYLES)
def test_own_name_is_bold_whole_and_alone(formatted: dict[str, dict[str, str]], style: str) -> None:
    for pub_id, entry in formatted[style].items():
        # IEEE sets the status in bold, Nature the volume.
        bold = [b for b in bold_of(entry) if b != "To appear" and not b.isdigit()]
        assert bold in ([form] for form in OWN_FORMS), (pub_id, entry)


@pytest.mark.parametrize("style", STYLES)
def test_co_first_authors_keep_a_star(formatted: dict[str, dict[str, str]], style: str) -> None:
    for pub_id in ("bigger-2025", "tangent-2023"):
        entry = formatted[style][pub_id]
        text = text_of(entry)
        assert re.search(r"(Favero,? A\.?|A\. Favero)\*", text), entry
        other = "Sclocchi" if pub_id == "bigger-2025" else "Ortiz-Jiménez"
        assert re.search(rf"({other},? [AG]\.?|[AG]\. {other})\*", text), entry
        assert "\\*" in entry  # escaped: a star, not emphasis
    assert "*" not in text_of(formatted[style]["pnas-2025"])


@pytest.mark.parametrize("style", STYLES)
def test_data_comes_through(formatted: dict[str, dict[str, str]], style: str) -> None:
    entries = formatted[style]
    assert "Ortiz-Jiménez" in text_of(entries["tangent-2023"])
    assert "e2408799121" in text_of(entries["pnas-2025"])
    assert "Favero" in text_of(entries["bigger-2025"])
    # Numbering is the templates' job.
    assert not re.match(r"\W*\d", text_of(entries["pnas-2025"]))
    assert len(re.findall("to appear", text_of(entries["icml-2025"]), re.IGNORECASE)) == 1


@pytest.mark.parametrize("style", STYLES)
def test_injected_title_stays_literal(formatted: dict[str, dict[str, str]], style: str) -> None:
    entry = formatted[style]["injection"]
    runs = inline(entry)
    assert {kind for kind, _ in runs} <= {"text", "strong", "link"}, runs
    assert INJECTION in text_of(entry)
    assert "Test_{{Venue}}" in text_of(entry) or "Test_{{Venue}}" in text_of(entry.replace(".", ""))
    assert "http://x" not in [value for kind, value in runs if kind == "link"]
    assert "{{" not in entry and "{%" not in entry


@pytest.mark.parametrize("style", STYLES)
def test_one_link_per_item_doi_else_arxiv(formatted: dict[str, dict[str, str]], style: str) -> None:
    pnas = inline(formatted[style]["pnas-2025"])
    assert [r for r in pnas if r[0] == "link"] == [("link", "https://doi.org/10.1073/pnas.2408799121")]
    assert text_of(formatted[style]["pnas-2025"]).endswith("doi:10.1073/pnas.2408799121")
    # Parentheses in a DOI do not end the link.
    assert ("link", "https://doi.org/10.1002/(SICI)1097_x") in inline(formatted[style]["injection"])
    preprint = formatted[style]["bigger-2025"]
    assert [r for r in inline(preprint) if r[0] == "link"] == [
        ("link", "https://arxiv.org/abs/2505.16959")]
    assert text_of(preprint).lower().count("arxiv") == 1


def test_published_papers_keep_their_arxiv_link() -> None:
    pub = BY_ID["tangent-2023"].model_copy(update={"arxiv": "2305.12827"})
    entry = CitationFormatter("apa", ME).format([pub])[pub.id]
    assert ("link", "https://arxiv.org/abs/2305.12827") in inline(entry)


@pytest.mark.parametrize("style", STYLES)
def test_conference_papers_name_their_proceedings(style: str) -> None:
    pub = BY_ID["icml-2025"].model_copy(update={"volume": "267", "publisher": "PMLR"})
    text = text_of(CitationFormatter(style, ME).format([pub])[pub.id])
    assert re.search(r"\b[Ii]n Proc\. ICML \(PMLR 267\)", text), text
    assert "International Conference" not in text


@pytest.mark.parametrize("style", STYLES)
def test_notes_follow_the_entry_on_its_line(style: str) -> None:
    pub = BY_ID["tangent-2023"].model_copy(update={"notes": ["Oral (top 0.54%)"]})
    entry = CitationFormatter(style, ME).format([pub])[pub.id]
    assert "\n" not in entry
    assert "Oral (top 0.54%)" in bold_of(entry)


def test_apa_entries_read_as_expected(formatted: dict[str, dict[str, str]]) -> None:
    assert formatted["apa"]["pnas-2025"] == (
        "Sclocchi, A., **Favero, A.**, \\& Wyart, M. (2025). A phase transition in diffusion "
        "models reveals the hierarchical nature of data. *Proceedings of the National Academy "
        "of Sciences*, *122*(1), Article e2408799121. "
        "[doi:10.1073/pnas.2408799121](https://doi.org/10.1073/pnas.2408799121)"
    )
    assert formatted["ieee"]["icml-2025"].startswith("**A. Favero**\\*, A. Sclocchi\\*, F. ")


def _collaboration(position: int, n: int = 40) -> Publication:
    authors = [f"Member{i:02d}, Q." for i in range(n)]
    authors[0], authors[-1], authors[position] = "Zhang, Wei", "Smith, John", "Favero, Alessandro"
    return Publication(id="atlas", kind="journal", authors=authors, title="A big result",
                       venue="Nature Physics", year=2024)


@pytest.mark.parametrize("style", STYLES)
def test_long_author_lists_never_stop_before_the_applicant(style: str) -> None:
    entry = CitationFormatter(style, ME).format([_collaboration(24)])["atlas"]
    text = text_of(entry)
    assert any(form in bold_of(entry) for form in OWN_FORMS), entry
    assert "Zhang" in text and "Smith" in text and "(40 authors)" in text
    assert "Member23" not in text and "et al" not in text
    assert text.count("…") == 2


def test_the_author_limit_is_a_setting() -> None:
    every = CitationFormatter("apa", ME, max_authors=0).format([_collaboration(24)])["atlas"]
    assert all(f"Member{i:02d}" in every for i in range(1, 39) if i != 24)
    assert "…" not in every and "authors)" not in every


def test_cjk_names_keep_their_order_and_are_never_initials() -> None:
    pub = Publication(id="cjk", kind="journal", authors=["张, 伟", "山田, 太郎", "Favero, A."],
                      title="Title", venue="Venue", year=2024)
    for style in STYLES:
        text = text_of(CitationFormatter(style, ME).format([pub])["cjk"])
        assert "张伟" in text and "山田太郎" in text, (style, text)


def test_entries_do_not_depend_on_order_or_company() -> None:
    formatter = CitationFormatter("ieee", ME)
    forward, backward = formatter.format(PUBS), formatter.format(PUBS[::-1])
    assert forward == backward
    assert formatter.format([BY_ID["tangent-2023"]]) == {"tangent-2023": forward["tangent-2023"]}


def test_particles_and_accents_in_the_applicants_name() -> None:
    person = Person(name="Johannes van der Waals")
    pub = Publication(id="w", kind="journal", authors=["Kamerlingh Onnes, H.",
                      "van der Waals, Johannes"], title="On continuity", venue="Nature", year=1910)
    assert bold_of(CitationFormatter("apa", person).format([pub])["w"]) == ["van der Waals, J."]
    assert bold_of(CitationFormatter("ieee", person).format([pub])["w"]) == ["J. van der Waals"]
    jimenez = Person(name="Guillermo Ortiz Jimenez")  # written without accent or hyphen
    entry = CitationFormatter("vancouver", jimenez).format([BY_ID["tangent-2023"]])
    assert bold_of(entry["tangent-2023"]) == ["Ortiz-Jiménez G"]


def test_who_counts_as_the_applicant() -> None:
    formatter = CitationFormatter("apa", ME)
    for author in ("Favero, Alessandro", "Favero, A.", "FAVERO, A", "Favéro, Alessandro"):
        assert formatter.is_own(author), author
    for author in ("Favaro, Alessandro", "Favero, Bruno", "Alessandro, Favero", "Favero"):
        assert not formatter.is_own(author), author


def test_unknown_style_lists_close_matches() -> None:
    with pytest.raises(UserError) as caught:
        CitationFormatter("chicago-author", ME)
    message = str(caught.value)
    assert "unknown citation style 'chicago-author'" in message
    assert "chicago-author-date" in message
    assert "available_styles()" in message and "zotero.org/styles" in message
    with pytest.raises(UserError, match=r"(?s)'apa7'.*did you mean apa, "):
        CitationFormatter("apa7", ME)


def test_available_styles() -> None:
    styles = available_styles()
    assert len(styles) > 2800
    for name in ("apa", "ieee", "nature", "chicago-author-date", "harvard1", "vancouver"):
        assert name in styles
    assert CitationFormatter("Harvard1", ME).style == "harvard-cite-them-right"


def test_md_escape_keeps_data_literal() -> None:
    for value in (INJECTION, "2025. A year", "- not a list", "# not a heading", "> quote",
                  "+ plus", "=== setext", "::: container", "a\n\nb"):
        escaped = md_escape(value)
        assert text_of(escaped) == " ".join(value.split()), escaped
        [block] = MarkdownIt("commonmark").parse(escaped)[:1]
        assert block.type == "paragraph_open", (value, escaped)
    assert "{{" not in md_escape("{{ 7*7 }}") and "{%" not in md_escape("{% if %}")


def test_the_cache_gives_the_same_text_much_faster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    pubs = [p.model_copy(update={"id": f"{p.id}-{i}", "title": f"{p.title} {i}"})
            for i in range(8) for p in PUBS]
    start = time.perf_counter()
    cold = CitationFormatter("apa", ME, Cache(tmp_path, "citations")).format(pubs)
    cold_time = time.perf_counter() - start
    [cache_file] = (p for p in tmp_path.rglob("*") if p.is_file())  # no temporary left behind
    assert cache_file.name == "style-apa"

    def no_rendering(*args: object) -> str:
        raise AssertionError("a cached entry was formatted again")

    monkeypatch.setattr(citations, "render", no_rendering)
    start = time.perf_counter()
    warm = CitationFormatter("apa", ME, Cache(tmp_path, "citations")).format(pubs)
    warm_time = time.perf_counter() - start
    assert warm == cold
    assert warm_time < cold_time / 5, (warm_time, cold_time)


def test_a_changed_publication_or_name_is_formatted_again(tmp_path: Path) -> None:
    CitationFormatter("apa", ME, Cache(tmp_path, "citations")).format(PUBS)
    edited = BY_ID["pnas-2025"].model_copy(update={"volume": "123"})
    again = CitationFormatter("apa", ME, Cache(tmp_path, "citations")).format([edited])
    assert "*123*(1)" in again["pnas-2025"]
    stranger = Person(name="Antonio Sclocchi")
    theirs = CitationFormatter("apa", stranger, Cache(tmp_path, "citations")).format([edited])
    assert bold_of(theirs["pnas-2025"]) == ["Sclocchi, A."]


@pytest.mark.parametrize("garbage", [b"{not json", b"\xff\xfe", b'{"format": 1, "entries": []}',
                                     b'{"format": 1, "entries": {"k": 3}}'])
def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path, garbage: bytes) -> None:
    cache = Cache(tmp_path, "citations")
    path = cache.folder / "style-ieee"
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    entries = CitationFormatter("ieee", ME, cache).format(PUBS[:2])
    assert entries == CitationFormatter("ieee", ME).format(PUBS[:2])
    data = json.loads(path.read_text(encoding="utf-8"))
    # The cache keeps what citeproc made; notes and the link are added after it.
    cached = sorted(data["entries"].values())
    assert len(cached) == len(entries)
    assert all(any(e.startswith(c) for e in entries.values()) for c in cached)


def test_entries_parse_into_the_doctree(formatted: dict[str, dict[str, str]]) -> None:
    markdown = pytest.importorskip("packet.compose.markdown")
    doctree = pytest.importorskip("packet.compose.doctree")
    for style in STYLES:
        source = "\n".join(f"1. {entry}" for entry in formatted[style].values())
        [numbered] = markdown.parse_markdown(source)
        texts = [doctree.inline_text(item[0].children) for item in numbered.items]
        assert texts == [text_of(entry) for entry in formatted[style].values()], style


def test_the_cache_keeps_the_entries_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from packet.compose import citation_cache

    monkeypatch.setattr(citation_cache, "MAX_ENTRIES", 3)
    cache = citation_cache.CitationCache(Cache(tmp_path, "citations"), "apa")
    for key in "abcd":
        cache.put(key, key.upper())
    assert cache.get("a") == "A"  # used: now the most recent
    cache.put("e", "E")
    cache.save()
    again = citation_cache.CitationCache(Cache(tmp_path, "citations"), "apa")
    assert [again.get(k) for k in "abcde"] == ["A", None, None, "D", "E"]
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["style-apa"]


def test_styles_that_cannot_make_a_reference_list_say_so() -> None:
    with pytest.raises(UserError, match="has no reference-list format"):
        CitationFormatter("journal-of-international-peacekeeping", ME).format(PUBS[:1])


def test_single_names_and_collaborations() -> None:
    pub = Publication(id="c", kind="journal", title="Results",
                      authors=["ATLAS Collaboration", "Plato", "Favero, A."],
                      venue="Physics Letters B", year=2012)
    entry = CitationFormatter("apa", ME).format([pub])["c"]
    assert text_of(entry).startswith("ATLAS Collaboration, Plato, & Favero, A. (2012).")
    assert bold_of(entry) == ["Favero, A."]


def test_no_full_stop_after_a_question_mark() -> None:
    pub = Publication(id="q", kind="conference", authors=["Favero, Alessandro"],
                      title="What Can Be Learnt With Wide Convolutional Neural Networks?",
                      venue="Proceedings of ICML", year=2023)
    for style in ("apa", "chicago-author-date"):
        text = text_of(CitationFormatter(style, ME).format([pub])["q"])
        assert "Networks?" in text and "?." not in text and "?”." not in text, text
