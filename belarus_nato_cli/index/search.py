"""The index queries `ask` ranks with: candidates, where a word occurs, what a statement names.

Only the standard library. Statements are passed around by their index rowid; `ids` below are
always a candidate pool (at most a few hundred rowids).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence, Sized
from typing import Any

from belarus_nato_cli.index.schema import SOURCE_TRUST, disputing_sql

# full-text columns: text, quotes (evidence and cue), names (names, aliases, titles, topics),
# context (notes, link reasons, the actors' descriptions, the sources' titles)
BM25 = "bm25(fts, 1.0, 0.8, 0.5, 0.2)"
TITLED = 200
_NAMED = {
    "entity": "SELECT stmt, max(role = 'speaker') FROM statement_actors WHERE (entity = ?{})",
    "topic": "SELECT stmt, 0 FROM statement_topics WHERE topic IN"
    " (SELECT topic FROM topic_tree WHERE ancestor = ?)",
}


def _named(what: str, ident: str, voices: Sequence[str]) -> tuple[str, list[str]]:
    """The statements that involve an entity or topic, with whether it speaks; `voices`: the
    people who speak for it (a ministry's officials), whose words are its own."""
    if not voices or what != "entity":
        return _NAMED[what].format(""), [ident]  # (a topic's has no place for speakers)
    more = f" OR role = 'speaker' AND entity IN ({_marks(voices)})"
    return _NAMED[what].format(more), [ident, *voices]


def quote_fts(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def any_of(words: Iterable[str]) -> str:
    return " OR ".join(quote_fts(w) for w in words)


def _marks(ids: Sized) -> str:
    return ",".join("?" * len(ids))


class Search:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def total(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM statements").fetchone()[0] or 0)

    # -- names -----------------------------------------------------------------------------

    def names_among(self, grams: list[str]) -> list[tuple[str, str, str]]:
        """(normalised name, "entity" or "topic", id) for the grams that are names."""
        if not grams:
            return []
        rows = self.conn.execute(
            f"SELECT norm, what, id FROM names WHERE norm IN ({','.join('?' * len(grams))})",
            grams,
        )
        return [(str(n), str(w), str(i)) for n, w, i in rows]

    def all_names(self) -> list[tuple[str, str, str]]:
        """Every (normalised name, what, id): the alias table, for spelling correction."""
        rows = self.conn.execute("SELECT norm, what, id FROM names")
        return [(str(n), str(w), str(i)) for n, w, i in rows]

    def names_of(self, ident: str) -> list[str]:
        """Every normalised name and alias of one entity or topic."""
        rows = self.conn.execute("SELECT norm FROM names WHERE id = ?", (ident,))
        return [str(r[0]) for r in rows]

    def named_count(self, what: str, ident: str) -> int:
        table = "entities" if what == "entity" else "topics"
        row = self.conn.execute(f"SELECT statements FROM {table} WHERE id = ?", (ident,))
        return int((row.fetchone() or [0])[0])

    def entity(self, eid: str) -> tuple[str, str, str] | None:
        """(kind, name, stored record) of an entity."""
        row = self.conn.execute(
            "SELECT kind, name, record FROM entities WHERE id = ?", (eid,)
        ).fetchone()
        return (str(row[0]), str(row[1]), str(row[2])) if row else None

    def described(self, kind: str) -> list[tuple[str, str]]:
        """(id, description) of the entities of one kind that the facts describe."""
        rows = self.conn.execute(
            "SELECT id, about FROM entities WHERE kind = ? AND about != ''", (kind,)
        )
        return [(str(eid), str(about)) for eid, about in rows]

    def kinds_and_descriptions(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Per entity id: its kind and its description ("" when the facts give none)."""
        wanted = list(dict.fromkeys(ids))
        rows = self.conn.execute(
            f"SELECT id, kind, about FROM entities WHERE id IN ({_marks(wanted)})",
            wanted,
        )
        return {str(eid): (str(kind), str(about or "")) for eid, kind, about in rows}

    # -- candidates ------------------------------------------------------------------------

    def doc_count(self, match: str) -> int:
        row = self.conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()
        return int(row[0])

    def ranked(
        self, match: str, window: tuple[str, str] | None, limit: int, said: bool = False
    ) -> dict[int, float]:
        """Statements matching a full-text query, best BM25 first, with their BM25 score
        (`said`: in the window by the day it was said, too)."""
        date_sql, args = _window(window, said)
        rows = self.conn.execute(
            f"SELECT fts.rowid, -{BM25} FROM fts JOIN statements s ON s.rowid = fts.rowid"
            f" WHERE fts MATCH ?{date_sql} ORDER BY {BM25} LIMIT {int(limit)}",
            [match, *args],
        )
        return {int(r): float(s) for r, s in rows}

    def named_statements(
        self,
        what: str,
        ident: str,
        window: tuple[str, str] | None,
        limit: int,
        said: bool = False,
        voices: Sequence[str] = (),
    ) -> list[int]:
        """Statements that involve an entity or topic (first by rowid)."""
        date_sql, args = _window(window, said)
        named, named_args = _named(what, ident, voices)
        rows = self.conn.execute(
            f"SELECT s.rowid FROM statements s WHERE s.rowid IN"
            f" (SELECT stmt FROM ({named} GROUP BY stmt)){date_sql}"
            f" ORDER BY s.rowid LIMIT {int(limit)}",
            [*named_args, *args],
        )
        return [int(r[0]) for r in rows]

    def in_period(self, window: tuple[str, str], limit: int) -> list[int]:
        """Statements dated in a period, earliest first ("what happened on 23 November 2021")."""
        date_sql, args = _window(window, maybe=False)
        rows = self.conn.execute(
            f"SELECT s.rowid FROM statements s WHERE 1{date_sql}"
            f" ORDER BY s.sort_day, s.rowid LIMIT {int(limit)}",
            args,
        )
        return [int(r[0]) for r in rows]

    # -- per candidate ---------------------------------------------------------------------

    def text_of(self, rowid: int) -> str:
        row = self.conn.execute("SELECT text FROM statements WHERE rowid = ?", (rowid,))
        return str(row.fetchone()[0])

    def matching(self, match: str, ids: list[int]) -> set[int]:
        """The candidates a full-text query (possibly column-filtered) matches."""
        rows = self.conn.execute(
            f"SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN ({_marks(ids)})", [match, *ids]
        )
        return {int(r[0]) for r in rows}

    def bm25_among(self, match: str, ids: list[int]) -> dict[int, float]:
        rows = self.conn.execute(
            f"SELECT rowid, -{BM25} FROM fts WHERE fts MATCH ? AND rowid IN ({_marks(ids)})",
            [match, *ids],
        )
        return {int(r): float(s) for r, s in rows}

    def involving(
        self, what: str, ident: str, ids: list[int], voices: Sequence[str] = ()
    ) -> list[tuple[int, bool]]:
        """(candidate, whether the entity speaks in it) for the candidates that involve it."""
        named, args = _named(what, ident, voices)
        sql = f"{named} AND stmt IN ({_marks(ids)}) GROUP BY stmt"
        return [(int(r), bool(s)) for r, s in self.conn.execute(sql, [*args, *ids])]

    def voiced(self, entity: str, ids: list[int]) -> dict[int, bool]:
        """The candidates in which the entity speaks or acts as the subject: whether it
        speaks, per candidate."""
        rows = self.conn.execute(
            "SELECT stmt, max(role = 'speaker') FROM statement_actors WHERE entity = ?"
            f" AND role IN ('speaker', 'subject') AND stmt IN ({_marks(ids)}) GROUP BY stmt",
            [entity, *ids],
        )
        return {int(r): bool(s) for r, s in rows}

    def party_counts(self, ids: list[int]) -> dict[int, int]:
        """How many distinct entities each candidate involves."""
        rows = self.conn.execute(
            f"SELECT stmt, count(DISTINCT entity) FROM statement_actors WHERE stmt IN"
            f" ({_marks(ids)}) GROUP BY stmt",
            ids,
        )
        return {int(r): int(n) for r, n in rows}

    def traits(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        """Per candidate: (first day of any date, located evidence, how many states, regions
        or groups it names as partners, whether it names a place where it happened)."""
        rows = self.conn.execute(
            "SELECT s.rowid, s.lo, s.located,"
            " (SELECT count(*) FROM statement_actors a JOIN entities e ON e.id = a.entity"
            "  WHERE a.stmt = s.rowid AND a.role = 'partner'"
            "  AND e.kind IN ('state', 'region', 'group')),"
            " EXISTS (SELECT 1 FROM statement_actors a WHERE a.stmt = s.rowid"
            "  AND a.role = 'location')"
            f" FROM statements s WHERE s.rowid IN ({_marks(ids)})",
            ids,
        )
        return {int(r[0]): tuple(r[1:]) for r in rows}

    def ids_of(self, ids: list[int]) -> list[str]:
        """The statement ids of these rowids, in the order given."""
        rows = self.conn.execute(
            f"SELECT rowid, id FROM statements WHERE rowid IN ({_marks(ids)})", ids
        )
        by_rowid = {int(r): str(i) for r, i in rows}
        return [by_rowid[i] for i in ids if i in by_rowid]

    def records(self, ids: list[int]) -> list[tuple[int, str, bool, tuple[int, int]]]:
        """(rowid, stored record, has links, (disputed, corroborated)) in the order asked."""
        rows = self.conn.execute(
            "SELECT rowid, record, has_links, disputed, corroborated FROM statements"
            f" WHERE rowid IN ({_marks(ids)})",
            ids,
        )
        by_id = {int(r): (str(rec), bool(h), (int(d), int(c))) for r, rec, h, d, c in rows}
        return [(i, *by_id[i]) for i in ids if i in by_id]

    # -- people and bodies -----------------------------------------------------------------

    def titles(self, eid: str) -> list[tuple[str, str, str | None, str, bool]]:
        """The titles sources give an entity: (title, statement id, date, first source, whether
        the statement has links), oldest statement first; from its first `TITLED` statements
        with a title (a speaker of thousands is profiled from a sample)."""
        rows = self.conn.execute(
            "SELECT title, id, coalesce(said, about), json_extract(record, '$.evidence[0].source'),"
            " has_links, sort_day FROM statements WHERE speaker = ? AND title IS NOT NULL"
            f" LIMIT {TITLED}",
            (eid,),
        ).fetchall()
        rows.sort(key=lambda r: (r[5] is None, r[5] or "", r[1]))
        return [(str(t), str(i), d, str(s), bool(h)) for t, i, d, s, h, _ in rows]

    def counts(self, eid: str) -> tuple[int, int]:
        """(statements it speaks in, statements that name it otherwise)."""
        spoken = self.conn.execute(
            "SELECT count(*) FROM statements WHERE speaker = ?", (eid,)
        ).fetchone()[0]
        named = self.conn.execute(
            "SELECT count(DISTINCT stmt) FROM statement_actors WHERE entity = ?"
            " AND role != 'speaker'",
            (eid,),
        ).fetchone()[0]
        return int(spoken), int(named)

    def source_trust(self, sources: list[str]) -> dict[str, int]:
        """How far each source is trusted (schema.SOURCE_TRUST; an unknown source: 0)."""
        if not sources:
            return {}
        rows = self.conn.execute(
            f"SELECT src.id, {SOURCE_TRUST} FROM sources src WHERE src.id IN ({_marks(sources)})",
            sources,
        )
        return {str(i): int(t) for i, t in rows}

    def disputing(self, ids: list[str]) -> set[tuple[str, str]]:
        """(statement, a statement that disputes it) for these statements (schema.disputing_sql:
        a title is disputed only by a source trusted at least as far)."""
        if not ids:
            return set()
        import json  # (only ask and the profiles come here)

        asked = "(SELECT value FROM json_each(:ids))"
        rows = self.conn.execute(
            f"SELECT me, other FROM ({disputing_sql(f'src IN {asked} OR dst IN {asked}')})"
            f" WHERE me IN {asked}",
            {"ids": json.dumps(ids)},
        )
        return {(str(m), str(o)) for m, o in rows}

    def speakers_and_titles(self, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """(speaker, title as the source gives it) per statement id."""
        if not ids:
            return {}
        rows = self.conn.execute(
            f"SELECT id, speaker, title FROM statements WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )
        return {str(i): (s, t) for i, s, t in rows}

    def titles_with(self, forms: list[list[str]]) -> list[tuple[str, str]]:
        """(speaker, title) for the titles, as sources give them, holding a form of every
        word."""
        match = " AND ".join(f"names : ({any_of(f)})" for f in forms)
        rows = self.conn.execute(
            "SELECT DISTINCT speaker, title FROM statements WHERE title IS NOT NULL AND rowid IN"
            " (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 5000)",
            (match,),
        )
        out = []
        for speaker, title in rows:
            words = set(re.findall(r"\w+", title.casefold()))
            if all(any(f in words for f in group) for group in forms):
                out.append((str(speaker), str(title)))
        return out


def _window(
    window: tuple[str, str] | None, said: bool = False, maybe: bool = True
) -> tuple[str, list[str]]:
    """ "what happened in 2019": the claim's time must start in that period, not just possibly
    overlap it, as a query's --since/--until allow. "What did X say in 2022" (`said`): or the
    day it was said must be in it (a claim made then about an earlier time answers it).

    `maybe`: a date known only to the year (or month) that holds the whole period may fall in
    it too: said "in 2024" may be said in December 2024 (an ongoing state, "since 2021", is not
    a date in December 2024). A list of what a period holds leaves these out."""
    if window is None:
        return "", []
    lo, hi = window
    sql, args = "s.sort_day BETWEEN ? AND ?", [lo, hi]
    if said:
        sql, args = f"{sql} OR s.said_day BETWEEN ? AND ?", [*args, lo, hi]
    if maybe:
        for prefix in ("", "said_") if said else ("",):
            sql += (
                f" OR (s.{prefix}lo <= ? AND s.{prefix}hi >= ?"
                f" AND julianday(s.{prefix}hi) - julianday(s.{prefix}lo) < 367)"
            )
            args += [lo, hi]
    return f" AND ({sql})", args
