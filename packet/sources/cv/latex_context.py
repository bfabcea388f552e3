"""What pylatexenc needs to know about CV classes: their macros' arguments, the emphasis
markers latex2text writes, and the person a moderncv preamble states."""

from __future__ import annotations

import re

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_db
from pylatexenc.macrospec import EnvironmentSpec, MacroSpec

from packet.sources.cv.blocks import BOLD_OFF, BOLD_ON, ITAL_OFF, ITAL_ON, Block, is_link_label

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
            MacroTextSpec("href", simplify_repl=link_text),
            # \url{...} as its bare address (pylatexenc writes "<...>"): once the reference
            # reader takes the DOI or link out, no "<>" is left in the venue
            MacroTextSpec("url", simplify_repl=lambda n, l2tobj: f" {last_arg(n, l2tobj)} "),
            MacroTextSpec("nth", simplify_repl=lambda n, l2tobj: last_arg(n, l2tobj) + "th"),
            MacroTextSpec("textsc", simplify_repl=lambda n, l2tobj: last_arg(n, l2tobj)),
        ],
        prepend=True,
    )
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True)


def link_text(node: latexwalker.LatexMacroNode, l2tobj: LatexNodes2Text) -> str:
    """\\href{url}{text}: the text, unless it only labels the link ("PDF", "Slides"); a
    labelled link to a DOI or an arXiv abstract leaves its address, the item's identifier."""
    text = last_arg(node, l2tobj)
    if not is_link_label(text):
        return text
    args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    url = args[0].latex_verbatim().strip("{} ") if len(args) > 1 else ""
    return f" {url} " if re.search(r"doi\.org/10\.|arxiv\.org/abs/", url) else ""


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
    # a minipage's position and width ("[t]{3.0in}") are no text of the CV
    envs = [EnvironmentSpec("minipage", "[[[{")]
    db.add_context_category(
        "packet-cv",
        macros=[MacroSpec(n, a) for n, a in specs.items()],
        environments=envs,
        prepend=True,
    )
    return db


def marks(text: str) -> str:
    """'Kowalczyk$^*$' reads '^*' as text: the mark is the star."""
    return re.sub(r"\^\{?([*†‡§¶]+)\}?", r"\1", text)


def strip_comments(source: str) -> str:
    # hyperref reads the URL of \href and \url verbatim: a % there is a character, not a comment
    source = re.sub(
        r"(\\(?:href|url)\s*\{)([^{}\n]*)",
        lambda m: m.group(1) + re.sub(r"(?<!\\)%", r"\\%", m.group(2)),
        source,
    )
    return re.sub(r"(?<!\\)%.*", "", source)


# TeX primitives whose argument is a bare dimension ("\vskip 0.35em", "\hangindent=1 true cm"):
# latex2text would leave the dimension in the text.
_DIMENSION_RE = re.compile(
    r"\\(?:vskip|hskip|kern|hangindent|hangafter|parindent|parskip|baselineskip)\s*=?\s*"
    r"-?[\d.]+\s*(?:true\s*)?(?:em|ex|pt|cm|mm|in|bp|pc|sp)?(?:\s*(?:plus|minus)\s*-?[\d.]+\s*\w\w)*"
)


def strip_layout(source: str) -> str:
    return _DIMENSION_RE.sub(" ", source)


# A macro the CV defines to print its argument as a heading: its body sets it in the margin
# or as a section (Kieran Healy's vita: \newcommand{\marginhead}[1]{\marginpar{...#1}}).
_HEADING_BODY_RE = re.compile(r"\\(?:marginpar|marginnote|section|subsection|cvsection)\b")


_BREAK_BODY_RE = re.compile(r"\\(?:hangindent|noindent|par\b|indent\b|item\b)")


def break_macros(source: str) -> set[str]:
    """Argument-less macros the source defines to start a paragraph (`\\def\\ind{\\hangindent=
    1cm\\noindent}` opens each entry of a vita): each use starts a new entry."""
    found = {"noindent", "par", "indent"}
    for m in re.finditer(
        r"\\(?:def\s*\\(\w+)|(?:re)?newcommand\*?\s*\{?\\(\w+)\}?)\s*\{([^{}\n]{0,200})\}", source
    ):
        if _BREAK_BODY_RE.search(m.group(3)):
            found.add(m.group(1) or m.group(2))
    return found


def heading_macros(source: str) -> set[str]:
    """One-argument macros the source defines whose body makes their argument a heading."""
    found = set()
    for m in re.finditer(r"\\(?:re)?newcommand\*?\s*\{?\\(\w+)\}?\s*\[1\]\s*\{", source):
        depth, body = 1, []
        for ch in source[m.end() : m.end() + 400]:
            depth += ch == "{"
            depth -= ch == "}"
            if depth == 0:
                break
            body.append(ch)
        if _HEADING_BODY_RE.search("".join(body)):
            found.add(m.group(1))
    return found


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
    elif m := re.search(r"\bpdfauthor\s*=\s*\{\s*([^{}]*?)\s*\}", preamble):
        # hyperref's pdfauthor={Lincoln A. Mullen}, or pdfauthor={\name} with \def\name{...}
        name = m.group(1)
        if ref := re.fullmatch(r"\\(\w+)", name):
            known = re.search(
                rf"\\(?:def\\{ref.group(1)}|(?:re)?newcommand\{{?\\{ref.group(1)}\}}?)\s*\{{([^{{}}\\]+)\}}",
                preamble,
            )
            name = known.group(1).strip() if known else ""
        if name and "\\" not in name:
            out.append(Block("text", name, 0, preamble.count("\n", 0, m.start()) + 1))
    for macro, label in (("email", "Email"), ("homepage", "Website"), ("phone", "Phone")):
        if m := re.search(rf"\\{macro}(?:\[[^]]*\])?\{{([^}}]*)\}}", preamble):
            out.append(
                Block("text", f"{label}: {m.group(1)}", 0, preamble.count("\n", 0, m.start()) + 1)
            )
    return out
