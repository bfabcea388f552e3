"""A date given on the command line, checked like any other input."""

from __future__ import annotations

from packet.errors import Problem, UserError
from packet.model.dates import PartialDate


def parse_date_option(value: str | None, option: str) -> PartialDate:
    """The date an option names (YYYY, YYYY-MM or YYYY-MM-DD), else packet's clock."""
    if value is None:
        return PartialDate.today()
    try:
        return PartialDate.parse(value)
    except (ValueError, TypeError) as err:
        raise UserError(f"{option} '{value}' is not a date",
                        [Problem(str(err), hint="Write it as YYYY-MM-DD, e.g. 2027-04-07.")]
                        ) from None
