"""What pylatexenc needs to know about CV classes: their macros' arguments, the emphasis
markers latex2text writes, and the person a moderncv preamble states."""

from __future__ import annotations

import re

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_db
from pylatexenc.macrospec import MacroSpec

from packet.sources.cv.blocks import BOLD_OFF, BOLD_ON, ITAL_OFF, ITAL_ON, Block

HEADING_MACROS = {
    "section": 1,
    "cvsection": 1,
    "part": 1,
    "chapter": 1,
    "subsection": 2,
    "cvsubsection": 2,
    "subsubsection": 3,
    "paragraph": 3,
}
KNOWN_ARGS = {
    "cventry": "{{{{{{",
    "cvitem": "[{{",
    "cvlistitem": "[{",
    "cvitemwithcomment": "{{{",
    "cvdoubleitem": "{{{{",
    "cvsection": "{",
    "cvsubsection": "{",
    "href": "{{",
    "cvhonor": "{{{{",
    "cvevent": "{{{{",
    "resumeSubheading": "{{{{",
    "resumeItem": "{",
    "resumeSubItem": "{",
    "resumeProjectHeading": "{{",
    "bibitem": "[{",
    "name": "{{",
    "title": "{",
    "email": "{",
    "homepage": "{",
    "phone": "[{",
    "address": "{{{",
    "nth": "{",
    "textsc": "{",
}
LISTS = {
    "itemize",
    "enumerate",
    "description",
    "cvitems",
    "cvhonors",
    "cventries",
    "resumeSubHeadingList",
    "resumeItemList",
    "etaremune",
    "outline",
    "compactitem",
    "thebibliography",
}
SKIP_ENVS = {"comment", "figure", "tikzpicture", "minipage*"}
SKIP_MACROS = {
    "vspace",
    "hspace",
    "setlength",
    "newcommand",
    "renewcommand",
    "usepackage",
    "documentclass",
    "pagestyle",
    "thispagestyle",
    "moderncvstyle",
    "moderncvcolor",
    "definecolor",
    "hfill",
    "color",
    "label",
    "input",
    "include",
    "photo",
    "ifthenelse",
    "setboolean",
    "newboolean",
    "titleformat",
    "addtolength",
}
NEWCOMMAND_RE = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\(\w+)\}?\s*\[(\d)\]")


def text_converter() -> LatexNodes2Text:
    db = text_db()
    emph = [
        MacroTextSpec(m, simplify_repl=ITAL_ON + "%(1)s" + ITAL_OFF)
        for m in ("emph", "textit", "textsl")
    ]
    db.add_context_category(
        "packet-cv",
        macros=[
            MacroTextSpec("textbf", simplify_repl=BOLD_ON + "%(1)s" + BOLD_OFF),
            *emph,
            MacroTextSpec("href", simplify_repl=lambda n, l2tobj: last_arg(n, l2tobj)),
            MacroTextSpec("nth", simplify_repl=lambda n, l2tobj: last_arg(n, l2tobj) + "th"),
            MacroTextSpec("textsc", simplify_repl=lambda n, l2tobj: last_arg(n, l2tobj)),
        ],
        prepend=True,
    )
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True)


def last_arg(node: latexwalker.LatexMacroNode, l2tobj: LatexNodes2Text) -> str:
    args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    return str(l2tobj.nodelist_to_text([args[-1]])) if args else ""


def walker_db(source: str) -> latexwalker.LatexContextDb:
    db = latexwalker.get_default_latex_context_db()
    specs = dict(KNOWN_ARGS)
    if re.search(r"\\documentclass(?:\[[^]]*\])?\{awesome-cv\}", source):
        specs["cventry"] = "{{{{{"  # awesome-cv: position, organization, place, dates, items
    for name, count in NEWCOMMAND_RE.findall(source):
        specs.setdefault(name, "{" * int(count))
    db.add_context_category(
        "packet-cv", macros=[MacroSpec(n, a) for n, a in specs.items()], prepend=True
    )
    return db


def marks(text: str) -> str:
    """'Kowalczyk$^*$' reads '^*' as text: the mark is the star."""
    return re.sub(r"\^\{?([*†‡§¶]+)\}?", r"\1", text)


def strip_comments(source: str) -> str:
    return re.sub(r"(?<!\\)%.*", "", source)


def preamble_person(preamble: str) -> list[Block]:
    """moderncv and friends state the person before \\begin{document}: \\name{First}{Last}."""
    out = []
    if m := re.search(r"\\name\{([^}]*)\}\{([^}]*)\}", preamble):
        out.append(
            Block(
                "text",
                f"{m.group(1)} {m.group(2)}".strip(),
                0,
                preamble.count("\n", 0, m.start()) + 1,
            )
        )
    for macro, label in (("email", "Email"), ("homepage", "Website"), ("phone", "Phone")):
        if m := re.search(rf"\\{macro}(?:\[[^]]*\])?\{{([^}}]*)\}}", preamble):
            out.append(
                Block("text", f"{label}: {m.group(1)}", 0, preamble.count("\n", 0, m.start()) + 1)
            )
    return out
