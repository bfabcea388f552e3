"""compose_document: template + context -> Markdown -> DocTree.

Per document, rendering keeps a little state: the citation numbers, given in
the order of first citation, and the person's statements, each rendered (in
the same sandbox, with the same variables) the first time it is printed, so
that citations inside a statement are numbered where they appear.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from packet.cache import content_key
from packet.compose import bounds
from packet.compose.context import StatementSource, TemplateContext
from packet.compose.doctree import Block, Document, blocks_from_plain
from packet.compose.escape import TrustedMarkdown
from packet.compose.filters import TemplateDataError, format_publication
from packet.compose.jinja_env import MarkdownEnvironment, own_names, template_error
from packet.compose.markdown import MarkdownError, parse_markdown
from packet.compose.typography import smarten_blocks
from packet.errors import Problem, UserError
from packet.model.call import DocumentSpec
from packet.model.profile import Publication

if TYPE_CHECKING:
    from packet.cache import Cache

TEMPLATE_SUFFIX = ".md.j2"
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def template_name(doc_spec: DocumentSpec) -> str:
    """A call spec may name the template `cv` or `cv.md.j2`."""
    name = doc_spec.template
    return name if name.endswith(".j2") else name + TEMPLATE_SUFFIX


@dataclass
class Reference:
    number: int
    id: str
    text: TrustedMarkdown
    item: Publication


class Citations:
    """cite(id) numbers publications in order of first citation within one document."""

    def __init__(self, context: TemplateContext) -> None:
        self._pubs = {p.id: p for p in context.profile.publications}
        self._refs = context.cited_refs or context.refs
        self._own = own_names(context.person)
        self._numbers: dict[str, int] = {}

    def cite(self, *ids: str) -> TrustedMarkdown:
        if not ids:
            raise TemplateDataError("cite() needs at least one publication id")
        numbers = sorted({self._number(str(i)) for i in ids})
        # Each number (a range by its first) links to its entry in the reference list.
        linked = re.sub(r"\d+", lambda m: f"[{m[0]}](#ref-{m[0]})", _compress(numbers))
        return TrustedMarkdown(f"\\[{linked}\\]")

    def _number(self, pub_id: str) -> int:
        if pub_id not in self._pubs:
            close = difflib.get_close_matches(pub_id, list(self._pubs), n=3)
            hint = (f"Did you mean {', '.join(close)}?" if close
                    else "Cite the id of a publication in profile.yaml.")
            raise TemplateDataError(
                f"cite('{pub_id}'): the profile has no publication with this id", hint)
        return self._numbers.setdefault(pub_id, len(self._numbers) + 1)

    def references(self) -> list[Reference]:
        out = []
        for pub_id, number in self._numbers.items():
            pub = self._pubs[pub_id]
            text = self._refs.get(pub_id) or format_publication(pub, self._own)
            out.append(Reference(number, pub_id, text, pub))
        return out


def _compress(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1–3, 5'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(
        f"{r[0]}\u2013{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs
    )


class DeferredStatement:
    """A statement text that renders when it is printed, once."""

    def __init__(self, source: StatementSource, owner: Statements) -> None:
        self.source = source
        self._owner = owner
        self._text: TrustedMarkdown | None = None

    def __markdown__(self) -> TrustedMarkdown:
        if self._text is None:
            self._text = self._owner._render(self.source)
        return self._text

    def __bool__(self) -> bool:
        return bool(self.source.text.strip())

    def __str__(self) -> str:
        return str(self.__markdown__())


class Statements(Mapping[str, DeferredStatement]):
    """`statements.research`: the person's texts, rendered in the sandbox on first use."""

    def __init__(self, sources: Mapping[str, StatementSource], env: MarkdownEnvironment) -> None:
        self._env = env
        self._items = {name: DeferredStatement(src, self) for name, src in sources.items()}
        self._rendering: list[str] = []
        # Set by render_markdown once the variables (which include this mapping) exist;
        # private, so that templates cannot reach it through the sandbox.
        self._variables: dict[str, Any] = {}

    def __getitem__(self, name: str) -> DeferredStatement:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def _render(self, source: StatementSource) -> TrustedMarkdown:
        if source.name in self._rendering:
            raise TemplateDataError(f"statement '{source.name}' prints itself")
        self._rendering.append(source.name)
        try:
            return TrustedMarkdown(_statement_template(self._env, source).render(self._variables))
        finally:
            self._rendering.pop()


def _statement_template(env: MarkdownEnvironment, source: StatementSource) -> Template:
    cache = env.statement_cache
    key = (source.filename, source.text)
    if key not in cache:
        # HTML is printed as text, but an HTML comment is a note to oneself:
        # drop it, as Markdown viewers do. Blank it line for line so that
        # error messages keep the file's line numbers.
        text = _HTML_COMMENT.sub(lambda m: "\n" * m[0].count("\n"), source.text)
        code = env.compile(text, name=f"statement:{source.name}", filename=source.filename)
        cache[key] = env.template_class.from_code(env, code, env.make_globals(None))
    return cache[key]


def render_markdown(
    doc_spec: DocumentSpec, context: TemplateContext, env: MarkdownEnvironment
) -> str:
    """The document's Markdown, before parsing: what golden files and debugging look at."""
    citations = Citations(context)
    statements = Statements(context.statements, env)
    variables = context.variables()
    variables.update(
        doc=doc_spec,
        cite=citations.cite,
        references=citations.references,
        statements=statements,
        statement=statements.get(context.statement_name, ""),
    )
    statements._variables = variables
    try:
        with bounds.bounded():
            return str(env.get_template(template_name(doc_spec)).render(variables))
    except Exception as exc:
        error = template_error(exc, env, f"document '{doc_spec.id}'")
        if error is None:
            raise
        raise error from None


def compose_document(
    doc_spec: DocumentSpec, context: TemplateContext, env: MarkdownEnvironment
) -> Document:
    """Render the document's template with `context` and parse the result into a DocTree."""
    return parse_document(doc_spec, context, render_markdown(doc_spec, context, env))


def parse_document(doc_spec: DocumentSpec, context: TemplateContext, markdown: str,
                   cache: Cache | None = None) -> Document:
    """The DocTree of the Markdown a document's template produced; kept in `cache` by the
    Markdown's text (parsing 2,000 references took 0.9 s of a rebuild that changed nothing)."""
    key = content_key("doctree", markdown) if cache is not None else ""
    raw = cache.get(key) if cache is not None else None
    blocks = None
    if raw is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            blocks = blocks_from_plain(json.loads(raw))
    if blocks is None:
        blocks = _parsed(doc_spec, markdown)
        if cache is not None:
            cache.put(key, json.dumps(Document("", "", blocks).to_dict()["blocks"],
                                      ensure_ascii=False, separators=(",", ":")))
    meta = {
        "template": template_name(doc_spec),
        "author": context.person.name,
        "call": context.call.id,
        "date": str(context.today),
    }
    return Document(id=doc_spec.id, title=doc_spec.title, blocks=blocks, meta=meta)


def _parsed(doc_spec: DocumentSpec, markdown: str) -> list[Block]:
    try:
        blocks = parse_markdown(markdown)
    except MarkdownError as exc:
        name = template_name(doc_spec)
        raise UserError(
            f"Template error in document '{doc_spec.id}'",
            [Problem(f"{exc.message} (line {exc.line} of the Markdown that {name} produced)",
                     file=name)],
        ) from None
    smarten_blocks(blocks)  # profile text gets the curly quotes and dashes statements have
    return blocks
