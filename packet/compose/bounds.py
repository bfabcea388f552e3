"""Bounds on what one template may compute: time, output size, and the operators that blow up.

A template or statement may come from someone else, and Jinja is a
programming language: `{{ 9 ** (9 ** 9) }}`, `{{ 'x' * 10 ** 9 }}` or two
nested `range(100000)` loops would hang a build or exhaust memory. The
sandbox routes these operators here (`intercepted_binops`), and every
attribute access, call, `{{ }}` and `range` step checks one `Budget`:

- MAX_SECONDS of rendering per document (statements included);
- MAX_OUTPUT characters printed by the document, and by any one operation;
- MAX_JOINED characters joined in all (memory: the same long text printed many times);
- MAX_RANGE steps of one `range`;
- MAX_INT_BITS for the integers `**` and `*` may produce.

Past a bound, `TemplateLimitError` (a `TemplateDataError`) names the template
line. The limits are listed with their tests in docs/security.md.
"""

from __future__ import annotations

import math
import operator
import re
import time
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from packet.compose.filters import TemplateDataError

MAX_SECONDS = 5.0
MAX_OUTPUT = 5_000_000  # characters; the longest built-in document is ~60,000
# All text a document's rendering joins, macro and statement output counted at each join
# that holds it: bounds memory even where the same long text is printed many times.
MAX_JOINED = 4 * MAX_OUTPUT
MAX_RANGE = 10_000
MAX_INT_BITS = 4096  # ~1,200 decimal digits

_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d+)?(?:\.(\d+))?")


class TemplateLimitError(TemplateDataError):
    """A template went past one of the bounds above."""


class Budget:
    """What one document's rendering may still spend."""

    def __init__(self, seconds: float, output: int | None = None) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.output_left = MAX_JOINED if output is None else output

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(
                f"the template ran for more than {self.seconds:g} seconds",
                "Look for loops over large ranges or macros that call themselves.")

    def emit(self, size: int) -> None:
        self.output_left -= size
        if self.output_left < 0:
            raise TemplateLimitError(
                f"the template joined more than {MAX_JOINED:,} characters of text in all "
                "(macros and statements counted each time they are printed)",
                "Look for loops that print more than intended.")


def check_joined(size: int) -> None:
    """One piece of output (the document, a macro's or a block's) is at most MAX_OUTPUT."""
    if size > MAX_OUTPUT:
        raise TemplateLimitError(f"the document is longer than {MAX_OUTPUT:,} characters",
                                 "Look for loops that print more than intended.")


_UNLIMITED = Budget(seconds=float("inf"), output=1 << 62)  # outside `bounded` (tests)
_CURRENT: ContextVar[Budget] = ContextVar("template_budget", default=_UNLIMITED)


def current() -> Budget:
    return _CURRENT.get()


@contextmanager
def bounded(seconds: float | None = None) -> Iterator[Budget]:
    """One document's rendering: a fresh budget, unless one is already running (a statement
    rendered inside its document shares the document's)."""
    if _CURRENT.get() is not _UNLIMITED:
        yield _CURRENT.get()
        return
    token = _CURRENT.set(Budget(MAX_SECONDS if seconds is None else seconds))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} would be too large (more than {MAX_OUTPUT:,} "
                              "characters or items)", "Use smaller numbers.")


def weight(value: Any, limit: int = MAX_OUTPUT) -> int:
    """The characters a value prints as, roughly: a text its length, a list or tuple the
    weight of its items (each at least 1). Counting stops past `limit`, so a list holding
    one long text a thousand times (`[t] * 1000`: a thousand references, gigabytes once
    printed or joined) costs no more than the limit to weigh."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple):
            total += 1
            stack.extend(item)
        else:
            total += 1
    return total


def check_weight(value: Any, what: str) -> None:
    if weight(value) > MAX_OUTPUT:
        raise _too_big(what)


def check_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A method of a text or list called from a template: no `'x'.ljust(10**9)`,
    `'{0:>999999999}'.format(1)` or `sep.join([long] * 1000)`."""
    target = getattr(function, "__wrapped__", function)  # the sandbox wraps str.format
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, str | bytes | list | tuple):
        return
    name = getattr(target, "__name__", "")
    if name in ("format", "format_map"):
        check_format(owner)
    for given in (*args, *kwargs.values()):
        if isinstance(given, int) and not isinstance(given, bool) and given > MAX_OUTPUT:
            raise _too_big(f"the result of '{name}'")
    if name == "join" and args and isinstance(owner, str):
        items = list(args[0]) if not isinstance(args[0], str) else [args[0]]
        if weight(items) + len(owner) * len(items) > MAX_OUTPUT:
            raise _too_big("the joined text")


def _int_bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def checked_binop(op: str, left: Any, right: Any) -> Any:
    """`left op right` for the intercepted operators, refused when the result would be huge."""
    if op == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0 \
                and math.log2(abs(left)) * right > MAX_INT_BITS:
            raise TemplateLimitError(f"{left} ** {right} is too large a number",
                                     "Use smaller numbers.")
        return operator.pow(left, right)
    if op == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(count, int) \
                    and not isinstance(count, bool) and count > 0 \
                    and weight(seq, MAX_OUTPUT // count + 1) * count > MAX_OUTPUT:
                raise _too_big("the repeated text or list")
        if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
            raise TemplateLimitError("the product is too large a number", "Use smaller numbers.")
        return operator.mul(left, right)
    if op == "+":
        if isinstance(left, Sized) and isinstance(right, Sized) \
                and not isinstance(left, dict) and weight(left) + weight(right) > MAX_OUTPUT:
            raise _too_big("the joined text or list")
        return operator.add(left, right)
    if op == "%":
        if isinstance(left, str):
            for width, precision in _FORMAT_WIDTH.findall(left):
                if int(width or 0) > MAX_OUTPUT or int(precision or 0) > MAX_OUTPUT:
                    raise _too_big("the formatted text")
        return operator.mod(left, right)
    if op == "//":
        return operator.floordiv(left, right)
    raise TemplateDataError(f"operator {op} is not supported")


INTERCEPTED = frozenset({"**", "*", "+", "%", "//"})


def bounded_range(*args: Any) -> Iterator[int]:
    """Python's range, at most MAX_RANGE steps, checking the time at each step."""
    try:
        steps = range(*args)
    except TypeError as err:
        raise TemplateDataError(f"range(): {err}") from None
    if len(steps) > MAX_RANGE:
        raise TemplateLimitError(f"range() of {len(steps):,} steps; at most {MAX_RANGE:,}",
                                 "Use a smaller range.")
    return _ticking(steps)


def _ticking(steps: range) -> Iterator[int]:
    budget = current()
    for value in steps:
        budget.tick()
        yield value


_FORMAT_SPEC_WIDTH = re.compile(r"\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")


def check_format(value: Any) -> None:
    """str.format and the `format` filter: no field widths of a million characters."""
    if isinstance(value, str) and (_FORMAT_SPEC_WIDTH.search(value) or any(
            int(w or 0) > MAX_OUTPUT or int(p or 0) > MAX_OUTPUT
            for w, p in _FORMAT_WIDTH.findall(value))):
        raise _too_big("the formatted text")


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose arguments (after the value) may not ask for a huge result:
    `center(10**9)`, `batch(10**9, 'x')`, `replace('a', long)` on a long text."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        current().tick()
        # Filters marked pass_context/pass_environment get that first; skip it.
        offset = 1 + int(getattr(function, "jinja_pass_arg", None) is not None)
        value, rest = (args[offset - 1] if len(args) >= offset else None), args[offset:]
        for given in (*rest, *kwargs.values()):
            if isinstance(given, int) and not isinstance(given, bool) and given > MAX_OUTPUT:
                raise _too_big(f"the result of '{name}'")
        if name == "format":
            check_format(value)
        if name == "replace" and len(rest) >= 2 and isinstance(value, str):
            old, new = str(rest[0]), str(rest[1])
            if len(value) * max(1, len(new)) // max(1, len(old)) > MAX_OUTPUT:
                raise _too_big("the result of 'replace'")
        return function(*args, **kwargs)

    checked.__name__ = getattr(function, "__name__", name)
    pass_arg = getattr(function, "jinja_pass_arg", None)
    if pass_arg is not None:
        checked.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return checked
