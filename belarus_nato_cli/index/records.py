"""Reading records out of the index: statements as the JSON record of record.py (by id, or
from a stored row), their links, sources, and the catalogues of actors, speakers, topics and
sources."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from belarus_nato_cli.errors import UnknownId
from belarus_nato_cli.index.names import UNBOUNDED, NameIndex
from belarus_nato_cli.record import (
    EntityRow,
    FlatRecord,
    Link,
    SourceRecord,
    SourceRef,
    SourceRow,
    StatementRecord,
    TopicRow,
)
from belarus_nato_cli.text import marked_draft, require_utf8, shorten

# What a flat query reads: the plain columns behind record.FlatRecord.
FLAT_COLUMNS = (
    "s.id, s.about, s.said, s.speaker, s.speaker_name, s.title, s.attribution, s.cue,"
    " s.certainty, s.text"
)


class RecordIndex(NameIndex):
    """Statement records and catalogues over an open index (names come with them)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self._entity_names: dict[str, str] = {}
        self._topic_labels: dict[str, str] = {}
        self._cited: dict[str, SourceRef] = {}

    def statements(self, ids: list[str]) -> list[StatementRecord]:
        out = []
        for sid in ids:
            require_utf8(sid, "statement id")
            row = self.conn.execute(
                "SELECT record, has_links, disputed, corroborated FROM statements WHERE id = ?",
                (sid,),
            ).fetchone()
            if row is None:
                raise UnknownId(f"unknown statement id {shorten(sid)!r}{self._id_hint(sid)}")
            out.append(self.enrich(row[0], bool(row[1]), None, (row[2], row[3])))
        return out

    def _id_hint(self, sid: str) -> str:
        key = sid.strip().lower()
        rows = self.conn.execute(
            "SELECT id FROM statements WHERE id >= ? AND id < ? ORDER BY id LIMIT 4",
            (key, key + UNBOUNDED),
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
        score: float | None,
        standing: tuple[int, int],
    ) -> StatementRecord:
        """A stored statement as the stable JSON record (see README: JSON records).
        `standing`: its stored (disputed, corroborated) columns (schema.disputing_sql says what
        disputes a statement). (Runs for every row of a listing: names come from the caches
        without a call.)"""
        import json  # here: a flat listing (the piped default) never decodes a record

        st = json.loads(record)
        links = self.links(st["id"]) if has_links else []
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

    # -- catalogues ------------------------------------------------------------------------

    def actors(self) -> Iterator[EntityRow]:
        return self._entities(
            "SELECT id, kind, name, statements, json_extract(record, '$.description')"
            " FROM entities ORDER BY id"
        )

    def speakers(self) -> Iterator[EntityRow]:
        return self._entities(
            "SELECT e.id, e.kind, e.name, count(*), json_extract(e.record, '$.description')"
            " FROM statements s JOIN entities e"
            " ON e.id = s.speaker GROUP BY e.id ORDER BY e.id"
        )

    def _entities(self, sql: str) -> Iterator[EntityRow]:
        """Entity rows (id, kind, name, number of statements, description) as listing
        records."""
        for eid, kind, name, n, description in self.conn.execute(sql):
            yield {
                "id": eid,
                "kind": kind,
                "name": name,
                "statements": n,
                "description": description,
            }

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


def flat_record(row: tuple[Any, ...]) -> FlatRecord:
    """A FlatRecord from FLAT_COLUMNS (then has_links, disputed, corroborated and score)."""
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
    import json

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
