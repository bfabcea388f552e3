"""Cleaning: every source's text comes out as the same plain Unicode."""

from __future__ import annotations

import pytest

from packet.sources.clean import _latex, clean_text, fold, latex_to_text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"caf{\'e}", "café"),
        (r"\"{o}ber", "öber"),
        (r"{\l}ód{\'z}", "łódź"),
        (r"pages 1--10, a---b", "pages 1–10, a—b"),
        (r"Bayesian \& Markov", "Bayesian & Markov"),
        (r"The {R}andom {H}ierarchy", "The Random Hierarchy"),
        (r"Garc{\'\i}a", "García"),
        (r"Fran{\c{c}}ois and \v{S}koda", "François and Škoda"),
        (r"na\"\i ve", "naïve"),
        (r"50\% of \$5", "50% of $5"),
        (r"``quoted''", "“quoted”"),
    ],
)
def test_latex_accents_dashes_escapes_and_braces(latex: str, text: str) -> None:
    assert clean_text(latex, "latex") == text


def test_the_fast_latex_path_reads_as_pylatexenc_does() -> None:
    # The table is a speed-up, not a second opinion: it must agree with the library.
    for latex in [r"M{\"u}ller", r"\'{E}cole", r"{\aa}ngstr{\"o}m", r"{\ss}", r"\o{}ystein"]:
        assert latex_to_text(latex) == _latex().latex_to_text(latex)


def test_math_is_kept_readable() -> None:
    assert clean_text(r"Growth of $O(n^2)$ in $\alpha$-stable laws", "latex") == (
        "Growth of O(n^2) in α-stable laws"
    )


def test_html_tags_and_entities() -> None:
    assert clean_text("<p>Caf&eacute; &amp; <i>bar</i></p><p>next</p>", "html") == "Café & bar next"


def test_markdown_escapes_and_emphasis() -> None:
    assert clean_text(r"\*Favero\* \(2024\) **bold** [site](https://x.org) a\_b", "markdown") == (
        "*Favero* (2024) bold site a_b"
    )


def test_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    assert clean_text("Sorbonne UniversitÃ© “Paris”") == "Sorbonne Université “Paris”"


def test_line_break_hyphenation_and_whitespace() -> None:
    assert clean_text("composi-\n  tional   generali-\nzation\u00a0works ") == (
        "compositional generalization works"
    )
    assert clean_text("self-\nAttention") == "self- Attention"  # a capital: a real hyphen


def test_fold_is_a_matching_key() -> None:
    assert fold("Ortiz-Jiménez, Łukasz") == fold("ortiz jimenez lukasz") == "ortiz jimenez lukasz"
    assert fold("张伟") == "张伟"


def test_a_bare_less_than_sign_in_html_is_text() -> None:
    assert (
        clean_text("<b>n</b> < 5 and m > 2<script>alert(1)</script>", "html") == "n < 5 and m > 2"
    )
