"""Reading and writing YAML without losing what people wrote.

Reads use ruamel's round-trip loader, which remembers the line of every key
and item (so validation errors can point at them) and keeps comments and key
order (so a save does not rewrite someone's file in a lossy way). Writes go
to a temporary file in the same folder and are renamed over the target.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from packet.cache import write_atomic
from packet.errors import Problem, UserError


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
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{shown} does not exist") from None
    except IsADirectoryError:
        raise UserError(f"{shown} is a folder, not a file") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise UserError(
            f"{shown} is not UTF-8 text",
            [
                Problem(
                    f"byte 0x{raw[err.start]:02x} cannot be read as UTF-8",
                    file=shown,
                    line=line,
                    hint="Save the file as UTF-8 (most editors: 'Save with encoding').",
                )
            ],
        ) from None


def load_yaml(path: Path, shown: str | None = None) -> Any:
    """Parse a YAML file into ruamel's round-trip structures (dict/list subclasses with lines)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    shown = shown or str(path)
    text = read_text(path, shown)
    if not text.strip():
        raise UserError(
            f"{shown} is empty", [Problem("the file has no content", file=shown, line=1)]
        )
    try:
        return _yaml().load(text)
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
