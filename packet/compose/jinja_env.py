"""The Jinja environment that renders Markdown templates, and its error messages.

Templates run in Jinja's immutable sandbox with `StrictUndefined`. Jinja's
autoescaping is HTML escaping, so it stays off; instead every `{{ value }}`
goes through `finalize`, which Markdown-escapes it unless it is
`TrustedMarkdown`. Text the template itself produces (macro and block
output, `{% set %}` blocks, `caller()`, `super()`) is joined by `concat`,
which marks it trusted so it is not escaped a second time, and `~` joins
trusted and plain pieces by escaping only the plain ones.

Template lookup: the workspace's `templates/` first, then the built-ins, by
name; `builtin:NAME` always means the built-in, so a workspace template can
`{% extends "builtin:cv.md.j2" %}` and override one block.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    nodes,
    pass_context,
    pass_environment,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Environment
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from packet.compose import bounds, filters
from packet.compose.escape import TrustedMarkdown, md_escape, md_paragraphs, trusted
from packet.compose.filters import TemplateDataError
from packet.compose.template_loader import TemplateLoader
from packet.errors import Problem, UserError
from packet.model.dates import PartialDate
from packet.select.rules import newest_first

# HTML-only filters: their output would be HTML-escaped text marked safe.
_REMOVED_FILTERS = ("safe", "escape", "e", "forceescape", "urlize", "xmlattr")


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.human()
    return str(value)


def _markdown_or_plain(value: Any) -> str:
    render = getattr(value, "__markdown__", None)  # deferred statements render when used
    return TrustedMarkdown(render()) if callable(render) else _plain(value)


def _finalize(value: Any) -> str:
    out = value if isinstance(value, TrustedMarkdown) else md_escape(_markdown_or_plain(value))
    bounds.current().emit(len(out))
    return out


def _concat_trusted(parts: Iterable[str]) -> TrustedMarkdown:
    # Only template output reaches here, and every `{{ }}` in it went through finalize.
    budget = bounds.current()
    kept = []
    size = 0
    for part in parts:  # counted as it streams: a runaway loop stops at the bound
        size += len(part)
        bounds.check_joined(size)
        budget.emit(len(part))
        kept.append(part)
    return TrustedMarkdown("".join(kept))


def concat_values(values: Iterable[Any]) -> str:
    """The `~` operator: escapes plain pieces only when a trusted one is present."""
    parts = [p if isinstance(p, str) else _markdown_or_plain(p) for p in values]
    size = sum(map(len, parts))
    bounds.check_joined(size)
    bounds.current().emit(size)
    if any(isinstance(p, TrustedMarkdown) for p in parts):
        return TrustedMarkdown("").join(parts)
    return "".join(parts)


class _MarkdownCodeGenerator(CodeGenerator):
    """Compiles `~` to `concat_values`, and passes `{% filter %}` blocks through finalize
    (Jinja writes their result out directly, and a filter may return data)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat_values((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_FilterBlock(self, node: nodes.FilterBlock, frame: Frame) -> None:
        filter_frame = frame.inner()
        filter_frame.symbols.analyze_node(node)
        self.enter_frame(filter_frame)
        self.buffer(filter_frame)
        self.blockvisit(node.body, filter_frame)
        self.start_write(frame, node)
        self.write("environment.finalize(")
        self.visit_Filter(node.filter, filter_frame)
        self.write(")")
        self.end_write(frame)
        self.leave_frame(filter_frame)


class MarkdownEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _MarkdownCodeGenerator
    concat = staticmethod(_concat_trusted)
    concat_values = staticmethod(concat_values)
    # Also keeps Jinja from folding `9 ** (9 ** 9)` at compile time (see packet.compose.bounds).
    intercepted_binops = bounds.INTERCEPTED

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        bounds.current().tick()
        return bounds.checked_binop(operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        bounds.current().tick()
        bounds.check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        bounds.current().tick()
        return super().getattr(obj, attribute)

    def __init__(self, loader: TemplateLoader) -> None:
        super().__init__(
            loader=loader,
            undefined=StrictUndefined,
            autoescape=False,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
            extensions=["jinja2.ext.loopcontrols"],
        )
        self.template_loader = loader
        self.statement_cache: dict[tuple[str, str], Template] = {}


def make_environment(
    workspace_templates: Path | None = None, within: Path | None = None
) -> MarkdownEnvironment:
    """One environment per build: it compiles each template once and keeps it.

    `within`: where workspace templates may point (the workspace; default their folder).
    """
    if workspace_templates is not None and not workspace_templates.is_dir():
        workspace_templates = None
    env = MarkdownEnvironment(TemplateLoader(workspace_templates, within))
    for name in _REMOVED_FILTERS:
        env.filters.pop(name, None)
    for name, function in list(env.filters.items()):  # Jinja's own, before packet's
        env.filters[name] = bounds.bounded_filter(name, function)
    env.globals["range"] = bounds.bounded_range
    env.globals.pop("lipsum", None)  # lipsum(n=10**9): no use in a packet
    env.filters.update(
        date=filters.format_date,
        daterange=filters.daterange,
        money=filters.money,
        md=trusted,
        paragraphs=md_paragraphs,
        groups=filters.groups,
        short_name=filters.short_name,
        join=_join,
        indent=_indent,
        join_authors=_join_authors,
        reference=_reference,
        newest_first=newest_first,
    )
    for name in ("join", "indent", "paragraphs", "groups", "lines"):  # packet's own, too
        if name in env.filters:
            env.filters[name] = bounds.bounded_filter(name, env.filters[name])
    env.globals.update(
        daterange=filters.daterange,
        money=filters.money,
        link=filters.link,
        strong=filters.strong,
        emph=filters.emph,
        lines=filters.lines,
        joined=filters.joined,
        heading=filters.heading,
        period=filters.period,
        contact_items=filters.contact_items,
        fail=_fail,
    )
    return env


@pass_environment
def _join(env: Environment, value: Iterable[Any], d: str = "", attribute: str | None = None) -> str:
    items = list(value)
    if attribute is not None:
        items = list(map(make_attrgetter(env, attribute), items))
    bounds.check_weight([*items, *[d] * max(0, len(items) - 1)], "the joined text")
    if not any(isinstance(i, TrustedMarkdown) for i in items):
        return d.join(_plain(i) for i in items)
    return md_escape(d).join(items)


def _indent(text: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    """Jinja's indent, keeping trusted Markdown trusted (e.g. a macro's output in a list item)."""
    pad = width if isinstance(width, str) else " " * width
    lines = str(text).split("\n")
    out = [line if (i == 0 and not first) or (not line and not blank) else pad + line
           for i, line in enumerate(lines)]
    joined = "\n".join(out)
    return TrustedMarkdown(joined) if isinstance(text, TrustedMarkdown) else joined


@pass_context
def _join_authors(context: Context, authors: list[str], equal: Iterable[str] = (),
                  initials: bool = True) -> TrustedMarkdown:
    return filters.join_authors(authors, equal, own_names(context.get("person")), initials)


@pass_context
def _reference(context: Context, pub: Any) -> TrustedMarkdown:
    """The formatted reference of a publication: the citation style's, else a plain one."""
    refs = context.get("refs") or {}
    if pub.id in refs:
        return trusted(refs[pub.id])
    return filters.format_publication(pub, own_names(context.get("person")))


def own_names(person: Any) -> list[str]:
    if person is None:
        return []
    return [person.name, *person.name_variants]


def _fail(message: str) -> None:
    raise TemplateDataError(str(message))


# -- errors -------------------------------------------------------------------


def template_location(
    tb: TracebackType | None, display: dict[str, str]
) -> tuple[str | None, int | None, bool]:
    """The innermost template frame of a traceback: (shown name, line, raised right there)."""
    found: tuple[str | None, int | None] = (None, None)
    innermost = False
    while tb is not None:
        code = tb.tb_frame.f_code
        # Jinja rewrites template frames into fake ones that carry the template line.
        innermost = "__jinja_exception__" in tb.tb_frame.f_globals
        if innermost:
            found = (display.get(code.co_filename, code.co_filename), tb.tb_lineno)
        tb = tb.tb_next
    return (*found, innermost)


# Python errors that template code itself raises, e.g. `{{ "a" + 1 }}`.
_EXPRESSION_ERRORS = (TypeError, ValueError, LookupError, ArithmeticError, AttributeError)


def template_error(exc: BaseException, env: MarkdownEnvironment, what: str) -> UserError | None:
    """A UserError for an error caused by a template or its data; None for a bug in packet."""
    display = env.template_loader.display
    summary = f"Template error in {what}"
    if isinstance(exc, TemplateSyntaxError):
        shown = display.get(exc.filename or "", exc.filename or exc.name)
        return UserError(summary, [Problem(exc.message or str(exc), file=shown, line=exc.lineno)])
    file, line, raised_there = template_location(exc.__traceback__, display)
    if isinstance(exc, TemplateNotFound):
        known = ", ".join(env.template_loader.list_templates())
        return UserError(summary, [Problem(f"template '{exc.name}' not found", file=file,
                                           line=line, hint=f"Templates available: {known}")])
    if isinstance(exc, RecursionError | MemoryError):
        what = ("templates or macros call themselves without end"
                if isinstance(exc, RecursionError) else "the template ran out of memory")
        return UserError(summary, [Problem(what, file=file, line=line,
                                           hint="Look for a macro that calls itself, a template "
                                                "that includes itself, or two that extend each "
                                                "other.")])
    if isinstance(exc, TemplateDataError) and file is None:  # e.g. a bound hit while joining
        return UserError(summary, [Problem(str(exc), hint=exc.hint)])
    if file is None:
        return None
    if isinstance(exc, TemplateDataError):
        return UserError(summary, [Problem(str(exc), file=file, line=line, hint=exc.hint)])
    if isinstance(exc, TemplateError) or (raised_there and isinstance(exc, _EXPRESSION_ERRORS)):
        return UserError(summary, [Problem(str(exc) or type(exc).__name__, file=file, line=line)])
    return None
