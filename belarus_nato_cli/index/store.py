"""Reading the index: name resolution, filtered queries, statement records and listings.

Only the standard library: this is the hot path of every query.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from typing import Any, Literal

from belarus_nato_cli.errors import AmbiguousName, BadInput, UnknownId, UnknownName
from belarus_nato_cli.text import norm, strip_possessive

_WORD = r"\w+"
_UNBOUNDED = "\U0010ffff"


class Filters:
    """Query filters: different fields AND together, several values of one field OR."""

    def __init__(
        self,
        actors: list[str] | None = None,
        speakers: list[str] | None = None,
        topics: list[str] | None = None,
        texts: list[str] | None = None,
        sources: list[str] | None = None,
        start: str | None = None,
        end: str | None = None,
        disputed: bool = False,
        corroborated: bool = False,
    ) -> None:
        self.actors = actors or []
        self.speakers = speakers or []
        self.topics = topics or []
        self.texts = texts or []
        self.sources = sources or []
        self.start = start  # first day of the date window
        self.end = end  # last day of the date window
        self.disputed = disputed
        self.corroborated = corroborated

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


# How much of each statement a query yields (see Store.query).
Detail = Literal["full", "no-links", "flat", "ids"]

# "flat" records: the keys of the full record that SQLite can give without Python decoding
# the stored JSON, and the record fields (render.STATEMENT_FIELDS) that need nothing more.
_FLAT_COLUMNS = (
    "s.id, s.about, s.said, s.speaker, s.speaker_name, s.title, s.attribution, s.cue,"
    " s.certainty, s.text"
)
# every query also reads each statement's standing: (has_links, disputed, corroborated, score)
FLAT_FIELDS = frozenset(
    [
        "id",
        "date",
        "about",
        "said",
        "speaker",
        "speaker_id",
        "title",
        "attribution",
        "cue",
        "certainty",
        "text",
        "score",
    ]
)


class QueryResult:
    def __init__(
        self, records: Iterator[dict[str, Any]], undated_left_out: int, limit: int
    ) -> None:
        self.records = records
        self.undated_left_out = undated_left_out
        self.limit = limit
        # set once `records` is exhausted: True when more matched than the limit let through
        self.cut = False


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

    def names(self, what: str) -> list[str]:
        """Names for shell completion."""
        if what == "speaker":
            sql = "SELECT name FROM entities WHERE id IN (SELECT DISTINCT speaker FROM statements)"
        elif what == "topic":
            sql = "SELECT label FROM topics"
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
        if match is not None and not joined:
            where.append("s.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(match)
        if f.disputed:
            where.append("s.disputed = 1")
        if f.corroborated:
            where.append("s.corroborated = 1")
        if dated is True:
            where.append("s.lo <= ? AND s.hi >= ?")
            args += [f.end or "9999-12-31", f.start or "0000-01-01"]
        elif dated is False:
            where.append("s.lo IS NULL")
        return where, args

    def query(
        self, f: Filters, sort: str = "date", limit: int = 0, detail: Detail = "full"
    ) -> QueryResult:
        """Matching statements, streamed. `detail` trims what outputs do not show: "no-links"
        leaves each record's links empty (a query less per linked statement); "flat" yields
        records with only the keys behind FLAT_FIELDS, read by SQLite (no JSON decoded here);
        "ids" yields only {"id": ...}."""
        match = " OR ".join(f"({self.fts_all_words(t)})" for t in f.texts) if f.texts else None
        ranked = sort == "relevance" and match is not None
        where, args = self._where(f, True if f.dated else None, match, joined=ranked)
        undated = 0
        if f.dated:
            w2, a2 = self._where(f, False, match)
            sql = "SELECT count(*) FROM statements s WHERE " + " AND ".join(w2)
            undated = self.conn.execute(sql, a2).fetchone()[0]
        column = {"ids": "s.id", "flat": _FLAT_COLUMNS}.get(detail, "s.record")
        standing = "s.has_links, s.disputed, s.corroborated"
        select = f"SELECT {column}, {standing}, NULL FROM statements s"
        if ranked:
            select = (
                f"SELECT {column}, {standing}, -bm25(fts, 1.0, 0.6, 0.3) FROM fts"
                " JOIN statements s ON s.rowid = fts.rowid"
            )
            where = ["fts MATCH ?", *where]
            args = [match, *args]
            order = "ORDER BY bm25(fts, 1.0, 0.6, 0.3), s.id"
        elif sort == "id":
            order = "ORDER BY s.id"
        else:
            order = "ORDER BY s.sort_day IS NULL, s.sort_day, s.hi, s.id"
        sql = select + (" WHERE " + " AND ".join(where) if where else "") + " " + order
        if limit:
            sql += f" LIMIT {int(limit) + 1}"
        result = QueryResult(iter(()), undated, limit)
        result.records = self._stream(sql, args, result, detail)
        return result

    def _stream(
        self, sql: str, args: list[Any], result: QueryResult, detail: Detail
    ) -> Iterator[dict[str, Any]]:
        links = detail == "full"
        for n, row in enumerate(self.conn.execute(sql, args), 1):
            if result.limit and n > result.limit:
                result.cut = True
                return
            if detail == "ids":
                yield {"id": row[0]}
            elif detail == "flat":
                yield self._flat(row)
            else:
                record = self.enrich(row[0], links and bool(row[1]), row[4])
                record["disputed"], record["corroborated"] = bool(row[2]), bool(row[3])
                yield record

    def _flat(self, row: tuple[Any, ...]) -> dict[str, Any]:
        """The keys of `enrich`'s record that FLAT_FIELDS read, from _FLAT_COLUMNS."""
        sid, about, said, speaker, name, title, attribution, cue, certainty, text = row[:10]
        disputed, corroborated, score = row[-3:]
        out: dict[str, Any] = {
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

    def statements(self, ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for sid in ids:
            require_utf8(sid, "statement id")
            row = self.conn.execute(
                "SELECT record, has_links, disputed, corroborated FROM statements WHERE id = ?",
                (sid,),
            ).fetchone()
            if row is None:
                raise UnknownId(f"unknown statement id {_shorten(sid)!r}{self._id_hint(sid)}")
            record = self.enrich(row[0], bool(row[1]))
            record["disputed"], record["corroborated"] = bool(row[2]), bool(row[3])
            out.append(record)
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

    def topic_label(self, tid: str) -> str:
        label = self._topic_labels.get(tid)
        if label is None:
            row = self.conn.execute("SELECT label FROM topics WHERE id = ?", (tid,)).fetchone()
            label = self._topic_labels[tid] = row[0] if row else tid
        return label

    def enrich(self, record: str, has_links: bool, score: float | None = None) -> dict[str, Any]:
        """A stored statement as the stable JSON record (see README: JSON records).
        (Runs for every row of a listing: names come from the caches without a call.)"""
        st = json.loads(record)
        names, labels = self._entity_names, self._topic_labels
        speaker = st.get("speaker")
        out: dict[str, Any] = {
            "id": st["id"],
            "text": st["text"],
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
            "links": self.links(st["id"]) if has_links else [],
            "notes": st.get("notes", []),
        }
        # where the caller did not read the stored standing, the links tell it
        kinds = {link["kind"] for link in out["links"]}
        out["disputed"] = "contradicts" in kinds
        out["corroborated"] = "corroborates" in kinds
        if score is not None:
            out["score"] = round(float(score), 4)
        return out

    def links(self, sid: str) -> list[dict[str, Any]]:
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

    def source(self, sid: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT record FROM sources WHERE id = ?", (sid,)).fetchone()
        return _source_record(row[0]) if row else None

    # -- listings ------------------------------------------------------------------------

    def actors(self) -> Iterator[dict[str, Any]]:
        return self._entities("SELECT id, kind, name, statements FROM entities ORDER BY id")

    def speakers(self) -> Iterator[dict[str, Any]]:
        return self._entities(
            "SELECT e.id, e.kind, e.name, count(*) FROM statements s JOIN entities e"
            " ON e.id = s.speaker GROUP BY e.id ORDER BY e.id"
        )

    def _entities(self, sql: str) -> Iterator[dict[str, Any]]:
        """Entity rows (id, kind, name, number of statements) as listing records."""
        for eid, kind, name, n in self.conn.execute(sql):
            yield {"id": eid, "kind": kind, "name": name, "statements": n}

    def topics(self) -> Iterator[dict[str, Any]]:
        sql = "SELECT id, label, parent, statements FROM topics ORDER BY id"
        for tid, label, parent, n in self.conn.execute(sql):
            yield {"id": tid, "label": label, "parent": parent, "statements": n}

    def sources(self) -> Iterator[dict[str, Any]]:
        sql = (
            "SELECT s.record, (SELECT count(*) FROM statement_sources x WHERE x.source = s.id)"
            " FROM sources s ORDER BY s.id"
        )
        for record, n in self.conn.execute(sql):
            out = _source_record(record)
            out["statements"] = n
            yield out


def _source_record(record: str) -> dict[str, Any]:
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
