"""Reading the index: the Store, which answers filtered queries (and, through the classes it
builds on, names: names.py, and records: records.py).

Only the standard library: this is the hot path of every query.
"""

# no `from __future__ import annotations`: a named tuple would compile each field's
# type from a string at start-up
import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.index.records import FLAT_COLUMNS, RecordIndex, flat_record
from belarus_nato_cli.index.spans import read_span
from belarus_nato_cli.record import FlatRecord, IdRecord, StatementRecord
from belarus_nato_cli.text import shorten

_WORD = r"\w+"


class Filters(NamedTuple):
    """Query filters: different fields AND together, several values of one field OR.
    Names are already resolved to ids; `start` and `end` are the first and last day of the
    date window."""

    actors: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()  # publisher names as the sources give them
    start: str | None = None
    end: str | None = None
    disputed: bool = False
    corroborated: bool = False
    # by default a date window takes what happened (or was said) in it: points that can fall
    # in it, intervals by their start; `overlapping` takes whatever touches it
    overlapping: bool = False
    said: bool = False  # the window is for when a statement was said, not the time it concerns

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


Sort = Literal["date", "id", "relevance"]

# The columns a date window is tested against (see edtf.day_columns), by (said, overlapping).
_DATE_COLUMNS = {
    (False, False): ("match_lo", "match_hi"),
    (False, True): ("lo", "hi"),
    (True, False): ("said_match_lo", "said_match_hi"),
    (True, True): ("said_lo", "said_hi"),
}
R = TypeVar("R")


class QueryResult(NamedTuple, Generic[R]):
    records: Iterator[R]  # streamed: read once
    undated_left_out: int  # statements a date filter left out because they have no date
    limit: int
    cut: bool  # more matched than the limit let through


class _Plan(NamedTuple):
    """One query's SQL: the rows, in order, and the undated ones the date filter leaves out."""

    source: str  # FROM ... (with the ranking column's join, when ranked)
    score: str  # the ranking column, or NULL
    where: list[str]
    args: list[Any]
    order: str
    undated: int


def fts_words(text: str) -> list[str]:
    """The words of a free-text string; FTS5 syntax in it is just more words."""
    return [w for w in re.findall(_WORD, text) if w.strip("_")]


def require_words(text: str) -> list[str]:
    """The words of a --text value, which must have some."""
    words = fts_words(text)
    if not words:
        raise BadInput(f"--text {shorten(text)!r} has no words to search for")
    return words


def quote_fts(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class Store(RecordIndex):
    """The index read for queries: filtered, ordered, limited statements, streamed (names,
    records and catalogues come from the classes below it)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self._spans: dict[str, int | None] = {}

    def fts_all_words(self, text: str) -> str:
        groups = []
        for w in require_words(text)[:64]:
            variants = self.spelling_variants(w)
            groups.append("(" + " OR ".join(quote_fts(v) for v in variants) + ")")
        # the statement's own words, evidence and names; not its context (notes, link
        # reasons, descriptions), which `ask` reads as weaker evidence
        return "{text quotes names} : (" + " AND ".join(groups) + ")"

    def _where(
        self, f: Filters, dated: bool | None, match: str | None, joined: bool = False
    ) -> tuple[list[str], list[Any]]:
        """SQL conditions for the filters. `joined`: the full-text match is the FROM of a
        ranked query, so it is not repeated as a condition."""
        where: list[str] = []
        args: list[Any] = []
        if f.actors:
            marks = ",".join("?" * len(f.actors))
            where.append(
                f"s.rowid IN (SELECT stmt FROM statement_actors WHERE entity IN ({marks}))"
            )
            args += f.actors
        if f.speakers:
            where.append(f"s.speaker IN ({','.join('?' * len(f.speakers))})")
            args += f.speakers
        if f.topics:
            topics = [t for topic in f.topics for t in self.topic_with_descendants(topic)]
            marks = ",".join("?" * len(topics))
            where.append(f"s.rowid IN (SELECT stmt FROM statement_topics WHERE topic IN ({marks}))")
            args += topics
        if f.sources:
            marks = ",".join("?" * len(f.sources))
            where.append(
                f"s.rowid IN (SELECT stmt FROM statement_sources WHERE source IN ({marks}))"
            )
            args += f.sources
        if f.publishers:
            marks = ",".join("?" * len(f.publishers))
            where.append(
                "s.rowid IN (SELECT stmt FROM statement_sources WHERE source IN"
                f" (SELECT id FROM sources WHERE publisher IN ({marks})))"
            )
            args += f.publishers
        if match is not None and not joined:
            where.append("s.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(match)
        if f.disputed:
            where.append("s.disputed = 1")
        if f.corroborated:
            where.append("s.corroborated = 1")
        if dated is True:
            cond, date_args = self._date_window(f)
            where.append(cond)
            args += date_args
        elif dated is False:
            where.append("s.said_lo IS NULL" if f.said else "s.lo IS NULL")
        return where, args

    def _date_window(self, f: Filters) -> tuple[str, list[Any]]:
        """The date filter's condition, on indexed columns (see edtf.day_columns)."""
        lo, hi = _DATE_COLUMNS[f.said, f.overlapping]
        first, last = f.start or "0000-01-01", f.end or "9999-12-31"
        cond, args = f"s.{lo} <= ? AND s.{hi} >= ?", [last, first]
        span = None if f.overlapping or not f.start else self._span("said_" if f.said else "")
        if span is not None:  # the index scan starts near the window, not at the first row
            cond += f" AND s.{lo} >= date(?, ?)"
            args += [first, f"-{span} days"]
        return cond, args

    def _span(self, prefix: str) -> int | None:
        key = f"{prefix}match_span_days"
        if key not in self._spans:
            self._spans[key] = read_span(self.conn, key)
        return self._spans[key]

    def _plan(self, f: Filters, sort: Sort) -> _Plan:
        match = " OR ".join(f"({self.fts_all_words(t)})" for t in f.texts) if f.texts else None
        ranked = sort == "relevance" and match is not None
        where, args = self._where(f, True if f.dated else None, match, joined=ranked)
        undated = 0
        if f.dated:
            w2, a2 = self._where(f, False, match)
            sql = "SELECT count(*) FROM statements s WHERE " + " AND ".join(w2)
            undated = self.conn.execute(sql, a2).fetchone()[0]
        if ranked:
            return _Plan(
                "fts JOIN statements s ON s.rowid = fts.rowid",
                "-bm25(fts, 1.0, 0.6, 0.3)",
                ["fts MATCH ?", *where],
                [match, *args],
                "ORDER BY bm25(fts, 1.0, 0.6, 0.3), s.id",
                undated,
            )
        order = "s.sort_day IS NULL, s.sort_day, s.hi, s.id"
        if sort == "id":
            order = "s.id"
        elif f.said:
            order = "s.said_day IS NULL, s.said_day, s.said_hi, s.id"
        return _Plan("statements s", "NULL", where, args, "ORDER BY " + order, undated)

    def _run(
        self, plan: _Plan, columns: str, limit: int, make: Callable[[tuple[Any, ...]], R]
    ) -> QueryResult[R]:
        where = " WHERE " + " AND ".join(plan.where) if plan.where else ""
        cut = False
        if limit:
            # whether more match than the limit: no ordering needed, so SQLite stops early
            more = f"SELECT EXISTS (SELECT 1 FROM {plan.source}{where} LIMIT 1 OFFSET {limit})"
            cut = bool(self.conn.execute(more, plan.args).fetchone()[0])
        standing = "s.has_links, s.disputed, s.corroborated"
        sql = f"SELECT {columns}, {standing}, {plan.score} FROM {plan.source}{where} {plan.order}"
        if limit:
            sql += f" LIMIT {limit}"
        rows = self.conn.execute(sql, plan.args)
        return QueryResult(map(make, rows), plan.undated, limit, cut)

    def query(
        self, f: Filters, sort: Sort = "date", limit: int = 0, links: bool = True
    ) -> QueryResult[StatementRecord]:
        """Matching statements in full, streamed. `links=False` leaves each record's links
        empty (a query less per linked statement) for outputs that do not show them."""

        def make(row: tuple[Any, ...]) -> StatementRecord:
            return self.enrich(row[0], links and bool(row[1]), row[4], (row[2], row[3]))

        return self._run(self._plan(f, sort), "s.record", int(limit), make)

    def query_flat(
        self, f: Filters, sort: Sort = "date", limit: int = 0
    ) -> QueryResult[FlatRecord]:
        """Matching statements with only the keys of FlatRecord, read from plain columns (no
        JSON decoded): for listings of flat fields."""
        return self._run(self._plan(f, sort), FLAT_COLUMNS, int(limit), flat_record)

    def query_ids(self, f: Filters, sort: Sort = "date", limit: int = 0) -> QueryResult[IdRecord]:
        def make(row: tuple[Any, ...]) -> IdRecord:
            return {"id": row[0]}

        return self._run(self._plan(f, sort), "s.id", int(limit), make)
