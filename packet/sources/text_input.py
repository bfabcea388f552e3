"""Bytes -> text for the text-based readers, and their shared parse-error messages."""

from __future__ import annotations

import json
from typing import Any

from packet.errors import Problem, UserError


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; old Latin-1 files are read as cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\0" in data[:8192]:
        raise UserError(
            f"{shown} is a binary file, not text",
            [
                Problem(
                    "it holds NUL bytes",
                    file=shown,
                    hint="Export the source as text (BibTeX, RIS, JSON, YAML) and import that.",
                )
            ],
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files older than UTF-8 defaults were mostly Windows-1252; no byte is lost this way.
        return data.decode("cp1252", errors="replace")


def load_json(data: bytes, shown: str) -> Any:
    text = decode(data, shown)
    if not text.strip():
        raise UserError(f"{shown} is empty", [Problem("the file has no content", file=shown)])
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(
            f"{shown} is not valid JSON",
            [
                Problem(
                    err.msg,
                    file=shown,
                    line=err.lineno,
                    column=err.colno,
                    hint="The file may be cut off or hand-edited: check that line.",
                )
            ],
        ) from None


def load_yaml_text(data: bytes, shown: str) -> Any:
    """Safe YAML (no tags that build objects); errors located like the profile's own."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = decode(data, shown)
    if not text.strip():
        raise UserError(f"{shown} is empty", [Problem("the file has no content", file=shown)])
    try:
        return YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise UserError(
            f"{shown} is not valid YAML",
            [
                Problem(
                    f"YAML syntax error: {(err.problem or str(err)).strip()}",
                    file=shown,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ],
        ) from None
    except YAMLError as err:
        raise UserError(f"{shown} is not valid YAML", [Problem(str(err), file=shown)]) from None


def text_of(value: Any) -> str | None:
    """A scalar from a JSON/YAML document as text (numbers too); None for nothing."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None
