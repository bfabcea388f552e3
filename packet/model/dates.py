"""Dates as researchers write them: a year, a year-month, or a full day.

CVs say "2020", "July 2023" or "2025-06-09"; forcing a full date would make
people invent days. `PartialDate` keeps exactly the precision that was given
and orders itself by (year, month, day) with missing parts sorting first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PATTERN_TEXT = r"^\d{4}(-\d{2}(-\d{2})?)?$"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ValueError("expected a date such as 2024, 2024-07 or 2024-07-15")
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError("expected a date such as 2024, 2024-07 or 2024-07-15")
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(
                f"'{value}' is not a date: write a year (2024), a month (2024-07) "
                "or a day (2024-07-15)"
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has month {month}: months run from 01 to 12")
        if day is not None:
            try:
                dt.date(year, month or 1, day)
            except ValueError:
                raise ValueError(f"'{value}' is not a day of the calendar") from None
        return cls(year, month, day)

    @classmethod
    def today(cls) -> PartialDate:
        """The one clock of packet: SOURCE_DATE_EPOCH when set (reproducible builds, pinned
        tests), else the calendar date."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        if epoch.isdigit():
            return cls.parse(dt.datetime.fromtimestamp(int(epoch), dt.UTC).date())
        return cls.parse(dt.date.today())

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def as_date(self) -> dt.date:
        """The first day this date can mean (2024 -> 2024-01-01)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __lt__(self, other: PartialDate) -> bool:
        return self.key() < other.key()

    def __le__(self, other: PartialDate) -> bool:
        return self.key() <= other.key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def human(self, months: bool = True) -> str:
        """'July 2023', '14 July 2023' or '2023'."""
        if self.month is None or not months:
            return str(self.year)
        text = f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {text}" if self.day is not None else text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": PATTERN_TEXT},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A year (2024), a year-month (2024-07) or a day (2024-07-15).",
        }


Present = Literal["present"]


def end_key(end: PartialDate | Present | None) -> tuple[int, int, int]:
    """Sort key for the end of a range: 'present' sorts after every date."""
    if end == "present":
        return (9999, 12, 31)
    if end is None:
        return (0, 0, 0)
    return end.key()
