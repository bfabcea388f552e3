"""A LaTeX CV -> blocks, with pylatexenc: its walker finds the structure (sections,
lists, the entry macros of CV classes), its latex2text turns each piece into text.

Entry macros of the popular classes are known (moderncv `\\cventry{dates}{title}
{employer}{city}{grade}{description}`, awesome-cv `\\cventry{position}{org}
{location}{dates}{description}`, `\\cvitem`, `\\cvlistitem`, Jake's-resume
`\\resumeSubheading`/`\\resumeItem`); a macro the CV defines itself with
`\\newcommand\\x[n]` is read with its n arguments, so its content is not lost.
"""

from __future__ import annotations

import re
from typing import Any

from pylatexenc import latexwalker

from packet.sources.cv import latex_context as ctx
from packet.sources.cv.blocks import BOLD_OFF, BOLD_ON, ITAL_OFF, ITAL_ON, Block, plain

# a line break kept through the whitespace collapsing of `flush`
_LINE = "\ue010"


class _Walker:
    def __init__(
        self, source: str, user_macros: set[str] | None = None, headings: set[str] | None = None
    ) -> None:
        self.source = source
        self.user_macros = user_macros or set()
        self.user_headings = headings or set()
        self.breaks: set[str] = set()
        self.l2t = ctx.text_converter()
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.kind = "text"
        self.level = 0
        self.lists = 0
        self.pos = 0

    def line(self, pos: int) -> int:
        return self.source.count("\n", 0, pos) + 1

    def text(self, nodes: list[latexwalker.LatexNode]) -> str:
        out = "".join(self.node_text(n) for n in nodes)
        return ctx.marks(re.sub(r"\s+", " ", out).strip())  # a single newline in LaTeX is a space

    def node_text(self, node: latexwalker.LatexNode) -> str:
        if isinstance(node, latexwalker.LatexMacroNode) and node.macroname in self.user_macros:
            return " ".join(a for a in self.args(node) if a)  # \bibauthor{X}: keep what it wraps
        if isinstance(node, latexwalker.LatexGroupNode) and node.nodelist:
            first = node.nodelist[0]
            switch = first.macroname if isinstance(first, latexwalker.LatexMacroNode) else ""
            inner = "".join(self.node_text(n) for n in node.nodelist[1:])
            if switch in ("bf", "bfseries"):  # {\bf X}: the old switches
                return BOLD_ON + inner + BOLD_OFF
            if switch in ("em", "it", "itshape", "sl"):
                return ITAL_ON + inner + ITAL_OFF
        return str(self.l2t.nodelist_to_text([node]))

    def add(self, node: latexwalker.LatexNode) -> None:
        if not self.buf:
            self.pos = node.pos or 0
        self.buf.append(self.node_text(node))

    def flush(self) -> None:
        if self.buf:
            text = ctx.marks(re.sub(r"\s+", " ", "".join(self.buf)).strip())
            # the lines of one item are its parts: "Senior Fellow \\ IPAM Program" is
            # "Senior Fellow, IPAM Program"; a line that ends its part keeps its own sign
            text = re.sub(rf"(?<=[,.;:]) ?{_LINE}\s*", " ", text)
            text = re.sub(rf"^\s*{_LINE}|\s*{_LINE}\s*$", "", text)
            text = re.sub(rf"\s*{_LINE}\s*", ", ", text).strip()
            pos = self.pos
            self.buf = []
            for part in text.split("\n") if self.kind == "text" else [text]:
                if plain(part):
                    self.blocks.append(Block(self.kind, part.strip(), self.level, self.line(pos)))  # type: ignore[arg-type]
        self.kind, self.level = "text", 0

    def args(self, node: latexwalker.LatexMacroNode) -> list[str]:
        argd = node.nodeargd
        found = [a for a in (argd.argnlist if argd else []) if a is not None]
        return [self.text([a]) for a in found]

    def walk(self, nodes: list[latexwalker.LatexNode]) -> None:
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if isinstance(node, latexwalker.LatexCommentNode):
                continue
            groups = self._following_groups(nodes, i)
            if (
                isinstance(node, latexwalker.LatexMacroNode)
                and not node.nodeargd
                and len(groups) >= 2
            ):
                # a macro of a CV class this file does not define: its brace groups are its fields
                self.flush()
                texts = [self.text([g]) for g in groups]
                line = self.line(node.pos or 0)
                self.blocks.append(Block("entry", self._entry_text(node.macroname, texts), 1, line))
                i = nodes.index(groups[-1], i) + 1
                continue
            if isinstance(node, latexwalker.LatexCharsNode) and "\n\n" in node.chars:
                for k, part in enumerate(re.split(r"\n\s*\n", node.chars)):
                    if k:
                        self.flush()
                    if part.strip():
                        self.buf.append(part)
                        self.pos = node.pos or 0
                continue
            if isinstance(node, latexwalker.LatexEnvironmentNode):
                self.environment(node)
            elif isinstance(node, latexwalker.LatexMacroNode):
                self.macro(node)
            elif isinstance(node, latexwalker.LatexGroupNode) and self._structural(node.nodelist):
                self.walk(node.nodelist)
            else:
                self.add(node)

    @staticmethod
    def _following_groups(
        nodes: list[latexwalker.LatexNode], i: int
    ) -> list[latexwalker.LatexNode]:
        groups = []
        while i < len(nodes):
            n = nodes[i]
            if isinstance(n, latexwalker.LatexGroupNode):
                groups.append(n)
            elif not (isinstance(n, latexwalker.LatexCharsNode) and not n.chars.strip()):
                break
            i += 1
        return groups

    def _structural(self, nodes: list[latexwalker.LatexNode]) -> bool:
        """A brace group holding sections or lists is walked, not flattened to text."""
        return any(
            isinstance(n, latexwalker.LatexEnvironmentNode)
            or (
                isinstance(n, latexwalker.LatexMacroNode)
                and (n.macroname in ctx.HEADING_MACROS or n.macroname == "item")
            )
            for n in nodes
        )

    def environment(self, node: latexwalker.LatexEnvironmentNode) -> None:
        name = node.environmentname
        if name in ctx.SKIP_ENVS:
            return
        if name.rstrip("*") in ctx.LISTS or name.endswith("list"):  # itemize*: the CV's own
            self.flush()
            self.lists += 1
            self.walk(node.nodelist)
            self.flush()
            self.lists -= 1
        elif name in (
            "document",
            "center",
            "flushleft",
            "minipage",
            "multicols",
            "tabular",
            "tabularx",
            "tabular*",
            "cvletter",
            "adjustwidth",
        ):
            self.walk(node.nodelist)
        elif (
            "section" in name.lower()
            and node.nodelist
            and isinstance(node.nodelist[0], latexwalker.LatexGroupNode)
        ):
            self.flush()  # \begin{rSection}{Education} ... of resume classes
            groups = self._following_groups(node.nodelist, 0)
            if "subsection" not in name.lower():
                groups = groups[:1]  # the section's name; what follows is its content
            texts = [self.text([g]) for g in groups]
            line = self.line(node.pos or 0)
            if len(texts) == 1:
                self.blocks.append(Block("heading", texts[0], 1, line))
            else:  # \begin{rSubsection}{org}{dates}{title}{place}: an entry and its items
                self.blocks.append(Block("text", self._entry_text(name, texts), 0, line))
            self.walk(node.nodelist[node.nodelist.index(groups[-1]) + 1 :])
            self.flush()
        else:
            self.add(node)

    def macro(self, node: latexwalker.LatexMacroNode) -> None:
        name = node.macroname
        line = self.line(node.pos or 0)
        if name in ctx.SKIP_MACROS:
            return
        if name in ctx.HEADING_MACROS or name in self.user_headings:
            self.flush()
            args = self.args(node)
            if args and plain(args[-1]):
                level = ctx.HEADING_MACROS.get(name, 1)
                self.blocks.append(Block("heading", args[-1], level, line))
        elif name in ("item", "bibitem", "resumeItem", "resumeSubItem", "cvlistitem"):
            self.flush()
            self.kind, self.level = "entry", max(self.lists, 1)
            label = [a for a in self.args(node) if plain(a)] if name == "item" else []
            if label:  # "\item[2014--2019:] Assistant Professor": the label is the item's date
                self.pos = node.pos or 0
                self.buf.append(label[0].strip(" :") + " ")
            if name != "item":
                args = [a for a in self.args(node) if a]
                if name == "bibitem":
                    args = []  # its argument is the citation key, not text
                if args:
                    self.blocks.append(Block("entry", args[-1], self.level, line))
                    self.kind = "text"
        elif name in ("\\", "newline", "linebreak") and self.kind == "entry":
            self.buf.append(_LINE)  # a line break inside a list item: the item goes on
        elif name in ("\\", "newline", "par", "linebreak") or name in self.breaks:
            self.flush()
        elif name in (
            "cventry",
            "cvevent",
            "cvhonor",
            "resumeSubheading",
            "resumeProjectHeading",
            "cvitem",
            "cvitemwithcomment",
            "cvdoubleitem",
        ) or self._user_entry(node):
            self.flush()
            args = self.args(node)
            parts = self._entry_parts(name, args)
            self.blocks.append(Block("entry", self._entry_text(name, args), 1, line, parts))
        elif name in ("name", "title", "email", "homepage", "phone", "address"):
            args = [a for a in self.args(node) if a]
            if args:
                self.blocks.append(Block("text", f"{name}: " + " ".join(args), 0, line))
        else:
            self.add(node)

    def _user_entry(self, node: latexwalker.LatexMacroNode) -> bool:
        argd = node.nodeargd
        return bool(
            argd
            and len([a for a in argd.argnlist if a is not None]) >= 2
            and node.macroname not in ctx.KNOWN_ARGS
        )

    @staticmethod
    def _entry_parts(name: str, args: list[str]) -> dict[str, Any] | None:
        """The arguments by role, for the macros whose classes document them."""
        if name == "cventry" and len(args) == 6:  # moderncv
            dates, title, employer, city, grade, desc = args
            return {"role": title, "org": employer, "place": city, "dates": dates,
                    "grade": grade, "details": [desc] if desc else []}  # fmt: skip
        if name == "cventry" and len(args) == 5:  # awesome-cv
            title, org, city, dates, desc = args
            return {"role": title, "org": org, "place": city, "dates": dates,
                    "details": [desc] if desc else []}  # fmt: skip
        if name == "cvhonor" and len(args) == 4:  # awesome-cv
            award, event, place, date = args
            return {"role": award, "org": event, "place": place, "dates": date}
        return None

    @staticmethod
    def _entry_text(name: str, args: list[str]) -> str:
        if name == "cventry" and len(args) == 6:  # moderncv: dates first
            dates, title, employer, city, grade, desc = args
            head = ", ".join(
                a
                for a in (BOLD_ON + title + BOLD_OFF if title else "", employer, city, grade, dates)
                if a
            )
            return head + (f"\n{desc}" if desc else "")
        if name == "cventry" and len(args) == 5:  # awesome-cv: position, organization, place, dates
            title, org, city, dates, desc = args
            head = ", ".join(
                a for a in (BOLD_ON + title + BOLD_OFF if title else "", org, city, dates) if a
            )
            return head + (f"\n{desc}" if desc else "")
        if name == "cvhonor" and len(args) == 4:  # awesome-cv: award, event, place, date
            award, event, _place, date = args
            return ", ".join(
                a for a in (BOLD_ON + award + BOLD_OFF if award else "", event, date) if a
            )
        if name == "cvitem" and len(args) >= 2:  # \cvitem{label}{text}: a dated line or a label
            return f"{args[-2]}\t{args[-1]}" if args[-2] else args[-1]
        parts = [a for a in args if a]
        desc = parts.pop() if len(parts) >= 4 and len(parts[-1]) > 80 else ""
        head = ", ".join(parts)
        return head + (f"\n{desc}" if desc else "")


def latex_blocks(source: str) -> list[Block]:
    source = ctx.strip_comments(source)
    breaks = ctx.break_macros(source)
    source = ctx.strip_layout(source)
    begin = source.find("\\begin{document}")
    end = source.rfind("\\end{document}")
    body = (
        source[begin + len("\\begin{document}") : end if end > begin else None]
        if begin >= 0
        else source
    )
    offset = source.count("\n", 0, begin) if begin >= 0 else 0
    walker = latexwalker.LatexWalker(
        body, latex_context=ctx.walker_db(source), tolerant_parsing=True
    )
    nodes, _, _ = walker.get_latex_nodes()
    headings = ctx.heading_macros(source)
    user = {name for name, _ in ctx.NEWCOMMAND_RE.findall(source)} - headings
    w = _Walker(body, user, headings)
    w.breaks = breaks
    w.walk(nodes)
    w.flush()
    for block in w.blocks:
        block.line += offset
    return ctx.preamble_person(source[:begin] if begin >= 0 else "") + w.blocks
