"""JSON sources: parse errors become messages with the file, line and column."""

from __future__ import annotations

import json
from typing import Any

from packet.errors import Problem, UserError


def load_json(data: bytes, name: str, what: str) -> Any:
    """The parsed JSON, or a UserError naming the file, line and column where it broke."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UserError(
            f"{name} is not UTF-8 text, so it cannot be read as {what}",
            [Problem(f"byte {err.start} cannot be decoded", file=name, line=line)],
        ) from None
    except json.JSONDecodeError as err:
        raise UserError(
            f"{name} is not valid JSON, so it cannot be read as {what}",
            [Problem(err.msg, file=name, line=err.lineno, column=err.colno)],
        ) from None
