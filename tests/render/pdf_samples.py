"""Sample DocTrees for the PDF renderer: a CV, a publication list, a letter, every block type.

Used by tests/render/test_pdf.py and benchmarks/bench_render_pdf.py; render
them to PNG to look at a theme (see the module's `__main__`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from packet.compose.doctree import (
    Block,
    Code,
    Document,
    Emph,
    Entry,
    Heading,
    Inline,
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
)

ACCENTS = "Jiménez, Wójcik, Université, très, Fleuret, ß, ł, ñ, — – “quoted”"
INJECTION = r"#read(\"/etc/passwd\") $x$ *y* <z> {{ 7*7 }} \textbf{w}"

_WORDS = " ".join([
    "we study how neural networks learn structured representations from data and show that",
    "the geometry of the loss landscape explains generalisation in overparameterised models",
    "while kernel limits fail to capture feature learning at finite width our results connect",
    "statistical physics with modern deep learning practice and suggest new training methods",
]).split()
_PLACES = [
    ("École Polytechnique Fédérale de Lausanne", "Lausanne, Switzerland"),
    ("Universität Zürich", "Zürich, Switzerland"),
    ("Uniwersytet Jagielloński", "Kraków, Poland"),
    ("Université Paris-Saclay", "Paris, France"),
    ("Universidad de Málaga", "Málaga, Spain"),
    ("Massachusetts Institute of Technology", "Cambridge, MA, USA"),
]
_PEOPLE = [
    "M. Jiménez", "K. Wójcik", "F. Fleuret", "L. Weiß", "J. Muñoz", "P. Łukasik", "A. Favero",
]


def t(text: str) -> Text:
    return Text(text)


def para(*children: Inline | str) -> Paragraph:
    return Paragraph([t(c) if isinstance(c, str) else c for c in children])


def sentence(seed: int, words: int) -> str:
    picked = [_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(words)]
    return " ".join(picked).capitalize() + "."


def cv_document(entries: int = 60) -> Document:
    """A CV with about `entries` dated entries, in sections of ten."""
    blocks: list[Block] = [
        Heading(1, [t("Alessandra Jiménez-Wójcik")]),
        Styled("center", [para(
            "Institute of Physics, ", ACCENTS.split(",")[2].strip(), " de Lausanne", LineBreak(),
            Link("mailto:a.jimenez@example.org", [t("a.jimenez@example.org")]), " · ",
            Link("https://example.org/~ajw", [t("example.org/~ajw")]),
        )]),
    ]
    sections = ["Education", "Positions", "Grants and Awards", "Invited Talks", "Teaching",
                "Supervision", "Service"]
    for n in range(entries):
        if n % 10 == 0:
            blocks.append(Heading(2, [t(sections[(n // 10) % len(sections)])]))
        place, city = _PLACES[n % len(_PLACES)]
        year = 2024 - n // 3
        head: list[Inline] = [Strong([t(sentence(n, 4).rstrip("."))]), t(f", {place}, {city}")]
        body: list[Block] = []
        if n % 3 == 0:
            body.append(para(sentence(n + 1, 40)))
        elif n % 3 == 1:
            body.append(ListBlock(False, [[para(sentence(n + k, 12))] for k in range(3)]))
        blocks.append(Entry(f"{year - 1} – {year}" if n % 2 else str(year), head, body))
    return Document("cv", "Curriculum Vitae", blocks)


def reference(n: int) -> list[Block]:
    authors = ", ".join(_PEOPLE[(n + k) % len(_PEOPLE)] for k in range(3 + n % 4))
    return [Paragraph([
        t(authors + ", and "), Strong([t("A. Jiménez-Wójcik")]), t(". "),
        t(sentence(n, 9 + n % 6).rstrip(".")), t(". "),
        Emph([t("Proceedings of the International Conference on Learning Representations")]),
        t(f", {2024 - n % 15}. "),
        Link(f"https://doi.org/10.48550/arXiv.{2300 + n % 99}.{10000 + n}",
             [t(f"doi:10.48550/arXiv.{2300 + n % 99}.{10000 + n}")]),
    ])]


def publications_document(count: int = 40) -> Document:
    """A numbered publication list in two groups, with "[1]" numbering running on."""
    half = count // 2
    return Document("publications", "Publications", [
        Heading(1, [t("Publications")]),
        Heading(2, [t("Journal articles")]),
        ListBlock(True, [reference(n) for n in range(half)], start=1, numbering="[1]"),
        Heading(2, [t("Conference papers")]),
        ListBlock(True, [reference(n) for n in range(half, count)], start=half + 1,
                  numbering="[1]"),
    ])


def letter_document() -> Document:
    """A cover letter: letterhead, date on the right, body, signature."""
    body = [para(sentence(k, 55 + 9 * k)) for k in range(4)]
    return Document("cover-letter", "Cover Letter", [
        Styled("letterhead", [
            para("Alessandra Jiménez-Wójcik"),
            para("Institute of Physics, École Polytechnique Fédérale de Lausanne"),
            para("Rte de la Sorge, 1015 Lausanne, Switzerland · ",
                 Link("mailto:a.jimenez@example.org", [t("a.jimenez@example.org")])),
        ]),
        Styled("right", [para("Lausanne, 3 March 2025")]),
        para("Search Committee", LineBreak(), "Department of Physics", LineBreak(),
             "Universität Zürich"),
        para("Dear Members of the Search Committee,"),
        *body,
        Styled("signature", [para("Sincerely,"), para("Alessandra Jiménez-Wójcik"),
                             Styled("muted", [para("Assistant Professor (tenure track)")])]),
    ])


def every_block_document() -> Document:
    """One of each block and inline type, for the "theme walks everything" test."""
    inline_mix: list[Inline] = [
        t("Plain, "), Strong([t("strong")]), t(", "), Emph([t("emph")]), t(", "),
        Link("https://example.org", [t("web link")]), t(", "),
        Link("javascript:alert(1)", [t("script link")]), t(", "),
        Link("file:///etc/passwd", [t("file link")]), t(", "),
        Code("x = 1"), t(", E=mc"), Sup([t("2")]), LineBreak(), t(ACCENTS),
    ]
    return Document("every", "Every Block", [
        Heading(1, [t("Every Block")]),
        Heading(2, [t("Section")]),
        Heading(3, [t("Subsection")]),
        Paragraph(inline_mix),
        ListBlock(False, [[para("bullet one")], [para("bullet two"),
                  ListBlock(False, [[para("nested")]])]]),
        ListBlock(True, [[para("first")], [para("second")]], numbering="1."),
        ListBlock(True, [[para("ref one")], [para("ref two")]], start=7, numbering="[1]"),
        ListBlock(False, [[para("author-year one")], [para("author-year two")]],
                  numbering="none"),
        Entry("2020 – 2024", [Strong([t("Entry head")]), t(", place")], [para("Entry body.")]),
        Entry("2019", [t("Entry without body")]),
        *[Styled(s, [para(f"styled {s}")]) for s in ("right", "center", "small", "muted")],
        Styled("letterhead", [para("Letterhead Name"), para("letterhead address")]),
        Styled("signature", [para("signature line")]),
        Quote([para("quoted text")]),
        Rule(),
        PageBreak(),
        para("after the page break"),
    ])


if __name__ == "__main__":
    # python tests/render/pdf_samples.py OUTDIR: every sample in both themes, as PDF.
    from packet.render.pdf import available_themes, render_pdf
    from packet.render.setup import PageSetup

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "samples")
    out.mkdir(parents=True, exist_ok=True)
    docs = [cv_document(), publications_document(), letter_document(), every_block_document()]
    for theme in available_themes():
        for doc in docs:
            setup = PageSetup(theme=theme, header="Alessandra Jiménez-Wójcik", title=doc.title)
            (out / f"{theme}-{doc.id}.pdf").write_bytes(render_pdf(doc, setup, timestamp=0))
