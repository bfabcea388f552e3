"""Errors caused by the user's input, as opposed to bugs in packet.

The CLI prints a `UserError` as a short message and exits 1, never with a
traceback; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # dotted path, e.g. publications[3].year
    value: str | None = None  # the offending value, shortened
    hint: str | None = None  # what to do about it

    def location(self) -> str:
        parts = [self.file or ""]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(p for p in parts if p)

    def __str__(self) -> str:
        head = self.location()
        text = f"{head}: " if head else ""
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.value is not None:
            text += f" (got {self.value})"
        if self.hint:
            text += f"\n    {self.hint}"
        return text


@dataclass
class UserError(Exception):
    """One or more problems with the user's input; the message says what to do."""

    summary: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [self.summary, *(f"  {p}" for p in self.problems)]
        return "\n".join(lines)
