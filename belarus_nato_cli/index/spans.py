"""How far apart a statement's default-match days can be (see edtf.day_columns), kept in meta.

A date window [first, last] matches a row when match_lo <= last and match_hi >= first. The
index on match_lo alone would scan every earlier row; knowing that no row's match_hi lies more
than `span` days after its match_lo, the scan can start at first - span (a year, for packs of
years, months and days). Rows whose days are swapped (a `said` range that must lie wholly in
the window) have match_lo >= first whenever they match, so the bound never leaves one out.
"""

from __future__ import annotations

import math
import sqlite3

# meta key: the columns it bounds
SPANS = {
    "match_span_days": ("match_lo", "match_hi"),
    "said_match_span_days": ("said_match_lo", "said_match_hi"),
}


def widen_spans(conn: sqlite3.Connection, after_rowid: int = 0) -> None:
    """Make the stored spans cover the statements numbered after `after_rowid` (all, for a
    new index). Spans only grow: a removed statement leaves a bound that is still safe."""
    # all statements: read from the index on the two columns (the final indexes are made
    # by then), far fewer pages than the table; an update's new statements: by rowid
    newer, params = (" AND rowid > ?", (after_rowid,)) if after_rowid else ("", ())
    for key, (lo, hi) in SPANS.items():
        row = conn.execute(
            f"SELECT max(julianday({hi}) - julianday({lo})) FROM statements"
            f" WHERE {hi} > {lo}{newer}",
            params,
        ).fetchone()
        new = math.ceil(row[0] or 0)
        old = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        span = max(new, int(old[0]) if old else 0)
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, str(span)))


def read_span(conn: sqlite3.Connection, key: str) -> int | None:
    """The stored span, or None for an index built before spans were kept."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row else None
