"""Dates, ranges and amounts as CVs print them -> the profile's forms."""

from __future__ import annotations

import pytest

from packet.sources.dates import find_amount, find_dates, parse_date, parse_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 2022 – Present", ("2022-11", "present")),
        ("2019–2021", ("2019", "2021")),
        ("2019 - 2021", ("2019", "2021")),
        ("2019-2021", ("2019", "2021")),
        ("July to October 2023", ("2023-07", "2023-10")),
        ("November 2020 to April 2021", ("2020-11", "2021-04")),
        ("Sep. 2017 -- July 2021", ("2017-09", "2021-07")),
        ("2020-present", ("2020", "present")),
        ("2013-current", ("2013", "present")),
        ("since 2021", ("2021", "present")),
        ("2014-", ("2014", "present")),
        ("2024-25", ("2024", "2025")),
        ("Fall 2021 to present", ("2021-09", "present")),
        ("09/2020", ("2020-09", None)),
        ("Sept. 2020", ("2020-09", None)),
        ("15 July 2023", ("2023-07-15", None)),
        ("July 15, 2023", ("2023-07-15", None)),
        ("2025-06-09", ("2025-06-09", None)),
        ("2019-07", ("2019-07", None)),
        ("2024", ("2024", None)),
    ],
)
def test_ranges(text: str, expected: tuple[str, str | None]) -> None:
    assert parse_range(text) == expected


def test_spring_gives_the_year_and_says_the_month_is_unknown() -> None:
    (span,) = find_dates("Spring 2024")
    assert (span.start, span.end, span.uncertain) == ("2024", None, ["date"])


def test_dates_inside_an_entry_are_found_where_they_are() -> None:
    text = "Applied Scientist July to October 2023, Santa Clara"
    (span,) = find_dates(text)
    assert (span.start, span.end) == ("2023-07", "2023-10")
    assert text[span.span[0] : span.span[1]] == "July to October 2023"


@pytest.mark.parametrize("text", ["PHYS-316", "pp. 3347-3379", "110/110 cum laude", "13/2020"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_parse_date_refuses_text_around_the_date() -> None:
    assert parse_date("Sept. 2020") == "2020-09"
    assert parse_date("joined in Sept. 2020 as a student") is None


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("CHF 10,000", 10000, "CHF"),
        ("$5k", 5000, "USD"),
        ("€1.5M", 1_500_000, "EUR"),
        ("10'000 CHF", 10000, "CHF"),
        ("(18,000 USD)", 18000, "USD"),
        ("US$ 2.5 million", 2_500_000, "USD"),
        ("£300", 300, "GBP"),
        ("ZAR 1.2M", 1_200_000, "ZAR"),
    ],
)
def test_amounts(text: str, amount: float, currency: str) -> None:
    found = find_amount(text)
    assert found is not None and (found.amount, found.currency) == (amount, currency)


def test_a_count_is_not_money() -> None:
    assert find_amount("Top 200 (among 8,000 applicants)") is None


@pytest.mark.parametrize("text", ["2019-13", "2019-2-30", "2021-00-5"])
def test_a_date_with_no_such_month_or_day_is_no_date(text: str) -> None:
    # it used to call itself with the padded text for ever (a RecursionError on import)
    from packet.sources.normalise import parse_date as normalise_date

    assert normalise_date(text) is None


def test_a_short_written_date_is_padded() -> None:
    from packet.sources.normalise import parse_date as normalise_date

    assert normalise_date("2019-3-7") == "2019-03-07"
