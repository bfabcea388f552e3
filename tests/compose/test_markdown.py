"""Markdown -> DocTree for every construct of the subset, and escaping that keeps data literal."""

from __future__ import annotations

from typing import Any

import pytest

from packet.compose.doctree import (
    Code,
    Emph,
    Entry,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Styled,
    Sup,
    Text,
    inline_text,
    walk_blocks,
)
from packet.compose.escape import TrustedMarkdown, md_escape, md_paragraphs
from packet.compose.filters import strong
from packet.compose.markdown import MarkdownError, parse_markdown

INJECTION = '#read("/etc/passwd") $x$ *y* <z> {{ 7*7 }} \\textbf{w}'


def only(text: str) -> list[Any]:
    blocks = parse_markdown(text)
    assert len(blocks) == 1, blocks
    return blocks


def test_headings_levels_and_clamping() -> None:
    blocks = parse_markdown("# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six\n")
    assert [(b.level, inline_text(b.children)) for b in blocks if isinstance(b, Heading)] == [
        (1, "One"), (2, "Two"), (3, "Three"), (3, "Four"), (3, "Six"),
    ]


def test_inline_runs() -> None:
    (para,) = only("Plain **strong** *emph* `co*de` x^2^ end")
    assert para == Paragraph([
        Text("Plain "), Strong([Text("strong")]), Text(" "), Emph([Text("emph")]), Text(" "),
        Code("co*de"), Text(" x"), Sup([Text("2")]), Text(" end"),
    ])


def test_soft_and_hard_breaks() -> None:
    (para,) = only("one\ntwo\\\nthree  \nfour")
    assert para.children == [Text("one two"), LineBreak(), Text("three"), LineBreak(), Text("four")]


@pytest.mark.parametrize("url", ["https://x.org/a", "http://x.org", "mailto:a@b.org"])
def test_links_with_allowed_schemes(url: str) -> None:
    (para,) = only(f"see [the *site*]({url})")
    assert para.children == [Text("see "), Link(url, [Text("the "), Emph([Text("site")])])]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.org",
                                 "x.org", "data:text/html,hi", "#anchor"])
def test_other_links_keep_only_their_text(url: str) -> None:
    (para,) = only(f"see [label]({url}) now")
    assert para.children == [Text("see label now")]


def test_angle_bracket_destination_with_spaces_is_encoded() -> None:
    (para,) = only("[x](<https://x.org/a b>)")
    assert para.children == [Link("https://x.org/a%20b", [Text("x")])]


def test_lists() -> None:
    blocks = parse_markdown("- a\n- b\n  - nested\n\n3. three\n4. four\n")
    bullet, ordered = blocks
    assert isinstance(bullet, ListBlock) and not bullet.ordered and bullet.numbering == "bullet"
    assert bullet.items[0] == [Paragraph([Text("a")])]
    assert isinstance(bullet.items[1][1], ListBlock)
    assert isinstance(ordered, ListBlock)
    assert (ordered.ordered, ordered.start, ordered.numbering) == (True, 3, "1.")


def test_quote_rule_code() -> None:
    quote, rule, code = parse_markdown("> quoted\n\n---\n\n```\nx = 1\ny\n```\n")
    assert quote == Quote([Paragraph([Text("quoted")])])
    assert rule == Rule()
    assert code == Paragraph([Code("x = 1"), LineBreak(), Code("y")])


def test_entry_container() -> None:
    (entry,) = only("::: entry July 2023 – October 2023\n**EPFL**, Lausanne\\\nPh.D.\n\n"
                    "Advisors: X\n\n- detail\n:::\n")
    assert isinstance(entry, Entry)
    assert entry.date == "July 2023 – October 2023"
    assert entry.head == [Strong([Text("EPFL")]), Text(", Lausanne"), LineBreak(), Text("Ph.D.")]
    assert entry.body[0] == Paragraph([Text("Advisors: X")])
    assert isinstance(entry.body[1], ListBlock)


def test_entry_date_is_unescaped_and_may_be_empty() -> None:
    (entry,) = only(f"::: entry {md_escape('2023-07 (*)')}\nhead\n:::\n")
    assert isinstance(entry, Entry) and entry.date == "2023-07 (*)"
    (empty,) = only("::: entry\n- only a body\n:::\n")
    assert isinstance(empty, Entry) and empty.date == "" and empty.head == []


def test_references_container_numbers_lists_in_brackets() -> None:
    (refs,) = only("::: references\n4. four\n5. five\n:::\n")
    assert isinstance(refs, ListBlock)
    assert (refs.numbering, refs.start, len(refs.items)) == ("[1]", 4, 2)


@pytest.mark.parametrize("style", ["right", "center", "small", "muted", "letterhead", "signature"])
def test_styled_containers(style: str) -> None:
    (styled,) = only(f"::: {style}\ntext\n:::\n")
    assert styled == Styled(style, [Paragraph([Text("text")])])  # type: ignore[arg-type]


def test_nested_containers_need_a_longer_outer_fence() -> None:
    (outer,) = only(":::: muted\n::: entry 2020\nhead\n:::\n::::\n")
    assert isinstance(outer, Styled)
    assert isinstance(outer.blocks[0], Entry) and outer.blocks[0].date == "2020"


def test_unknown_container_is_text() -> None:
    (para,) = only("::: danger\nx\n:::")
    assert isinstance(para, Paragraph)


def test_pagebreak_line() -> None:
    first, brk, last = parse_markdown("one\n\n\\pagebreak\n\ntwo\n")
    assert brk == PageBreak()
    assert first == Paragraph([Text("one")]) and last == Paragraph([Text("two")])


def test_escaped_pagebreak_is_text() -> None:
    (para,) = only(md_escape("\\pagebreak"))
    assert para == Paragraph([Text("\\pagebreak")])


def test_raw_html_is_text() -> None:
    blocks = parse_markdown("<div>block</div>\n\ninline <b>bold</b>\n")
    assert [inline_text(b.children) for b in blocks if isinstance(b, Paragraph)] == [
        "<div>block</div>", "inline <b>bold</b>",
    ]


def test_images_are_refused_with_a_line() -> None:
    with pytest.raises(MarkdownError) as info:
        parse_markdown("ok\n\n![a chart](chart.png)\n")
    assert info.value.line == 3 and "chart.png" in str(info.value)


# -- escaping ------------------------------------------------------------------

NASTY = [
    INJECTION,
    "1984. A novel", "1) first", " 2. spaced", "- item", "+ item", "* item", "> quote", "# title",
    "=== ", "---", "***", "___", ":::", "::: entry 2020", "~~~", "```", "<!-- c -->", "&amp; &#42;",
    "[a](https://x.org)", "![i](x.png)", "*a* _b_ **c**", "back\\slash\\", "x^2^", "<https://x.org>",
    "| a | b |", "[^1]", "C#", "Item #", "a_b_c", "`code`", "trailing backslash \\", "\\pagebreak",
    "{% raw %}{{ x }}", "tab\tand  spaces", "100% (approx.) & more!", "Ortiz-Jiménez, G.",
]


@pytest.mark.parametrize("value", NASTY)
def test_escaped_value_prints_literally_in_a_paragraph(value: str) -> None:
    blocks = parse_markdown(f"{md_escape(value)}\n")
    assert blocks == [Paragraph([Text(" ".join(value.split()))])]


@pytest.mark.parametrize("value", [" ".join(v.split()) for v in NASTY])
def test_escaped_value_prints_literally_everywhere(value: str) -> None:
    v = md_escape(value)
    text = (f"# {v}\n\n- {v}\n\n1. {v}\n\n::: entry {v}\n{strong(value)} {v}\\\n{v}\n:::\n\n"
            f"[{v}](https://x.org) {v}\n")
    heading, bullets, ordered, entry, para = parse_markdown(text)
    assert isinstance(heading, Heading) and inline_text(heading.children) == value
    assert isinstance(bullets, ListBlock) and bullets.items == [[Paragraph([Text(value)])]]
    assert isinstance(ordered, ListBlock) and ordered.items == [[Paragraph([Text(value)])]]
    assert isinstance(entry, Entry) and entry.date == value
    assert entry.head == [Strong([Text(value)]), Text(f" {value}"), LineBreak(), Text(value)]
    assert isinstance(para, Paragraph)
    assert para.children == [Link("https://x.org", [Text(value)]), Text(f" {value}")]


def test_blank_lines_in_data_cannot_end_a_list_item() -> None:
    value = md_escape("first\n\nsecond\n    indented")
    (lst,) = parse_markdown(f"- {value}\n")
    assert isinstance(lst, ListBlock) and len(lst.items) == 1
    assert lst.items[0] == [Paragraph([Text("first second indented")])]


def test_trusted_markdown_passes_and_escapes_what_joins_it() -> None:
    trusted = TrustedMarkdown("**b**")
    assert md_escape(trusted) is trusted
    assert trusted + "*x*" == "**b**\\*x\\*"
    assert "*x*" + trusted == "\\*x\\***b**"
    assert TrustedMarkdown(", ").join(["*a*", trusted]) == "\\*a\\*, **b**"
    assert isinstance(trusted.upper(), TrustedMarkdown)


def test_paragraphs_keep_breaks_and_escape_each() -> None:
    text = md_paragraphs("One *a*\nstill one.\r\n\r\n- Two\n\n\n3. Three")
    blocks = parse_markdown(text)
    assert [inline_text(b.children) for b in blocks] == [  # type: ignore[union-attr]
        "One *a* still one.", "- Two", "3. Three",
    ]


def test_paragraphs_indented_stay_in_a_list_item() -> None:
    answer = md_paragraphs("a\n\nb", indent=3)
    (lst,) = parse_markdown(f"1. {answer}\n")
    assert isinstance(lst, ListBlock) and len(lst.items[0]) == 2


def test_walk_finds_nested_entries() -> None:
    blocks = parse_markdown(":::: center\n::: entry 2020\nx\n:::\n::::\n")
    assert any(isinstance(b, Entry) for b in walk_blocks(blocks))
