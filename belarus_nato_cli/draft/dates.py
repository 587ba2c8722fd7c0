"""Dates the article states, as EDTF: "28 August 2023", "in November 2021", "earlier in July",
"last month", "on Monday" where the article fixes the week.

A date without its year, a relative date or a weekday is resolved against the article's
publication date, else the last date the article stated before it; with neither it is left
out. Nothing is guessed: a month stays a month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from belarus_nato_cli.draft.rules import Rules
from belarus_nato_cli.draft.tokens import Token, match_at

_YEAR_FOLLOWERS = frozenset(
    "and or to when as but the in on at after before that it he she they was were had has "
    "with for by while until since".split()
)
# before a year that modifies a noun: counts of that size are written "2,000"
_DETERMINERS = frozenset("a an the its his her their this that".split())
_DATE_PREPOSITIONS = frozenset(
    "in since from until till by during of early mid late before after".split()
)


@dataclass(frozen=True, slots=True)
class Stated:
    """A date the article states: tokens [start, end) of its sentence, and the EDTF."""

    start: int
    end: int
    edtf: str
    how: str | None = None  # how a relative date was resolved


Ymd = tuple[int, int | None, int | None]


@dataclass
class DateContext:
    published: Ymd | None = None
    last: Ymd | None = None  # the last date stated
    lead: Ymd | None = None  # the first full date of the first paragraph (the news itself)
    stated: dict[tuple[int, int], int] = field(default_factory=dict)  # (month, day) -> year

    @property
    def present(self) -> Ymd | None:
        """The article's present: its publication date, else the day its lead reports."""
        return self.published or self.lead

    def reference(self, deictic: bool) -> Ymd | None:
        """What a partial or relative date is read against."""
        if deictic and self.present is not None:
            return self.present
        return self.last or self.present


def parse_published(value: str | None) -> Ymd | None:
    """A publication date (EDTF) as (year, month, day); None when it is not one plain date."""
    if not value:
        return None
    parts = value.rstrip("?~%").split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return None
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else None
    day = int(parts[2]) if len(parts) > 2 else None
    return year, month, day


def lead_date(rules: Rules, sentences: list[list[Token]]) -> Ymd | None:
    """The first full date, year written out, in the given sentences (the first
    paragraph): the day the news is about, read as the article's present when it gives no
    publication date ("on Monday" is the Monday before it)."""
    finder = DateFinder(rules, DateContext())
    for tokens in sentences:
        for found in finder.find(tokens):
            parts = found.edtf.split("-")
            if found.how is None and len(parts) == 3 and all(p.isdigit() for p in parts):
                return int(parts[0]), int(parts[1]), int(parts[2])
    return None


def edtf(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


class DateFinder:
    def __init__(self, rules: Rules, context: DateContext) -> None:
        self.rules, self.context = rules, context
        self._years_ahead: list[tuple[int, int]] = []

    def find(self, tokens: list[Token]) -> list[Stated]:
        """The dates of one sentence, in order; the context moves on with each."""
        out: list[Stated] = []
        # a date without its year takes the year the same sentence gives later, if any
        # ("arrived in mid-July, officials said on 3 August 2023")
        self._years_ahead = [(k, int(t.text)) for k, t in enumerate(tokens) if _is_year(t)]
        i = 0
        while i < len(tokens):
            found = self._at(tokens, i)
            if found is None:
                i += 1
                continue
            out.append(self._interval(tokens, found, out))
            i = found.end
        return out

    def _at(self, tokens: list[Token], i: int) -> Stated | None:
        for reader in (self._day_month_year, self._month_day_year, self._month_year):
            found = reader(tokens, i)
            if found is not None:
                return found
        return self._relative(tokens, i) or self._weekday(tokens, i) or self._year(tokens, i)

    # -- explicit dates --------------------------------------------------------------------

    def _month(self, tok: Token) -> int | None:
        if not tok.is_capital:
            return None
        return self.rules.months.get(tok.key)

    def _day_month_year(self, tokens: list[Token], i: int) -> Stated | None:
        """26 June 2025, 26 June (year from the context)."""
        if not (tokens[i].is_number and tokens[i].text.isdigit()) or i + 1 >= len(tokens):
            return None
        month = self._month(tokens[i + 1])
        if month is None:
            return None
        year, end = self._year_after(tokens, i + 2)
        return self._make(i, end, year, month, int(tokens[i].text))

    def _month_day_year(self, tokens: list[Token], i: int) -> Stated | None:
        """June 26, 2025; June 26."""
        month = self._month(tokens[i])
        d = _past_stop(tokens, i + 1)  # "Jan. 5"
        if month is None or d >= len(tokens) or not tokens[d].text.isdigit():
            return None
        if len(tokens[d].text) > 2:
            return None  # "June 2025"
        end = d + 1
        if end + 1 < len(tokens) and tokens[end].text == ",":
            year, after = self._year_after(tokens, end + 1)
            if year is not None:
                return self._make(i, after, year, month, int(tokens[d].text))
        year, end = self._year_after(tokens, end)
        return self._make(i, end, year, month, int(tokens[d].text))

    def _month_year(self, tokens: list[Token], i: int) -> Stated | None:
        """November 2021; July (year from the context, after a preposition)."""
        month = self._month(tokens[i])
        if month is None:
            return None
        year, end = self._year_after(tokens, i + 1)
        before = {t.key for t in tokens[max(0, i - 3) : i]}  # "in mid-July", "since early May"
        if year is None and not before & _DATE_PREPOSITIONS:
            return None  # a capital "May" or "March" that is not a date
        earlier = i >= 2 and tokens[i - 2].key in {"earlier", "last"}
        return self._make(i, end, year, month, None, past=earlier)

    def _year_after(self, tokens: list[Token], k: int) -> tuple[int | None, int]:
        k = _past_stop(tokens, k)  # "5 Jan. 2024"
        if k < len(tokens) and _is_year(tokens[k]):
            return int(tokens[k].text), k + 1
        return None, k

    def _year(self, tokens: list[Token], i: int) -> Stated | None:
        tok = tokens[i]
        if not _is_year(tok):
            return None
        decade = i + 1 < len(tokens) and tokens[i + 1].text == "s"
        if decade and tokens[i + 1].start == tok.end and tok.text.endswith("0"):
            return Stated(i, i + 2, tok.text[:3] + "X")  # "the 1990s"
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = tokens[i - 1].key if i > 0 else ""
        if (
            after is not None
            and after.is_word
            and not after.is_capital
            and after.key not in _YEAR_FOLLOWERS
            and before not in _DATE_PREPOSITIONS
            and before not in _DETERMINERS
        ):
            return None  # "2000 troops"; but "a 2019 interview", "the 2020 election"
        return self._make(i, i + 1, int(tok.text), None, None)

    def _make(
        self,
        start: int,
        end: int,
        year: int | None,
        month: int | None,
        day: int | None,
        past: bool = False,
    ) -> Stated | None:
        how = None
        ahead = [y for k, y in self._years_ahead if k >= end]
        known = self.context.stated.get((month, day)) if month and day else None
        if year is None and known is not None:
            # "the 8 October readiness check": the 8 October the article stated with its year
            year, how = known, f"year taken from {edtf(known, month, day)} stated earlier"
        if year is None and ahead:
            year, how = ahead[0], f"year taken from {ahead[0]} later in the sentence"
        if year is None:
            ref = self.context.reference(deictic=False)
            if ref is None:
                return None
            year = ref[0]
            if past and month is not None and ref[1] is not None and month > ref[1]:
                year -= 1
            how = f"year taken from {edtf(*ref)}"
        if day is not None and not _valid_day(year, month or 1, day):
            return None
        self.context.last = (year, month, day)
        if month is not None and day is not None:
            self.context.stated.setdefault((month, day), year)
        return Stated(start, end, edtf(year, month, day), how)

    # -- relative dates --------------------------------------------------------------------

    def _relative(self, tokens: list[Token], i: int) -> Stated | None:
        for phrase, rule in self.rules.relative_by_start.get(tokens[i].key, ()):
            if not match_at(tokens, i, phrase):
                continue
            ref = self.context.reference(deictic=rule.deictic)
            needed = {"year": 1, "month": 2, "day": 3}[rule.unit]
            if ref is None or sum(p is not None for p in ref) < needed:
                return None
            value = _shift(ref, rule.unit, rule.shift)
            words = " ".join(t.text for t in tokens[i : i + len(phrase)])
            return Stated(i, i + len(phrase), value, f"'{words}' read against {edtf(*ref)}")
        return None

    def _weekday(self, tokens: list[Token], i: int) -> Stated | None:
        weekday = self.rules.weekdays.get(tokens[i].key)
        if weekday is None or not tokens[i].is_capital:
            return None
        if i + 1 < len(tokens) and tokens[i + 1].text == ",":
            nxt = tokens[i + 2] if i + 2 < len(tokens) else None
            if nxt is not None and (nxt.is_number or self._month(nxt)):
                return None  # "Thursday, 26 June 2025": the date itself follows
        ref = self.context.reference(deictic=True)
        if ref is None or ref[1] is None or ref[2] is None:
            return None
        day = dt.date(ref[0], ref[1], ref[2])
        if ref == self.context.published:
            back = (day.weekday() - weekday) % 7  # the last such day, up to the publication
            found = day - dt.timedelta(days=back)
        else:
            found = day + dt.timedelta(days=weekday - day.weekday())  # the same week
        how = f"'{tokens[i].text}' read in the week of {edtf(*ref)}"
        return Stated(i, i + 1, edtf(found.year, found.month, found.day), how)

    def _interval(self, tokens: list[Token], found: Stated, earlier: list[Stated]) -> Stated:
        """ "since November 2021" is 2021-11/..; "until" gives ../D; "between A and B" and
        "from A until B" give A/B."""
        before = tokens[found.start - 1].key if found.start > 0 else ""
        if before in {"and", "to"} and earlier and earlier[-1].end == found.start - 1:
            first = earlier[-1]
            opener = tokens[first.start - 1].key if first.start > 0 else ""
            if (opener, before) == ("between", "and"):
                earlier.pop()
                return Stated(first.start - 1, found.end, f"{first.edtf}/{found.edtf}")
            if before == "to" and first.edtf.endswith("/.."):  # "from A to B"
                earlier.pop()
                return Stated(first.start, found.end, f"{first.edtf[:-3]}/{found.edtf}")
        if before in self.rules.open_end:
            return Stated(found.start - 1, found.end, f"{found.edtf}/..", found.how)
        for phrase in self.rules.open_start:
            at = found.start - len(phrase)
            if at >= 0 and match_at(tokens, at, phrase):
                if earlier and earlier[-1].end == at and earlier[-1].edtf.endswith("/.."):
                    start = earlier.pop()
                    return Stated(start.start, found.end, f"{start.edtf[:-3]}/{found.edtf}")
                return Stated(at, found.end, f"../{found.edtf}", found.how)
        return found


def _past_stop(tokens: list[Token], k: int) -> int:
    """Past the full stop of an abbreviated month ("Jan." in "5 Jan. 2024")."""
    if not (0 < k < len(tokens) and tokens[k].text == "."):
        return k
    month = tokens[k - 1]
    short = len(month.text) <= 4 and month.is_capital and month.end == tokens[k].start
    return k + 1 if short else k


def _is_year(tok: Token) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2099


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _shift(ref: tuple[int, int | None, int | None], unit: str, shift: int) -> str:
    year, month, day = ref
    if unit == "year":
        return edtf(year + shift)
    if unit == "month":
        assert month is not None
        index = year * 12 + (month - 1) + shift
        return edtf(index // 12, index % 12 + 1)
    assert month is not None and day is not None
    found = dt.date(year, month, day) + dt.timedelta(days=shift)
    return edtf(found.year, found.month, found.day)
