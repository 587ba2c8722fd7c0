"""Reading the index: name resolution, filtered queries, statement records and listings.

Only the standard library: this is the hot path of every query.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from belarus_nato_cli.errors import AmbiguousName, BadInput, UnknownId, UnknownName
from belarus_nato_cli.record import (
    EntityRow,
    FlatRecord,
    IdRecord,
    Link,
    SourceRecord,
    SourceRef,
    SourceRow,
    StatementRecord,
    TopicRow,
)
from belarus_nato_cli.text import marked_draft, norm, strip_possessive

_WORD = r"\w+"
_UNBOUNDED = "\U0010ffff"


@dataclass(frozen=True)
class Filters:
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

# What a flat query reads: the plain columns behind record.FlatRecord.
_FLAT_COLUMNS = (
    "s.id, s.about, s.said, s.speaker, s.speaker_name, s.title, s.attribution, s.cue,"
    " s.certainty, s.text"
)


@dataclass(frozen=True)
class QueryResult(Generic[R]):
    records: Iterator[R]  # streamed: read once
    undated_left_out: int  # statements a date filter left out because they have no date
    limit: int
    cut: bool  # more matched than the limit let through


@dataclass(frozen=True)
class _Plan:
    """One query's SQL: the rows, in order, and the undated ones the date filter leaves out."""

    source: str  # FROM ... (with the ranking column's join, when ranked)
    score: str  # the ranking column, or NULL
    where: list[str]
    args: list[Any]
    order: str
    undated: int


def require_utf8(value: str, what: str) -> str:
    """Reject text that came from bytes that are not UTF-8 (Python keeps them as surrogates,
    which SQLite and the output could not encode)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "backslashreplace").decode("ascii", "replace")
        raise BadInput(f"{what} '{_shorten(shown)}' is not valid UTF-8 text") from None
    return value


def fts_words(text: str) -> list[str]:
    """The words of a free-text string; FTS5 syntax in it is just more words."""
    return [w for w in re.findall(_WORD, text) if w.strip("_")]


def require_words(text: str) -> list[str]:
    """The words of a --text value, which must have some."""
    words = fts_words(text)
    if not words:
        raise BadInput(f"--text {_shorten(text)!r} has no words to search for")
    return words


def quote_fts(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class Store:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._entity_names: dict[str, str] = {}
        self._topic_labels: dict[str, str] = {}
        self._cited: dict[str, SourceRef] = {}

    # -- names ---------------------------------------------------------------------------

    def resolve(self, what: str, name: str) -> str:
        """An entity or topic id from its id, name or alias (case, accents, apostrophes
        ignored); a unique prefix is enough."""
        label = "topic" if what == "topic" else ("speaker" if what == "speaker" else "actor")
        kind = "topic" if what == "topic" else "entity"
        require_utf8(name, label)
        key = norm(name)
        if not key:
            raise BadInput(f"empty {label} name")
        for candidate in dict.fromkeys([key, strip_possessive(key)]):
            ids = self._ids_where("norm = ?", (candidate,), kind)
            if ids:
                return self._one(label, name, ids)
        ids = self._ids_where("norm >= ? AND norm < ?", (key, key + _UNBOUNDED), kind)
        if ids:
            return self._one(label, name, ids)
        raise UnknownName(label, _shorten(name), self.suggest(kind, key))

    def _ids_where(self, cond: str, args: tuple[str, ...], kind: str) -> list[str]:
        rows = self.conn.execute(
            f"SELECT DISTINCT id FROM names WHERE {cond} AND what = ? ORDER BY id", (*args, kind)
        )
        return [r[0] for r in rows]

    def _one(self, label: str, name: str, ids: list[str]) -> str:
        if len(ids) == 1:
            return ids[0]
        raise AmbiguousName(label, _shorten(name), ids)

    def suggest(self, kind: str, key: str) -> list[str]:
        import difflib

        rows = self.conn.execute("SELECT norm, shown FROM names WHERE what = ?", (kind,)).fetchall()
        by_norm: dict[str, str] = {}
        for n, shown in rows:
            by_norm.setdefault(n, shown)
        close = difflib.get_close_matches(key[:200], list(by_norm), n=3, cutoff=0.6)
        return list(dict.fromkeys(by_norm[c] for c in close))

    def resolve_source(self, name: str) -> str:
        """A source id, exactly or by a unique prefix."""
        key = require_utf8(name, "source").strip()
        rows = self.conn.execute(
            "SELECT id FROM sources WHERE id >= ? AND id < ? ORDER BY id", (key, key + _UNBOUNDED)
        ).fetchall()
        ids = [r[0] for r in rows]
        if key in ids:
            return key
        if len(ids) == 1:
            return str(ids[0])
        if ids:
            raise AmbiguousName("source", _shorten(name), ids)
        import difflib

        known = [r[0] for r in self.conn.execute("SELECT id FROM sources")]
        raise UnknownName("source", _shorten(name), difflib.get_close_matches(key, known, n=3))

    def resolve_publisher(self, name: str) -> list[str]:
        """The publishers a name stands for, matched like other names: 'TASS' names every
        edition of TASS; a unique prefix is enough."""
        key = norm(require_utf8(name, "publisher"))
        if not key:
            raise BadInput("empty publisher name")
        for candidate in dict.fromkeys([key, strip_possessive(key)]):
            ids = self._ids_where("norm = ?", (candidate,), "publisher")
            if ids:
                return ids
        rows = self.conn.execute(
            "SELECT DISTINCT id, shown FROM names WHERE norm >= ? AND norm < ?"
            " AND what = 'publisher' ORDER BY id",
            (key, key + _UNBOUNDED),
        ).fetchall()
        bases = sorted({shown for _, shown in rows})
        if len(bases) > 1:
            raise AmbiguousName("publisher", _shorten(name), bases)
        if rows:
            return [r[0] for r in rows]
        raise UnknownName("publisher", _shorten(name), self.suggest("publisher", key))

    def names(self, what: str) -> list[str]:
        """Names for shell completion."""
        if what == "speaker":
            sql = "SELECT name FROM entities WHERE id IN (SELECT DISTINCT speaker FROM statements)"
        elif what == "topic":
            sql = "SELECT label FROM topics"
        elif what == "publisher":
            sql = "SELECT DISTINCT shown FROM names WHERE what = 'publisher'"
        else:
            sql = "SELECT name FROM entities"
        return sorted(r[0] for r in self.conn.execute(sql))

    def topic_with_descendants(self, topic: str) -> list[str]:
        rows = self.conn.execute("SELECT topic FROM topic_tree WHERE ancestor = ?", (topic,))
        return [r[0] for r in rows] or [topic]

    def lexicon(self, term: str) -> list[tuple[str, str]]:
        """(term, kind) for every word in the lexicon groups the term belongs to."""
        rows = self.conn.execute(
            "SELECT DISTINCT l2.term, l2.kind FROM lexicon l1 JOIN lexicon l2 ON l1.grp = l2.grp"
            " WHERE l1.term = ?",
            (term,),
        )
        return [(str(t), str(k)) for t, k in rows]

    def spelling_variants(self, word: str) -> list[str]:
        key = norm(word)
        variants = dict.fromkeys(t for t, kind in self.lexicon(key) if kind == "spelling")
        return [word, *(t for t in variants if t != key)]

    # -- queries -------------------------------------------------------------------------

    def fts_all_words(self, text: str) -> str:
        groups = []
        for w in require_words(text)[:64]:
            variants = self.spelling_variants(w)
            groups.append("(" + " OR ".join(quote_fts(v) for v in variants) + ")")
        return " AND ".join(groups)

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
            lo, hi = _DATE_COLUMNS[f.said, f.overlapping]
            where.append(f"s.{lo} <= ? AND s.{hi} >= ?")
            args += [f.end or "9999-12-31", f.start or "0000-01-01"]
        elif dated is False:
            where.append("s.said_lo IS NULL" if f.said else "s.lo IS NULL")
        return where, args

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
        return self._run(self._plan(f, sort), _FLAT_COLUMNS, int(limit), _flat)

    def query_ids(self, f: Filters, sort: Sort = "date", limit: int = 0) -> QueryResult[IdRecord]:
        def make(row: tuple[Any, ...]) -> IdRecord:
            return {"id": row[0]}

        return self._run(self._plan(f, sort), "s.id", int(limit), make)

    def statements(self, ids: list[str]) -> list[StatementRecord]:
        out = []
        for sid in ids:
            require_utf8(sid, "statement id")
            row = self.conn.execute(
                "SELECT record, has_links, disputed, corroborated FROM statements WHERE id = ?",
                (sid,),
            ).fetchone()
            if row is None:
                raise UnknownId(f"unknown statement id {_shorten(sid)!r}{self._id_hint(sid)}")
            out.append(self.enrich(row[0], bool(row[1]), standing=(row[2], row[3])))
        return out

    def _id_hint(self, sid: str) -> str:
        key = sid.strip().lower()
        rows = self.conn.execute(
            "SELECT id FROM statements WHERE id >= ? AND id < ? ORDER BY id LIMIT 4",
            (key, key + _UNBOUNDED),
        ).fetchall()
        if rows:
            return "; did you mean " + " or ".join(repr(r[0]) for r in rows[:3]) + "?"
        return ""

    # -- records -------------------------------------------------------------------------

    def entity_name(self, eid: str) -> str:
        name = self._entity_names.get(eid)
        if name is None:
            row = self.conn.execute("SELECT name FROM entities WHERE id = ?", (eid,)).fetchone()
            name = self._entity_names[eid] = row[0] if row else eid
        return name

    def cited(self, sid: str) -> SourceRef:
        """A source's citation details (cached: a listing cites few sources many times)."""
        ref = self._cited.get(sid)
        if ref is None:
            row = self.conn.execute(
                "SELECT title, publisher, published, json_extract(record, '$.url')"
                " FROM sources WHERE id = ?",
                (sid,),
            ).fetchone()
            title, publisher, published, url = row or (None, None, None, None)
            ref = self._cited[sid] = {
                "id": sid,
                "title": title,
                "publisher": publisher,
                "published": published,
                "url": url,
            }
        return ref

    def topic_label(self, tid: str) -> str:
        label = self._topic_labels.get(tid)
        if label is None:
            row = self.conn.execute("SELECT label FROM topics WHERE id = ?", (tid,)).fetchone()
            label = self._topic_labels[tid] = row[0] if row else tid
        return label

    def enrich(
        self,
        record: str,
        has_links: bool,
        score: float | None = None,
        standing: tuple[int, int] | None = None,
    ) -> StatementRecord:
        """A stored statement as the stable JSON record (see README: JSON records).
        `standing`: the stored (disputed, corroborated) columns; without them the links,
        read when `has_links`, tell. (Runs for every row of a listing: names come from the
        caches without a call.)"""
        st = json.loads(record)
        links = self.links(st["id"]) if has_links else []
        if standing is None:
            kinds = {link["kind"] for link in links}
            standing = ("contradicts" in kinds, "corroborates" in kinds)
        names, labels = self._entity_names, self._topic_labels
        speaker = st.get("speaker")
        out: StatementRecord = {
            "id": st["id"],
            "text": marked_draft(st["text"], st.get("draft", False)),
            "speaker": None
            if speaker is None
            else {
                "id": speaker,
                "name": names.get(speaker) or self.entity_name(speaker),
                "title": st.get("speaker_title"),
            },
            "attribution": st["attribution"],
            "cue": st.get("cue"),
            "certainty": st["certainty"],
            "hedges": st.get("hedges", []),
            "actors": [
                {
                    "id": a["entity"],
                    "name": names.get(a["entity"]) or self.entity_name(a["entity"]),
                    "role": a["role"],
                }
                for a in st.get("actors", ())
            ],
            "topics": [
                {"id": t, "label": labels.get(t) or self.topic_label(t)}
                for t in st.get("topics", ())
            ],
            "about": st.get("about"),
            "said": st.get("said"),
            "evidence": [
                {
                    "source": ev["source"],
                    "start": ev.get("start"),
                    "end": ev.get("end"),
                    "quote": ev.get("quote"),
                    "locator": ev.get("locator"),
                }
                for ev in st["evidence"]
            ],
            "sources": [
                self.cited(sid) for sid in dict.fromkeys(ev["source"] for ev in st["evidence"])
            ],
            "links": links,
            "notes": st.get("notes", []),
            "disputed": bool(standing[0]),
            "corroborated": bool(standing[1]),
        }
        if score is not None:
            out["score"] = round(float(score), 4)
        return out

    def links(self, sid: str) -> list[Link]:
        # the other statement's first source comes from its stored record, in SQL
        other = ", json_extract(o.record, '$.evidence[0].source'), coalesce(o.about, o.said)"
        rows = self.conn.execute(
            f"SELECT 'out', l.dst, l.kind, l.reason{other} FROM links l"
            " LEFT JOIN statements o ON o.id = l.dst WHERE l.src = ?"
            f" UNION ALL SELECT 'in', l.src, l.kind, l.reason{other} FROM links l"
            " LEFT JOIN statements o ON o.id = l.src WHERE l.dst = ?",
            (sid, sid),
        )
        return [
            {
                "kind": kind,
                "direction": direction,
                "id": other_id,
                "reason": reason,
                "source": source,
                "date": date,
            }
            for direction, other_id, kind, reason, source, date in rows
        ]

    def source(self, sid: str) -> SourceRecord | None:
        row = self.conn.execute("SELECT record FROM sources WHERE id = ?", (sid,)).fetchone()
        return _source_record(row[0]) if row else None

    # -- listings ------------------------------------------------------------------------

    def actors(self) -> Iterator[EntityRow]:
        return self._entities("SELECT id, kind, name, statements FROM entities ORDER BY id")

    def speakers(self) -> Iterator[EntityRow]:
        return self._entities(
            "SELECT e.id, e.kind, e.name, count(*) FROM statements s JOIN entities e"
            " ON e.id = s.speaker GROUP BY e.id ORDER BY e.id"
        )

    def _entities(self, sql: str) -> Iterator[EntityRow]:
        """Entity rows (id, kind, name, number of statements) as listing records."""
        for eid, kind, name, n in self.conn.execute(sql):
            yield {"id": eid, "kind": kind, "name": name, "statements": n}

    def topics(self) -> Iterator[TopicRow]:
        sql = "SELECT id, label, parent, statements FROM topics ORDER BY id"
        for tid, label, parent, n in self.conn.execute(sql):
            yield {"id": tid, "label": label, "parent": parent, "statements": n}

    def sources(self) -> Iterator[SourceRow]:
        sql = (
            "SELECT s.record, (SELECT count(*) FROM statement_sources x WHERE x.source = s.id)"
            " FROM sources s ORDER BY s.id"
        )
        for record, n in self.conn.execute(sql):
            yield {**_source_record(record), "statements": n}


def _flat(row: tuple[Any, ...]) -> FlatRecord:
    """A FlatRecord from _FLAT_COLUMNS (then has_links, disputed, corroborated and score)."""
    sid, about, said, speaker, name, title, attribution, cue, certainty, text = row[:10]
    disputed, corroborated, score = row[11:]
    out: FlatRecord = {
        "id": sid,
        "text": text,
        "speaker": None
        if speaker is None
        else {"id": speaker, "name": name or speaker, "title": title},
        "attribution": attribution,
        "cue": cue,
        "certainty": certainty,
        "about": about,
        "said": said,
        "disputed": bool(disputed),
        "corroborated": bool(corroborated),
    }
    if score is not None:
        out["score"] = round(float(score), 4)
    return out


def _source_record(record: str) -> SourceRecord:
    src = json.loads(record)
    return {
        "id": src["id"],
        "title": src.get("title"),
        "publisher": src.get("publisher"),
        "url": src.get("url"),
        "published": src.get("published"),
        "updated": src.get("updated"),
        "language": src.get("language"),
        "reliability": src.get("reliability"),
        "notes": src.get("notes", []),
    }


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width] + "..."
