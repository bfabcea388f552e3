"""Turning pydantic's validation errors into messages people can act on.

Every error of a file is reported at once, each with its line and column in
the YAML, the field path as it is written in the file, a plain sentence and
the offending value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from packet.errors import Problem, UserError
from packet.store.yaml_io import position

M = TypeVar("M", bound=BaseModel)


def field_path(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    # Union members appear in pydantic's loc as tags such as "function-plain[parse()]"
    # or "literal['present']": they are not keys of the user's file.
    return tuple(p for p in loc if isinstance(p, int) or not any(c in p for c in "[]()"))


def _show(value: Any) -> str | None:
    if isinstance(value, dict | list):
        return None
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _known_fields(model: type[BaseModel]) -> set[str]:
    seen: set[type[BaseModel]] = set()
    names: set[str] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(name)
            for arg in _types_in(info.annotation):
                visit(arg)

    visit(model)
    return names


def _types_in(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_types_in(arg))
    return found


def _message(err: dict[str, Any], known: set[str]) -> tuple[str, str | None]:
    kind = err["type"]
    loc = err["loc"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
        hint = f"Did you mean '{close[0]}'?" if close else "Remove it, or check the spelling."
        return f"unknown field '{name}'", hint
    if kind == "missing":
        return f"required field '{loc[-1]}' is missing", None
    if kind in ("string_type", "str_type"):
        return "expected text", "Put the value in quotes if it is meant as text."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "expected a whole number", None
    if kind in ("float_parsing", "float_type"):
        return "expected a number", None
    if kind in ("bool_parsing", "bool_type"):
        return "expected true or false", None
    if kind in ("list_type",):
        return "expected a list (items starting with '- ')", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a mapping of 'key: value' lines", None
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}", None
    if kind == "string_pattern_mismatch":
        field = str(loc[-1]) if loc else ""
        if field in ("id", "call") or field.endswith("id"):
            return "ids may use letters, digits and . _ : - (no spaces)", None
        return f"does not have the expected form ({err.get('ctx', {}).get('pattern', '')})", None
    if kind == "string_too_short":
        return "must not be empty", None
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return err["msg"].replace("Input should be", "must be"), None
    if kind == "too_short":
        return err["msg"].replace("List should have", "needs"), None
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg, None


def problems_from(
    err: ValidationError, data: Any, shown: str, model: type[BaseModel]
) -> list[Problem]:
    known = _known_fields(model)
    problems: list[Problem] = []
    seen: set[tuple[tuple[int | str, ...], str]] = set()
    for error in err.errors():
        loc = _clean_loc(tuple(error["loc"]))
        raw: dict[str, Any] = {**error, "loc": loc}
        message, hint = _message(raw, known)
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        line, column = position(data, loc)
        value = None if raw["type"] in ("missing", "extra_forbidden") else _show(raw.get("input"))
        if value is not None and value.strip("'") in message:
            value = None
        problems.append(
            Problem(
                message,
                file=shown,
                line=line,
                column=column,
                field=field_path(loc) or None,
                value=value,
                hint=hint,
            )
        )
    return _collapse_unions(problems)


def _collapse_unions(problems: list[Problem]) -> list[Problem]:
    """A value that fits no member of a union yields one error per member: keep the best."""
    by_field: dict[tuple[str | None, int | None], list[Problem]] = {}
    for p in problems:
        by_field.setdefault((p.field, p.line), []).append(p)
    kept: list[Problem] = []
    for group in by_field.values():
        if len(group) == 1:
            kept.extend(group)
            continue
        specific = [p for p in group if not p.message.startswith(("must be one of", "expected"))]
        kept.append((specific or group)[0])
    return kept


def validate(
    model: type[M],
    data: Any,
    shown: str,
    *,
    extra: list[Problem] | None = None,
    lines: Any = None,
) -> M:
    """Validate loaded YAML; raise one UserError carrying every problem of the file.

    `lines` is the round-trip structure to take line numbers from when `data`
    was derived from it (a merged call spec); by default, `data` itself.
    """
    problems = list(extra or [])
    result: M | None = None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "the file must be a mapping of 'key: value' lines at the top level",
                file=shown,
                line=1,
            )
        )
    else:
        try:
            result = model.model_validate(data)
        except ValidationError as err:
            problems.extend(problems_from(err, data if lines is None else lines, shown, model))
    if problems or result is None:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        count = len(problems)
        raise UserError(f"{shown} has {count} problem{'s' if count != 1 else ''}", problems)
    return result
