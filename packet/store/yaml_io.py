"""Reading and writing YAML without losing what people wrote.

Reads use ruamel's round-trip loader, which remembers the line of every key
and item (so validation errors can point at them) and keeps comments and key
order (so a save does not rewrite someone's file in a lossy way). Writes go
to a temporary file in the same folder and are renamed over the target.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from packet.cache import write_atomic
from packet.errors import Problem, UserError
from packet.paths import MAX_YAML_BYTES, read_user_text

# Bounds on what one YAML file may hold (docs/security.md). Aliases are counted as
# often as they are used, so an "alias bomb" (nine aliases of nine aliases ...)
# counts as the billions of values it would expand to.
MAX_DEPTH = 40  # nested mappings and lists; a profile needs 4
MAX_NODES = 1_000_000  # values, aliases expanded; a 5,000-publication profile has ~200,000
MAX_STRING = 200_000  # characters of one value; a long answer is ~20,000


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user would type it: relative to the workspace when inside it."""
    if root is not None:
        # The path as written first: a link inside the workspace is named where it is,
        # not where it points.
        for candidate in (lambda: Path(os.path.abspath(path)), path.resolve):
            try:
                return str(candidate().relative_to(root.resolve()))
            except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links
                pass
    return str(path)


def read_text(path: Path, shown: str, limit: int = MAX_YAML_BYTES) -> str:
    """A YAML file's text: a regular file of at most `limit` bytes, in UTF-8."""
    return read_user_text(path, shown, limit)


def load_yaml(path: Path, shown: str | None = None, limit: int = MAX_YAML_BYTES) -> Any:
    """Parse a YAML file into ruamel's round-trip structures (dict/list subclasses with lines)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    shown = shown or str(path)
    text = read_text(path, shown, limit)
    if not text.strip():
        raise UserError(
            f"{shown} is empty", [Problem("the file has no content", file=shown, line=1)]
        )
    try:
        _check_flow_depth(text, shown)
        data = _yaml().load(text)
    except RecursionError:
        raise UserError(f"{shown} is nested too deeply",
                        [Problem(f"more than {MAX_DEPTH} levels of nested lists or mappings",
                                 file=shown, hint="Flatten the structure.")]) from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = (err.problem or str(err)).strip()
        context = (err.context or "").strip()
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
        raise UserError(
            f"{shown} is not valid YAML",
            [
                Problem(
                    message,
                    file=shown,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                    hint=_syntax_hint(problem),
                )
            ],
        ) from None
    except YAMLError as err:
        raise UserError(f"{shown} is not valid YAML", [Problem(str(err), file=shown)]) from None
    check_bounds(data, shown)
    return data


_FLOW = re.compile(r"[\[\]{}]")


def _check_flow_depth(text: str, shown: str) -> None:
    """`[[[[...` thousands deep costs ruamel's scanner quadratic time before it fails;
    refuse it up front. Brackets inside quoted strings count too, hence the headroom."""
    depth = 0
    for match in _FLOW.finditer(text):
        depth += 1 if match[0] in "[{" else -1
        if depth > 5 * MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise UserError(f"{shown} is nested too deeply",
                            [Problem(f"more than {MAX_DEPTH} levels of nested lists or mappings",
                                     file=shown, line=line, hint="Flatten the structure.")])


def check_bounds(data: Any, shown: str) -> None:
    """Depth, size with aliases expanded, and string length of loaded YAML, or a UserError.

    Sizes are memoised per object, so an alias used a billion times is weighed
    in one visit per distinct node.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def fail(message: str, loc: tuple[int | str, ...], hint: str) -> UserError:
        line, column = position(data, loc)
        return UserError(f"{shown} is too large or too deep",
                         [Problem(message, file=shown, line=line, column=column,
                                  field=".".join(map(str, loc)) or None, hint=hint)])

    def weigh(node: Any, loc: tuple[int | str, ...]) -> int:
        if isinstance(node, str):
            if len(node) > MAX_STRING:
                raise fail(f"a value of {len(node):,} characters; at most {MAX_STRING:,}", loc,
                           "Shorten it, or keep long texts in statements/*.md.")
            return 1
        if not isinstance(node, dict | list):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise fail("a value contains itself (an alias of its own anchor)", loc,
                       "Remove the alias.")
        if len(loc) >= MAX_DEPTH:
            raise fail(f"more than {MAX_DEPTH} levels of nested lists or mappings", loc,
                       "Flatten the structure.")
        active.add(key)
        total = 1
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for child_key, child in children:
            if isinstance(child_key, str) and len(child_key) > MAX_STRING:
                raise fail(f"a key of more than {MAX_STRING:,} characters", loc, "Shorten it.")
            total += weigh(child, (*loc, child_key))
            if total > MAX_NODES:
                raise fail(f"more than {MAX_NODES:,} values (aliases counted each time they "
                           "are used)", loc, "Use fewer aliases, or split the file.")
        active.discard(key)
        sizes[key] = total
        return total

    weigh(data, ())


def _syntax_hint(problem: str) -> str | None:
    if "duplicate key" in problem:
        return "Each key may appear once in a mapping: remove or rename one of them."
    if "mapping values are not allowed" in problem:
        return "A value containing ': ' needs quotes, e.g. title: \"Part 1: the idea\"."
    if "tab" in problem:
        return "YAML indents with spaces, not tabs."
    return None


def dump_yaml(data: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def save_yaml(path: Path, data: Any) -> None:
    write_atomic(path, dump_yaml(data))


def position(data: Any, loc: tuple[int | str, ...]) -> tuple[int | None, int | None]:
    """1-based (line, column) of the deepest node of `loc` that exists in the loaded YAML."""
    line: int | None = None
    column: int | None = None
    if hasattr(data, "lc"):
        line, column = data.lc.line + 1, data.lc.col + 1
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and key in node:
                if lc is not None:
                    ln, col = lc.key(key)
                    line, column = ln + 1, col + 1
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                if lc is not None:
                    ln, col = lc.item(key)
                    line, column = ln + 1, col + 1
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line, column


def to_plain(data: Any) -> Any:
    """Round-trip structures -> plain dicts, lists and scalars (for hashing and merging)."""
    if isinstance(data, dict):
        return {str(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    if isinstance(data, str):
        return str(data)
    return data
