"""Dates, date ranges and money as CVs print them, turned into the profile's forms.

A date becomes a PartialDate string with exactly the precision printed ("2024",
"2024-07", "2024-07-15"); an open range ends in "present". Seasons: "Fall/Autumn
2021" is September 2021 (autumn terms start in September nearly everywhere a CV
says "Fall"); "Spring", "Summer" and "Winter" terms start anywhere from December to
March or May to July, so those give the year only and the month is reported as
uncertain rather than guessed.

"2002-03" is read as the academic year 2002–2003 (the next year's last digits), the
usual meaning in CVs; "2019-07" stays July 2019.

Amounts: "CHF 10,000", "$5k", "€1.5M", "10'000 CHF", "18,000 USD". A bare "$" is
read as USD, the usual meaning in CVs; "CA$", "A$" and friends keep their country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_SEASONS = {"fall": 9, "autumn": 9, "spring": None, "summer": None, "winter": None}

_YEAR = r"(?:19|20)\d{2}"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:fall|autumn|spring|summer|winter)"
_PRESENT = r"(?:present|now|current(?:ly)?|today|ongoing|date)"
# One date, most precise forms first so "15 July 2023" is not read as "July 2023".
_ATOM = (
    rf"(?P<iso>{_YEAR}-[01]\d(?:-[0-3]\d)?)"
    rf"|(?P<dmy>[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s*{_YEAR})"
    rf"|(?P<mdy>{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?,\s*{_YEAR})"
    rf"|(?P<my>{_MONTH}\s*,?\s*{_YEAR})"
    rf"|(?P<num>[01]?\d/{_YEAR})"
    rf"|(?P<season>{_SEASON}\s+(?:term\s+|semester\s+|quarter\s+)?{_YEAR})"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<month>{_MONTH})"
    rf"|(?P<present>{_PRESENT})"
)
_ATOM_RE = re.compile(rf"(?<![\w/.])(?:{_ATOM})(?![\w/])", re.IGNORECASE)
_SEP_RE = re.compile(r"^\s*(?:-{1,2}|–|—|−|to|until|till|through|thru)\s*$", re.IGNORECASE)
_SINCE_RE = re.compile(r"(?:since|from|starting)\s*$", re.IGNORECASE)
_SHORT_END_RE = re.compile(r"^\s*[-–/]\s*(\d{2})(?![\d\w])")  # 2024-25, 2019/20


@dataclass
class DateSpan:
    """A date or range found in a text; `span` is where, to remove it from the text."""

    start: str | None
    end: str | None  # None for a single date; "present" for an open range
    span: tuple[int, int]
    uncertain: list[str] = field(default_factory=list)

    @property
    def single(self) -> str | None:
        return self.start if self.end is None else None


def _month(word: str) -> int:
    return _MONTHS[word.strip(". ").lower()[:3]]


def _atom_value(m: re.Match[str]) -> tuple[str, str | None, bool]:
    """(kind, value, month_unsure) for one matched atom."""
    text = m.group(0)
    kind = m.lastgroup or ""
    year = re.search(_YEAR, text)
    if kind == "iso":
        return kind, text, False
    if kind in ("dmy", "mdy"):
        assert year is not None
        name = re.search(_MONTH, text, re.IGNORECASE)
        day = re.search(r"(?<!\d)([0-3]?\d)(?:st|nd|rd|th)?(?!\d)", text.replace(year.group(0), ""))
        assert name is not None and day is not None
        return kind, f"{year.group(0)}-{_month(name.group(0)):02d}-{int(day.group(1)):02d}", False
    if kind == "my":
        assert year is not None
        return kind, f"{year.group(0)}-{_month(text):02d}", False
    if kind == "num":
        month, yr = text.split("/")
        if not 1 <= int(month) <= 12:
            return "bad", None, False
        return kind, f"{yr}-{int(month):02d}", False
    if kind == "season":
        assert year is not None
        number = _SEASONS[text.split()[0].lower()]
        if number is None:
            return kind, year.group(0), True
        return kind, f"{year.group(0)}-{number:02d}", False
    if kind == "year":
        return kind, text, False
    if kind == "month":
        return kind, str(_month(text)), False
    return kind, "present", False


_DAYS_RE = re.compile(
    rf"(?<![\w/.])(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)\s*[–—-]\s*(?:(?P<m2>{_MONTH})\s+)?(?P<d2>[0-3]?\d),?\s*(?P<y>{_YEAR})"
    rf"|(?<![\w/.])(?P<e1>[0-3]?\d)\s*[–—-]\s*(?P<e2>[0-3]?\d)\s+(?P<m3>{_MONTH})\s*,?\s*(?P<z>{_YEAR})",
    re.IGNORECASE,
)


def _day_ranges(text: str) -> list[DateSpan]:
    """'July 16–20, 2012', 'June 28–July 1, 2009', '16-20 July 2012': a meeting's days."""
    found = []
    for m in _DAYS_RE.finditer(text):
        if m.group("y"):
            year, m1 = m.group("y"), _month(m.group("m1"))
            m2 = _month(m.group("m2")) if m.group("m2") else m1
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
        else:
            year, m1 = m.group("z"), _month(m.group("m3"))
            m2, d1, d2 = m1, int(m.group("e1")), int(m.group("e2"))
        if 1 <= d1 <= 31 and 1 <= d2 <= 31:
            found.append(
                DateSpan(f"{year}-{m1:02d}-{d1:02d}", f"{year}-{m2:02d}-{d2:02d}", m.span())
            )
    return found


def find_dates(text: str) -> list[DateSpan]:
    """Every date and date range in `text`, in order."""
    days = _day_ranges(text)
    if days:  # mask them so their parts are not read again as dates
        masked = list(text)
        for d in days:
            masked[d.span[0] : d.span[1]] = " " * (d.span[1] - d.span[0])
        rest = _find_dates("".join(masked))
        return sorted(days + rest, key=lambda d: d.span)
    return _find_dates(text)


def _find_dates(text: str) -> list[DateSpan]:
    atoms = [(m, *_atom_value(m)) for m in _ATOM_RE.finditer(text)]
    # "May" and "date" are words too: keep a bare month only next to a range, and
    # "present"/"date" only as the end of one.
    found: list[DateSpan] = []
    i = 0
    while i < len(atoms):
        m, kind, value, unsure = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        joined = nxt is not None and _SEP_RE.match(text[m.end() : nxt[0].start()])
        if (
            nxt is not None
            and joined
            and kind not in ("present", "bad")
            and nxt[1] not in ("month", "bad")
        ):
            n_m, n_kind, n_value, n_unsure = nxt
            start = value
            if kind == "month":  # "July to October 2023": the start borrows the end's year
                if n_kind == "present" or n_value is None:
                    i += 1
                    continue
                start = f"{n_value[:4]}-{int(value or 0):02d}"
            uncertain = (["start"] if unsure else []) + (["end"] if n_unsure else [])
            found.append(DateSpan(start, n_value, (m.start(), n_m.end()), uncertain))
            i += 2
            continue
        if kind in ("month", "present", "bad") or value is None:
            i += 1
            continue
        if kind == "iso" and len(value) == 7 and int(value[5:]) == (int(value[:4]) + 1) % 100:
            # "2002-03" in a CV is the academic year 2002–2003 far more often than March 2002
            found.append(DateSpan(value[:4], str(int(value[:4]) + 1), (m.start(), m.end())))
            i += 1
            continue
        short = _SHORT_END_RE.match(text[m.end() : m.end() + 8]) if kind == "year" else None
        if short and value is not None:
            end_year = value[:2] + short.group(1)
            if end_year > value:  # "2024-25" is a range; "2019-07" was an ISO month already
                found.append(DateSpan(value, end_year, (m.start(), m.end() + short.end())))
                i += 1
                continue
        window = max(0, m.start() - 20)  # look just before the date: linear on long texts
        since = _SINCE_RE.search(text[window : m.start()])
        open_end = re.match(r"^\s*(?:-|–|—|−|to)\s*(?![\w\d])", text[m.end() : m.end() + 20])
        if since or open_end:  # "since 2021", "2020 –" (and nothing after): still going
            lo = window + since.start() if since else m.start()
            hi = m.end() + (open_end.end() if open_end else 0)
            found.append(DateSpan(value, "present", (lo, hi), ["start"] if unsure else []))
        else:
            found.append(DateSpan(value, None, (m.start(), m.end()), ["date"] if unsure else []))
        i += 1
    return found


def parse_date(text: str) -> str | None:
    """One date written alone ("Sept. 2020", "09/2020", "2024") -> "2020-09"; else None."""
    spans = find_dates(text)
    if len(spans) == 1 and spans[0].end is None and not _rest(text, spans[0].span):
        return spans[0].start
    return None


def parse_range(text: str) -> tuple[str | None, str | None] | None:
    """A date or range written alone -> (start, end); a single date gives (date, None)."""
    spans = find_dates(text)
    if len(spans) == 1 and not _rest(text, spans[0].span):
        return spans[0].start, spans[0].end
    return None


def _rest(text: str, span: tuple[int, int]) -> str:
    return (text[: span[0]] + text[span[1] :]).strip(" \t.,;:()[]")


def remove_span(text: str, span: tuple[int, int]) -> str:
    """`text` without the part at `span`, the separators around it tidied."""
    before, after = text[: span[0]].rstrip(" ,;:(–-"), text[span[1] :].lstrip(" ,;:)–-")
    if before and after and not before.endswith((".", ",")):
        return f"{before}, {after}" if not after.startswith((".", ",")) else before + after
    return (before + " " + after).strip() if before and after else (before or after).strip()


# ---------------------------------------------------------------------------- money

_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "fr.": "CHF",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "ca$": "CAD",
    "c$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "sek": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "inr": "INR",
    "₹": "INR",
    "krw": "KRW",
    "₩": "KRW",
    "brl": "BRL",
    "r$": "BRL",
    "pln": "PLN",
    "hkd": "HKD",
    "sgd": "SGD",
    "nzd": "NZD",
    "ils": "ILS",
    "zar": "ZAR",
    "mxn": "MXN",
}
_CUR = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:[,'’\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:k|m|mn|bn|thousand|million|billion))?"
_AMOUNT_RE = re.compile(
    rf"(?<![\w$€£¥])(?:(?P<c1>{_CUR})\s?(?P<n1>{_NUM})(?P<s1>{_SCALE})"
    rf"|(?P<n2>{_NUM})(?P<s2>{_SCALE})\s?(?P<c2>{_CUR}))(?![\w])",
    re.IGNORECASE,
)
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}


@dataclass
class Amount:
    amount: float
    currency: str
    span: tuple[int, int]


def find_amount(text: str) -> Amount | None:
    """The first amount of money in `text` ("(18,000 USD)", "$5k", "€1.5M")."""
    for m in _AMOUNT_RE.finditer(text):
        cur = (m.group("c1") or m.group("c2")).lower()
        number = m.group("n1") or m.group("n2")
        scale = (m.group("s1") or m.group("s2") or "").strip().lower()
        value = float(re.sub(r"[,'’\u202f ]", "", number)) * _SCALES.get(scale, 1)
        return Amount(round(value, 2), _SYMBOLS[cur], m.span())
    return None
