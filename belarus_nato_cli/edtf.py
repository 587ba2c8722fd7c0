"""Partial dates and intervals: the EDTF level 0/1 subset the facts use.

Pure standard library, so the query path can use it without pydantic.
Bounds are ISO day strings ("YYYY-MM-DD"), which compare correctly as text.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from belarus_nato_cli.errors import BadDate

MIN_DAY = "0000-01-01"
MAX_DAY = "9999-12-31"

# ASCII digits only: int() would accept full-width digits, which are not dates.
_DATE = (
    r"(?P<year>[0-9]{2}[0-9X]{2})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?(?P<q>[?~%])?"
)
_QUERY_DATE = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"
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


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


class PartialDate(NamedTuple):
    """One EDTF date such as 2021, 2021-11, 2021-11-23, 201X or 2024-02-21?."""

    text: str
    earliest: str
    latest: str
    precision: str  # "year" | "month" | "day"
    uncertain: bool
    approximate: bool

    def human(self, short: bool = False) -> str:
        """In words: "November 2021", or with `short` "Nov 2021"; an uncertain (?) or
        approximate (~) date reads "about 29 Jul 2023"."""
        plain = self.text.rstrip("?~%")
        parts = plain.split("-")
        if "X" in plain:
            out = f"the {plain[:3]}0s" if re.fullmatch(r"[0-9]{3}X", plain) else plain
        elif self.precision == "year":
            out = parts[0]
        else:
            month = MONTHS[int(parts[1]) - 1]
            out = f"{month[:3] if short else month} {parts[0]}"
            if self.precision == "day":
                out = f"{int(parts[2])} {out}"
        if self.approximate or self.uncertain:
            out = "about " + out
        return out


class Edtf(NamedTuple):
    """A date or an interval. For an interval, start/end may be open ("..") or unknown ("")."""

    text: str
    start: PartialDate | None
    end: PartialDate | None
    is_interval: bool
    start_open: bool = False
    end_open: bool = False

    @property
    def earliest(self) -> str:
        return self.start.earliest if self.start else MIN_DAY

    @property
    def latest(self) -> str:
        if self.is_interval:
            return self.end.latest if self.end else MAX_DAY
        assert self.start is not None
        return self.start.latest

    def human(self, short: bool = False, moment: bool = False) -> str:
        """In words: "since Nov 2021", "from 18 Aug 2023 (end unknown)", "until Mar 2025".
        `moment`: the interval bounds one moment (as a `said` range does): "between Nov 2021
        and about Mar 2025", "before Mar 2025"."""
        start = self.start.human(short) if self.start else ""
        end = self.end.human(short) if self.end else ""
        if not self.is_interval:
            return start
        if start and end:
            return f"between {start} and {end}" if moment else f"{start} to {end}"
        if start:
            return f"since {start}" if self.end_open else f"from {start} (end unknown)"
        if moment:  # a moment known only by a latest date
            return f"before {end}"
        return f"until {end}" if self.start_open else f"until {end} (start unknown)"


def _parse_date(text: str) -> PartialDate:
    m = re.fullmatch(_DATE, text, re.ASCII)  # re caches the compiled pattern
    if not m:
        raise BadDate(f"malformed date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year_s, month_s, day_s, q = m["year"], m["month"], m["day"], m["q"]
    unspecified = "X" in year_s or "X" in (month_s or "") or "X" in (day_s or "")
    if unspecified:
        return _unspecified(text, year_s, month_s, day_s, q)
    year = int(year_s)
    precision = "year"
    first, last = f"{year_s}-01-01", f"{year_s}-12-31"
    if month_s is not None:
        month = int(month_s)
        if not 1 <= month <= 12:
            raise BadDate(f"impossible date {text!r}: month {month_s} is not 01-12")
        precision = "month"
        first = f"{year_s}-{month_s}-01"
        last = f"{year_s}-{month_s}-{days_in_month(year, month):02d}"
        if day_s is not None:
            day = int(day_s)
            if not 1 <= day <= days_in_month(year, month):
                raise BadDate(f"impossible date {text!r}: {year_s}-{month_s} has no day {day_s}")
            precision = "day"
            first = last = f"{year_s}-{month_s}-{day_s}"
    return PartialDate(text, first, last, precision, q in ("?", "%"), q in ("~", "%"))


def _unspecified(
    text: str, year_s: str, month_s: str | None, day_s: str | None, q: str | None
) -> PartialDate:
    # Unspecified digits (201X, 2021-XX) must be trailing: 2X21 is not a range.
    digits = year_s + (month_s or "") + (day_s or "")
    if re.search(r"X[0-9]", digits):
        raise BadDate(f"malformed date {text!r}: unspecified digits (X) must come last")
    lo_year = int(year_s.replace("X", "0"))
    hi_year = int(year_s.replace("X", "9"))
    precision = "day" if day_s else "month" if month_s else "year"
    if month_s is None or month_s == "XX":
        lo_m, hi_m = 1, 12
    else:
        lo_m = hi_m = int(month_s)
        if not 1 <= lo_m <= 12:
            raise BadDate(f"impossible date {text!r}: month {month_s} is not 01-12")
    first = f"{lo_year:04d}-{lo_m:02d}-01"
    last = f"{hi_year:04d}-{hi_m:02d}-{days_in_month(hi_year, hi_m):02d}"
    return PartialDate(text, first, last, precision, q in ("?", "%"), q in ("~", "%"))


def parse_edtf(text: str) -> Edtf:
    """Parse an EDTF date or interval, raising BadDate with a readable reason."""
    if not isinstance(text, str) or not text:
        raise BadDate("empty date")
    if "/" not in text:
        return Edtf(text, _parse_date(text), None, False)
    if text.count("/") != 1:
        raise BadDate(f"malformed interval {text!r}: more than one '/'")
    left, right = text.split("/")
    start_open, end_open = left == "..", right == ".."
    start = None if left in ("", "..") else _parse_date(left)
    end = None if right in ("", "..") else _parse_date(right)
    if start is None and end is None:
        raise BadDate(f"malformed interval {text!r}: give at least one end")
    if start and end and start.earliest > end.latest:
        raise BadDate(f"impossible interval {text!r}: it ends before it starts")
    return Edtf(text, start, end, True, start_open, end_open)


# A large pack repeats the same few thousand dates, and a build asks for each twice (the
# model checks it, the index stores its days): both share one parse of each date.
_parsed = functools.lru_cache(maxsize=65_536)(parse_edtf)


@functools.lru_cache(maxsize=65_536)
def edtf_bounds(text: str) -> tuple[str, str]:
    """Earliest and latest possible day of an EDTF string."""
    parsed = _parsed(text)
    return parsed.earliest, parsed.latest


DayColumns = tuple[str | None, str | None, str | None, str | None, str | None]


@functools.lru_cache(maxsize=65_536)
def day_columns(text: str, kind: str) -> DayColumns:
    """What the index stores for one date, as ISO days: (lo, hi, match_lo, match_hi, day).

    - lo, hi: the earliest and latest day it can touch (the --overlapping filter);
    - match_lo, match_hi: a window [first, last] matches by default when
      match_lo <= last and match_hi >= first. For a point or partial date these are its
      earliest and latest day: it matches when it can fall in the window. For an interval
      of `kind` "state" (what a claim is about: a state that begins and lasts) they are
      those of its start: it matches by its start. For an interval of `kind` "point" (a
      single moment known only to lie in the range, as a `said` date) they are swapped
      (latest, earliest), so the test reads "the whole range lies in the window": it
      matches only where it certainly happened. An open or unknown start gives None:
      never matched by default.
    - day: the day a timeline files it under (the start; the end when only that is known).
    """
    parsed = _parsed(text)
    lo, hi = parsed.earliest, parsed.latest
    start = parsed.start
    day = start.earliest if start else hi
    if not parsed.is_interval:
        return lo, hi, lo, hi, day
    if start is None:
        return lo, hi, None, None, day
    if kind == "point":
        return lo, hi, hi, lo, day
    return lo, hi, start.earliest, start.latest, day


def parse_query_date(text: str) -> tuple[str, str]:
    """A query date (YYYY, YYYY-MM or YYYY-MM-DD) as its first and last day."""
    if not re.fullmatch(_QUERY_DATE, text or "", re.ASCII):
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise BadDate(f"malformed date {shown!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    d = _parse_date(text)
    return d.earliest, d.latest


def human_edtf(text: str | None, short: bool = False, moment: bool = False) -> str:
    """Readable form of a stored EDTF string (see Edtf.human); empty for none."""
    if not text:
        return ""
    return parse_edtf(text).human(short, moment)


def short_date(text: str | None, moment: bool = False) -> str:
    """The compact form shown next to EDTF in tables and timelines; empty for none. A date
    that says nothing more in words than in EDTF (a bare year) gets none."""
    if not text:
        return ""
    words = parse_edtf(text).human(short=True, moment=moment)
    return "" if words == text else words
